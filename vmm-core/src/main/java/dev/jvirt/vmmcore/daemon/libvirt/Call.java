package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.libvirtwire.Header;
import dev.jvirt.libvirtwire.XdrException;
import dev.jvirt.libvirtwire.XdrReader;
import dev.jvirt.libvirtwire.XdrWriter;

/**
 * One call being answered: its header, its arguments to read, its result to write, the
 * connection it came on (for what lives as long as the connection: event callbacks, streams),
 * and what to do once the reply is on its way (a stream's first data must follow the reply).
 */
final class Call {
    private final Header header;
    private final XdrReader args;
    private final XdrWriter ret = new XdrWriter();
    private final LibvirtConnection connection;
    private Runnable afterReply;

    Call(Header header, XdrReader args, LibvirtConnection connection) {
        this.header = header;
        this.args = args;
        this.connection = connection;
    }

    Header header() {
        return header;
    }

    XdrReader args() {
        return args;
    }

    XdrWriter ret() {
        return ret;
    }

    LibvirtConnection connection() {
        return connection;
    }

    void afterReply(Runnable r) {
        this.afterReply = r;
    }

    Runnable afterReply() {
        return afterReply;
    }

    /** Fails the call when arguments are left over: a client speaking another struct than ours. */
    void argsDone() {
        if (args.remaining() != 0) {
            throw new XdrException(args.remaining() + " bytes after the arguments");
        }
    }
}
