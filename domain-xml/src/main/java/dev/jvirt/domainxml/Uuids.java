package dev.jvirt.domainxml;

import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/** UUID generation and libvirt's UUID normalisation. */
public final class Uuids {
    private Uuids() {}

    /** A random (version 4) UUID drawn from {@code random}. */
    public static String random(Random random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (bytes[i] & 0xff);
            lo = (lo << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(hi, lo).toString();
    }

    /**
     * libvirt accepts 32 hex digits with dashes anywhere; the canonical form is 8-4-4-4-12 lower
     * case. Malformed text is returned unchanged for the validator to report.
     */
    public static String normalise(String u) {
        if (u == null) {
            return null;
        }
        String hex = u.replace("-", "").toLowerCase(Locale.ROOT);
        if (hex.length() != 32 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return u;
        }
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
