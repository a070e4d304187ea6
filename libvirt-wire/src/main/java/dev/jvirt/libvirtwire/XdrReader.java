package dev.jvirt.libvirtwire;

import java.nio.charset.StandardCharsets;

/**
 * Reads XDR (RFC 4506) from a byte array: big-endian 4-byte units, strings and opaques padded to
 * four bytes. Every read is bounds-checked and every variable length is checked against its limit
 * before anything is allocated, so a hostile length costs nothing; failures are {@link XdrException}.
 */
public final class XdrReader {
    private final byte[] data;
    private int pos;

    public XdrReader(byte[] data) {
        this.data = data;
    }

    private void need(long n) {
        if (n < 0 || pos + n > data.length) {
            throw new XdrException("message ends early: " + n + " bytes needed at offset " + pos + " of " + data.length);
        }
    }

    public int readInt() {
        need(4);
        int v = ((data[pos] & 0xff) << 24) | ((data[pos + 1] & 0xff) << 16) | ((data[pos + 2] & 0xff) << 8)
                | (data[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    /** An {@code unsigned int}, as a non-negative long. */
    public long readUnsigned() {
        return readInt() & 0xffffffffL;
    }

    public long readHyper() {
        long hi = readInt() & 0xffffffffL;
        long lo = readInt() & 0xffffffffL;
        return (hi << 32) | lo;
    }

    public boolean readBool() {
        int v = readInt();
        if (v != 0 && v != 1) {
            throw new XdrException("a boolean is 0 or 1, not " + v);
        }
        return v == 1;
    }

    /** A variable-length opaque of at most {@code max} bytes. */
    public byte[] readOpaque(int max) {
        int len = readInt();
        if (len < 0 || len > max) {
            throw new XdrException("length " + (len & 0xffffffffL) + " exceeds the limit " + max);
        }
        return readFixedOpaque(len);
    }

    public byte[] readFixedOpaque(int len) {
        int padded = (len + 3) & ~3;
        need(padded);
        byte[] out = new byte[len];
        System.arraycopy(data, pos, out, 0, len);
        pos += padded;
        return out;
    }

    public String readString(int max) {
        return new String(readOpaque(max), StandardCharsets.UTF_8);
    }

    public String readString() {
        return readString(Protocol.STRING_MAX);
    }

    /** An optional string ({@code string *}): null when absent. */
    public String readOptionalString() {
        return readBool() ? readString() : null;
    }

    /** The length of a variable array, checked against {@code max}. */
    public int readArrayLength(int max) {
        int n = readInt();
        if (n < 0 || n > max) {
            throw new XdrException("array length " + (n & 0xffffffffL) + " exceeds the limit " + max);
        }
        return n;
    }

    public int remaining() {
        return data.length - pos;
    }
}
