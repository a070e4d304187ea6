package dev.jvirt.libvirtwire;

/**
 * One libvirt RPC message: its header and its XDR payload (the procedure's args, ret, event or
 * error struct, or raw stream bytes). Holds plain arrays, so nothing needs releasing.
 */
public record Message(Header header, byte[] payload) {

    public XdrReader reader() {
        return new XdrReader(payload);
    }

    public static Message of(Header header, XdrWriter payload) {
        return new Message(header, payload.toByteArray());
    }
}
