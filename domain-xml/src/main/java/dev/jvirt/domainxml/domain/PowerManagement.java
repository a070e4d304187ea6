package dev.jvirt.domainxml.domain;

/** {@code <pm>}: S3/S4 suspend support; null means not stated. */
public record PowerManagement(Boolean suspendToMem, Boolean suspendToDisk) {}
