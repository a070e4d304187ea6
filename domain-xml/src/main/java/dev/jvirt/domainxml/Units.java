package dev.jvirt.domainxml;

import java.util.Locale;

/** libvirt's size units: {@code b, bytes, KB, k, KiB, MB, M, MiB, ... EiB}. */
public final class Units {
    private Units() {}

    /** The unit names libvirt accepts, for suggestions. */
    public static final java.util.List<String> NAMES = java.util.List.of(
            "b", "bytes", "KB", "k", "KiB", "MB", "M", "MiB", "GB", "G", "GiB",
            "TB", "T", "TiB", "PB", "P", "PiB", "EB", "E", "EiB");

    /**
     * The number of bytes in one unit, or -1 when the unit is unknown. A null or empty unit
     * means {@code defaultUnit}.
     */
    public static long scale(String unit, String defaultUnit) {
        String u = (unit == null || unit.isEmpty() ? defaultUnit : unit).toLowerCase(Locale.ROOT);
        if (u.equals("b") || u.equals("bytes")) {
            return 1;
        }
        if (u.isEmpty()) {
            return -1;
        }
        int power = "kmgtpe".indexOf(u.charAt(0)) + 1;
        String rest = u.substring(1);
        long base;
        if (power == 0) {
            return -1;
        } else if (rest.isEmpty() || rest.equals("ib")) {
            base = 1024;
        } else if (rest.equals("b")) {
            base = 1000;
        } else {
            return -1;
        }
        long v = 1;
        for (int i = 0; i < power; i++) {
            v *= base;
        }
        return v;
    }

    /** Multiplies, returning -1 on overflow. */
    public static long times(long value, long scale) {
        try {
            return Math.multiplyExact(value, scale);
        } catch (ArithmeticException e) {
            return -1;
        }
    }
}
