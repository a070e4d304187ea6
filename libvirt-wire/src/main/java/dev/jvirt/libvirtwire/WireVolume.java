package dev.jvirt.libvirtwire;

/** libvirt's {@code remote_nonnull_storage_vol}: its pool's name, its name and its key. */
public record WireVolume(String pool, String name, String key) {

    public static WireVolume read(XdrReader r) {
        return new WireVolume(r.readString(), r.readString(), r.readString());
    }

    public void write(XdrWriter w) {
        w.writeString(pool).writeString(name).writeString(key);
    }
}
