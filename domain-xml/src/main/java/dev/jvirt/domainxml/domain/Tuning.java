package dev.jvirt.domainxml.domain;

/**
 * The resource-tuning parts of a domain: {@code <blkiotune>}, {@code <memtune>},
 * {@code <cputune>}, {@code <numatune>} and {@code <resource><partition>}; each null when absent.
 *
 * @param blkiotune block I/O weight and limits
 * @param memtune memory limits
 * @param cputune CPU shares, bandwidth and pinning
 * @param numatune host NUMA placement of guest memory
 * @param partition {@code <resource><partition>}, e.g. {@code /machine}
 */
public record Tuning(BlkioTune blkiotune, MemTune memtune, CpuTune cputune, NumaTune numatune, String partition) {

    /** True when nothing is set (the domain then has no tuning at all). */
    public boolean isEmpty() {
        return blkiotune == null && memtune == null && cputune == null && numatune == null && partition == null;
    }
}
