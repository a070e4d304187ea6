package dev.jvirt.libvirtwire;

/**
 * libvirt's {@code remote_error}, the payload of a reply with status ERROR: a virterror code and
 * domain ({@link VirError}) and a message for people. Clients key their fallbacks on the code
 * (e.g. {@link VirError#NO_SUPPORT} makes virsh try an older procedure).
 */
public record RemoteError(int code, int domain, String message) {

    public static RemoteError of(int code, int domain, String message) {
        return new RemoteError(code, domain, message);
    }

    public void write(XdrWriter w) {
        w.writeInt(code).writeInt(domain).writeOptionalString(message).writeInt(VirError.LEVEL_ERROR);
        w.writeBool(false); // dom
        w.writeOptionalString(null).writeOptionalString(null).writeOptionalString(null); // str1..3
        w.writeInt(0).writeInt(0);
        w.writeBool(false); // net
    }

    public static RemoteError read(XdrReader r) {
        int code = r.readInt();
        int domain = r.readInt();
        String message = r.readOptionalString();
        r.readInt();
        if (r.readBool()) {
            WireDomain.read(r);
        }
        r.readOptionalString();
        r.readOptionalString();
        r.readOptionalString();
        r.readInt();
        r.readInt();
        if (r.readBool()) {
            r.readString();
            r.readFixedOpaque(Protocol.UUID_LEN);
        }
        return new RemoteError(code, domain, message);
    }
}
