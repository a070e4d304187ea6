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
 * @param pages {@code <hugepages><page size unit nodeset/></hugepages>}: the huge page size per guest NUMA node set
 */
public record MemoryBacking(
        boolean hugepages,
        boolean nosharepages,
        boolean locked,
        String sourceType,
        String accessMode,
        String allocationMode,
        boolean discard,
        java.util.List<Page> pages) {

    /** Normalises the list. */
    public MemoryBacking {
        pages = pages == null ? java.util.List.of() : java.util.List.copyOf(pages);
    }

    /** {@code <page size='2048' unit='KiB' nodeset='0'/>}, size in KiB; nodeset may be null. */
    public record Page(long sizeKiB, String nodeset) {}
}
