package dev.jvirt.domainxml.network;

/** IPv4 text ↔ int, without any name resolution. */
final class Ipv4 {
    private Ipv4() {}

    /** The address as an unsigned 32-bit value in a long, or -1 when malformed. */
    static long parse(String s) {
        if (s == null) {
            return -1;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int o = Integer.parseInt(p);
            if (o > 255) {
                return -1;
            }
            v = (v << 8) | o;
        }
        return v;
    }

    /** The prefix length of a contiguous netmask, or -1. */
    static int prefixOf(String netmask) {
        long m = parse(netmask);
        if (m < 0) {
            return -1;
        }
        int prefix = Long.numberOfLeadingZeros(~m & 0xffffffffL) - 32;
        long expect = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return m == expect ? prefix : -1;
    }

    static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }

    /** A loose syntax check for IPv6 literals (hex groups, at most one '::'). */
    static boolean isIpv6(String s) {
        if (s == null || s.isEmpty() || s.indexOf("::") != s.lastIndexOf("::")) {
            return false;
        }
        String[] groups = s.split(":", -1);
        if (groups.length < 3 || groups.length > 8) {
            return false;
        }
        for (String g : groups) {
            if (g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return false;
            }
        }
        return true;
    }
}
