package dev.jvirt.libvirtwire;

import java.nio.ByteBuffer;
import java.util.UUID;

/** libvirt's {@code remote_nonnull_domain}: name, 16-byte UUID, and the id (-1 while inactive). */
public record WireDomain(String name, UUID uuid, int id) {

    public static WireDomain read(XdrReader r) {
        String name = r.readString();
        ByteBuffer b = ByteBuffer.wrap(r.readFixedOpaque(Protocol.UUID_LEN));
        return new WireDomain(name, new UUID(b.getLong(), b.getLong()), r.readInt());
    }

    public void write(XdrWriter w) {
        w.writeString(name).writeFixedOpaque(uuidBytes(uuid)).writeInt(id);
    }

    public static byte[] uuidBytes(UUID u) {
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    public static UUID uuid(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        return new UUID(buf.getLong(), buf.getLong());
    }
}
