package dev.jvirt.virshcompat.format;

import dev.jvirt.virshcompat.client.UsageException;
import java.util.Locale;

/**
 * A size as virsh reads it (vshCommandOptScaledInt, virScaleInteger): a number and an optional
 * unit — {@code b}, {@code k}/{@code KiB} (1024), {@code KB} (1000), and so on up to {@code e} —
 * with a default unit when there is none (KiB for setmem and setmaxmem).
 */
public final class ScaledSize {

    private ScaledSize() {
    }

    /** The size in bytes; a malformed value is virsh's usage error naming {@code option}. */
    public static long bytes(String value, long defaultScale, String option) {
        int i = 0;
        while (i < value.length() && Character.isDigit(value.charAt(i))) {
            i++;
        }
        try {
            if (i == 0) {
                throw new NumberFormatException(value);
            }
            long n = Long.parseLong(value.substring(0, i));
            long scale = scale(value.substring(i), defaultScale);
            return Math.multiplyExact(n, scale);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException("Scaled numeric value '" + value + "' for <" + option
                    + "> option is malformed or out of range");
        }
    }

    /** The size in KiB, rounded up (virsh's VIR_DIV_UP). */
    public static long kib(String value, String option) {
        long b = bytes(value, 1024, option);
        return b / 1024 + (b % 1024 == 0 ? 0 : 1);
    }

    private static long scale(String unit, long defaultScale) {
        if (unit.isEmpty()) {
            return defaultScale;
        }
        String u = unit.toLowerCase(Locale.ROOT);
        int base;
        if (u.length() == 1 || u.endsWith("ib") && u.length() == 3) {
            base = 1024;
        } else if (u.length() == 2 && u.charAt(1) == 'b') {
            base = 1000;
        } else {
            throw new NumberFormatException(unit);
        }
        int power = "bkmgtpe".indexOf(u.charAt(0));
        if (power < 0 || (power == 0 && u.length() > 1)) {
            throw new NumberFormatException(unit);
        }
        long s = 1;
        for (int p = 0; p < power; p++) {
            s = Math.multiplyExact(s, base);
        }
        return s;
    }
}
