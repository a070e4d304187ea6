package dev.jvirt.libvirtwire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes XDR (RFC 4506) into a growing byte array; the counterpart of {@link XdrReader}. */
public final class XdrWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    public XdrWriter writeInt(int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    /** An {@code unsigned int} (the low 32 bits of {@code v}). */
    public XdrWriter writeUnsigned(long v) {
        return writeInt((int) v);
    }

    public XdrWriter writeHyper(long v) {
        writeInt((int) (v >>> 32));
        return writeInt((int) v);
    }

    public XdrWriter writeBool(boolean v) {
        return writeInt(v ? 1 : 0);
    }

    public XdrWriter writeFixedOpaque(byte[] b) {
        out.write(b, 0, b.length);
        for (int i = b.length; (i & 3) != 0; i++) {
            out.write(0);
        }
        return this;
    }

    /** Bytes as they are, unpadded (a stream packet's data is not XDR). */
    public XdrWriter writeRaw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public XdrWriter writeOpaque(byte[] b) {
        writeInt(b.length);
        return writeFixedOpaque(b);
    }

    public XdrWriter writeString(String s) {
        return writeOpaque(s.getBytes(StandardCharsets.UTF_8));
    }

    /** An optional string ({@code string *}). */
    public XdrWriter writeOptionalString(String s) {
        writeBool(s != null);
        return s == null ? this : writeString(s);
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    public int size() {
        return out.size();
    }
}
