package dev.jvirt.virshcompat.format;

import java.util.Locale;

/** Sizes as virsh prints them (vshPrettyCapacity): {@code 1.00 GiB}, {@code 196.00 KiB}, {@code 512.00 B}. */
public final class Capacities {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Capacities() {
    }

    public static String pretty(long bytes) {
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s", v, UNITS[u]);
    }

    /** {@code pool-info}/{@code vol-info}'s value: pretty, or bytes with {@code --bytes}. */
    public static String info(long bytes, boolean asBytes) {
        return asBytes ? bytes + " bytes" : pretty(bytes);
    }
}
