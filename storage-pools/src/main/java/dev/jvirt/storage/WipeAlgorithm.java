package dev.jvirt.storage;

import java.util.Locale;
import java.util.Set;

/**
 * The {@code vol-wipe} algorithms that make sense on files, SSDs and LVs. virsh's multi-pass
 * patterns (nnsa, dod, bsi, gutmann, schneier, pfitzner7, pfitzner33) were written for magnetic
 * disks and are refused with a reason rather than run as something they are not.
 */
public enum WipeAlgorithm {
    /** One pass of zeros over every byte (the volume ends up fully allocated). */
    ZERO,
    /** One pass of pseudo-random data. */
    RANDOM,
    /** Deallocate everything (punch the file empty, or discard an LV); reads as zeros after. */
    TRIM;

    private static final Set<String> MULTI_PASS = Set.of("nnsa", "dod", "bsi", "gutmann", "schneier", "pfitzner7", "pfitzner33");

    /** Parses a virsh algorithm name; null means zero. */
    public static WipeAlgorithm parse(String s) {
        if (s == null) {
            return ZERO;
        }
        String l = s.toLowerCase(Locale.ROOT);
        for (WipeAlgorithm a : values()) {
            if (a.name().toLowerCase(Locale.ROOT).equals(l)) {
                return a;
            }
        }
        if (MULTI_PASS.contains(l)) {
            throw new InvalidStorageRequestException("wipe algorithm '" + s + "' is a multi-pass pattern for magnetic disks"
                    + " and is not offered here; use zero, random or trim");
        }
        throw new InvalidStorageRequestException("unknown wipe algorithm '" + s + "' (expected zero, random or trim)");
    }
}
