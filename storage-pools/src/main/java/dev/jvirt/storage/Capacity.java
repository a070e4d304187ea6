package dev.jvirt.storage;

import dev.jvirt.domainxml.Units;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as virsh takes them: a scaled integer, {@code 10G}, {@code 512MiB}, {@code 1000000} (bytes). */
public final class Capacity {
    private static final Pattern SCALED = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");

    private Capacity() {}

    /** Parses; a bare number is in bytes, as in {@code vol-create-as}. */
    public static long parse(String s) {
        return parse(s, "bytes");
    }

    /** Parses with a default unit for bare numbers. */
    public static long parse(String s, String defaultUnit) {
        Matcher m = SCALED.matcher(s == null ? "" : s.strip());
        if (!m.matches()) {
            throw new InvalidStorageRequestException("invalid size '" + s + "' (expected a number with an optional unit, like 10G or 512MiB)");
        }
        long scale = Units.scale(m.group(2), defaultUnit);
        if (scale < 0) {
            throw new InvalidStorageRequestException("unknown unit '" + m.group(2) + "' in size '" + s + "' (expected one of "
                    + String.join(", ", Units.NAMES) + ")");
        }
        long v;
        try {
            v = Units.times(Long.parseLong(m.group(1)), scale);
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v < 0) {
            throw new InvalidStorageRequestException("size '" + s + "' is too large");
        }
        return v;
    }
}
