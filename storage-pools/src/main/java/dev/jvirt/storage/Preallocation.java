package dev.jvirt.storage;

import java.util.Locale;

/** How much of a new volume is allocated up front (qemu-img's {@code preallocation=} option). */
public enum Preallocation {
    /** Sparse: nothing allocated. */
    OFF,
    /** qcow2 only: the metadata (L1/L2 tables, refcounts) is written; data stays sparse. */
    METADATA,
    /** Space reserved with fallocate(2): fast, reads as zeros. */
    FALLOC,
    /** Every byte written with zeros. */
    FULL;

    /** The qemu-img option value. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code off|metadata|falloc|full}. */
    public static Preallocation parse(String s) {
        for (Preallocation p : values()) {
            if (p.option().equals(s)) {
                return p;
            }
        }
        throw new InvalidStorageRequestException("unknown preallocation '" + s + "' (expected off, metadata, falloc or full)");
    }
}
