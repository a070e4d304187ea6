package dev.jvirt.domainxml.domain;

/**
 * {@code <memoryBacking>}: how guest RAM is provided (virtiofs needs shared memory).
 *
 * @param hugepages {@code <hugepages/>} present
 * @param nosharepages {@code <nosharepages/>} present
 * @param locked {@code <locked/>} present
 * @param sourceType {@code <source type='memfd|file|anonymous'/>}, or null
 * @param accessMode {@code <access mode='shared|private'/>}, or null
 * @param allocationMode {@code <allocation mode='immediate|ondemand'/>}, or null
 * @param discard {@code <discard/>} present
 */
public record MemoryBacking(
    boolean hugepages,
    boolean nosharepages,
    boolean locked,
    String sourceType,
    String accessMode,
    String allocationMode,
    boolean discard) {}
