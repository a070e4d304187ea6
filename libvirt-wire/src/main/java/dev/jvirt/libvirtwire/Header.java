package dev.jvirt.libvirtwire;

/**
 * The 24-byte header of every libvirt RPC message (virNetMessageHeader).
 *
 * @param program   which program: remote, QEMU or keepalive ({@link Protocol})
 * @param version   the program's version (1 for all three)
 * @param procedure the procedure within the program
 * @param type      call, reply, message (event), stream ({@link Protocol#CALL} …)
 * @param serial    the call's serial; a reply and a stream packet carry their call's
 * @param status    OK, ERROR, or CONTINUE for stream data
 */
public record Header(int program, int version, int procedure, int type, int serial, int status) {

    public static Header read(XdrReader r) {
        return new Header(r.readInt(), r.readInt(), r.readInt(), r.readInt(), r.readInt(), r.readInt());
    }

    public void write(XdrWriter w) {
        w.writeInt(program).writeInt(version).writeInt(procedure).writeInt(type).writeInt(serial).writeInt(status);
    }

    /** The reply to this call, with {@code status}. */
    public Header reply(int status) {
        return new Header(program, version, procedure, Protocol.REPLY, serial, status);
    }

    /** A stream packet of this call's stream. */
    public Header stream(int status) {
        return new Header(program, version, procedure, Protocol.STREAM, serial, status);
    }

    @Override
    public String toString() {
        return String.format("prog=0x%x vers=%d proc=%d type=%d serial=%d status=%d", program, version, procedure, type,
                serial, status);
    }
}
