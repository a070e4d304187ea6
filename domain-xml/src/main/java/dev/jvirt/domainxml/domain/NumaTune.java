package dev.jvirt.domainxml.domain;

import java.util.List;

/**
 * {@code <numatune>}: on which host NUMA nodes the guest's memory is placed.
 *
 * @param memory {@code <memory mode nodeset placement>}, or null
 * @param memnodes {@code <memnode cellid mode nodeset>} per guest cell, in order
 */
public record NumaTune(Memory memory, List<MemNode> memnodes) {

    /** Normalises the list. */
    public NumaTune {
        memnodes = memnodes == null ? List.of() : List.copyOf(memnodes);
    }

    /** {@code <memory mode='strict|preferred|interleave|restrictive' nodeset='0-1' placement='static|auto'/>}. */
    public record Memory(String mode, String nodeset, String placement) {}

    /** {@code <memnode cellid='0' mode='strict' nodeset='1'/>}. */
    public record MemNode(Integer cellid, String mode, String nodeset) {}
}
