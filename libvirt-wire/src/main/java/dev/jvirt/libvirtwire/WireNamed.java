package dev.jvirt.libvirtwire;

import java.util.UUID;

/**
 * libvirt's {@code remote_nonnull_network} and {@code remote_nonnull_storage_pool}, which have
 * the same form: a name and a 16-byte UUID.
 */
public record WireNamed(String name, UUID uuid) {

    public static WireNamed read(XdrReader r) {
        String name = r.readString();
        return new WireNamed(name, WireDomain.uuid(r.readFixedOpaque(Protocol.UUID_LEN)));
    }

    public void write(XdrWriter w) {
        w.writeString(name).writeFixedOpaque(WireDomain.uuidBytes(uuid));
    }
}
