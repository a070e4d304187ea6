package dev.jvirt.bridgenet;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;

/**
 * An IPv4 or IPv6 address with a prefix length ({@code 192.168.122.1/24}). Parsed from literals
 * only: nothing here ever resolves a name.
 */
public final class Cidr {
    private final byte[] address;
    private final int prefix;

    private Cidr(byte[] address, int prefix) {
        this.address = address;
        this.prefix = prefix;
    }

    /** {@code ADDRESS/PREFIX}, or a bare address (a host: /32 or /128). */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        byte[] a = parseAddress(slash < 0 ? text : text.substring(0, slash));
        int p = a.length * 8;
        if (slash >= 0) {
            String ps = text.substring(slash + 1);
            if (ps.isEmpty() || ps.length() > 3 || !ps.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bad prefix in '" + text + "'");
            }
            p = Integer.parseInt(ps);
        }
        return of(a, p, text);
    }

    /** An address and a prefix length. */
    public static Cidr of(String address, int prefix) {
        return of(parseAddress(address), prefix, address + "/" + prefix);
    }

    private static Cidr of(byte[] a, int p, String text) {
        if (p < 0 || p > a.length * 8) {
            throw new IllegalArgumentException("prefix " + p + " is out of range in '" + text + "'");
        }
        return new Cidr(a, p);
    }

    /** Whether {@code text} is an IPv4 or IPv6 literal. */
    public static boolean isAddress(String text) {
        try {
            parseAddress(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean isIpv6() {
        return address.length == 16;
    }

    public int prefix() {
        return prefix;
    }

    /** The address as given (host bits kept). */
    public String address() {
        return format(address);
    }

    /** The subnet this address is in: host bits cleared. */
    public Cidr network() {
        return new Cidr(masked(prefix), prefix);
    }

    /** Whether {@code other}'s whole range lies in this one. */
    public boolean contains(Cidr other) {
        return other.address.length == address.length && other.prefix >= prefix
                && Arrays.equals(other.masked(prefix), masked(prefix));
    }

    /** Whether the two ranges share any address. */
    public boolean overlaps(Cidr other) {
        return contains(other) || other.contains(this);
    }

    /** The address as an unsigned number, for range comparisons. */
    public BigInteger value() {
        return new BigInteger(1, address);
    }

    /** The IPv4 netmask in dotted form ({@code 255.255.255.0}); IPv6 has none. */
    public String netmask() {
        if (isIpv6()) {
            throw new IllegalStateException("IPv6 has no netmask");
        }
        byte[] m = new byte[4];
        for (int i = 0; i < prefix; i++) {
            m[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        return format(m);
    }

    /** How many addresses the subnet holds (capped at {@link Long#MAX_VALUE}). */
    public long size() {
        int hostBits = address.length * 8 - prefix;
        return hostBits >= 63 ? Long.MAX_VALUE : 1L << hostBits;
    }

    private byte[] masked(int bits) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length * 8; i++) {
            if (i >= bits) {
                out[i / 8] &= (byte) ~(0x80 >>> (i % 8));
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.address, address);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(address) * 31 + prefix;
    }

    @Override
    public String toString() {
        return address() + "/" + prefix;
    }

    static byte[] parseAddress(String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("empty address");
        }
        return s.indexOf(':') >= 0 ? parse6(s) : parse4(s);
    }

    private static byte[] parse4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + s + "' is not an IPv4 address");
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                throw new IllegalArgumentException("'" + s + "' is not an IPv4 address");
            }
            out[i] = (byte) Integer.parseInt(p);
        }
        return out;
    }

    private static byte[] parse6(String s) {
        String bad = "'" + s + "' is not an IPv6 address";
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            throw new IllegalArgumentException(bad);
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = groups(head, bad);
        int[] t = groups(tail, bad);
        if (dbl < 0 ? h.length != 8 : h.length + t.length > 7) {
            throw new IllegalArgumentException(bad);
        }
        byte[] out = new byte[16];
        for (int i = 0; i < h.length; i++) {
            out[2 * i] = (byte) (h[i] >>> 8);
            out[2 * i + 1] = (byte) h[i];
        }
        for (int i = 0; i < t.length; i++) {
            int g = 8 - t.length + i;
            out[2 * g] = (byte) (t[i] >>> 8);
            out[2 * g + 1] = (byte) t[i];
        }
        return out;
    }

    private static int[] groups(String part, String bad) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] gs = part.split(":", -1);
        int[] out = new int[gs.length];
        for (int i = 0; i < gs.length; i++) {
            String g = gs[i];
            if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException(bad);
            }
            out[i] = Integer.parseInt(g, 16);
        }
        return out;
    }

    private static String format(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
