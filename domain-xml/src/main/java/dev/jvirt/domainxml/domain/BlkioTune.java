package dev.jvirt.domainxml.domain;

import java.util.List;

/**
 * {@code <blkiotune>}: block I/O weight of the guest's cgroup and per-device limits.
 *
 * @param weight {@code <weight>} (100–1000), or null
 * @param devices {@code <device>} entries in order
 */
public record BlkioTune(Integer weight, List<Device> devices) {

    /** Normalises the list. */
    public BlkioTune {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    /** {@code <device><path/><weight/><read_bytes_sec/>...</device>}; null parts were not given. */
    public record Device(String path, Integer weight, Long readBytesSec, Long writeBytesSec, Long readIopsSec,
            Long writeIopsSec) {}
}
