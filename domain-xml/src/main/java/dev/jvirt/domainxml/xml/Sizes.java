package dev.jvirt.domainxml.xml;

import dev.jvirt.domainxml.Units;

/** Reads {@code <x unit='MiB'>512</x>} size elements. */
public final class Sizes {
    private Sizes() {}

    /** The element's size in bytes; {@code defaultUnit} applies when no unit is given. */
    public static long bytes(Node n, String defaultUnit) {
        String unit = n.attr("unit");
        String text = n.text();
        if (text.isEmpty()) {
            throw n.error("a size is required");
        }
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw n.error("size must be a non-negative integer, got '" + text + "'");
        }
        if (v < 0) {
            throw n.error("size must be a non-negative integer, got '" + text + "'");
        }
        long scale = Units.scale(unit, defaultUnit);
        if (scale < 0) {
            throw n.error("unknown unit '" + unit + "'", Suggest.nearest(unit, Units.NAMES));
        }
        long b = Units.times(v, scale);
        if (b < 0) {
            throw n.error("size " + text + " " + (unit == null ? defaultUnit : unit) + " is too large");
        }
        return b;
    }

    /** The element's size in KiB, rounded up as libvirt does; KiB is the default unit. */
    public static long kib(Node n) {
        long b = bytes(n, "KiB");
        return b / 1024 + (b % 1024 == 0 ? 0 : 1);
    }

    /**
     * A size given as an attribute with its unit in another attribute, such as NUMA cells'
     * {@code memory='2' unit='GiB'}, in KiB rounded up; KiB is the default unit. Absent is an error.
     */
    public static long kibAttr(Node n, String attr, String unitAttr) {
        String text = n.requiredAttr(attr).strip();
        String unit = n.attr(unitAttr);
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw n.error("attribute '" + attr + "' must be a non-negative integer, got '" + text + "'");
        }
        long scale = Units.scale(unit, "KiB");
        if (v < 0) {
            throw n.error("attribute '" + attr + "' must be a non-negative integer, got '" + text + "'");
        }
        if (scale < 0) {
            throw n.error("unknown unit '" + unit + "'", Suggest.nearest(unit, Units.NAMES));
        }
        long b = Units.times(v, scale);
        if (b < 0) {
            throw n.error("size " + text + " " + (unit == null ? "KiB" : unit) + " is too large");
        }
        return b / 1024 + (b % 1024 == 0 ? 0 : 1);
    }
}
