package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.console.CloseReason;
import dev.jvirt.console.hub.AttachRequest;
import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.console.hub.ConsoleListener;
import dev.jvirt.console.hub.ConsoleSession;
import dev.jvirt.libvirtwire.Header;
import dev.jvirt.libvirtwire.Message;
import dev.jvirt.libvirtwire.Protocol;
import dev.jvirt.libvirtwire.RemoteError;
import dev.jvirt.libvirtwire.VirError;
import dev.jvirt.libvirtwire.XdrWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code virDomainOpenConsole}'s stream: the guest's console output as STREAM packets (status
 * CONTINUE) with the call's serial, the client's STREAM packets as keystrokes. The hub session is
 * attached before the call is answered (a busy console or a stopped guest is the call's error);
 * output waits for the reply to be on its way. The stream ends with the guest (an empty CONTINUE packet: end
 * of file), a takeover by {@code --force} (STREAM ERROR), or the client's finish (answered STREAM OK)
 * or abort (answered with an error reply, as libvirtd does).
 */
final class ConsoleStream implements ConsoleListener {
    private final LibvirtConnection connection;
    private final Header call;
    private final CompletableFuture<Void> replied = new CompletableFuture<>();
    private volatile ConsoleSession session;
    private volatile boolean ended;

    private ConsoleStream(LibvirtConnection connection, Header call) {
        this.connection = connection;
        this.call = call;
    }

    static ConsoleStream open(LibvirtConnection connection, Header call, ConsoleHub hub, AttachRequest request) {
        ConsoleStream s = new ConsoleStream(connection, call);
        s.session = hub.attach(request, s);
        connection.openStream(call.serial(), s);
        return s;
    }

    /** The call's reply has been written: output may follow. */
    void replied() {
        replied.complete(null);
    }

    @Override
    public CompletionStage<?> onOutput(byte[] output) {
        return replied.thenCompose(v -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            connection.send(new Message(call.stream(Protocol.CONTINUE), output)).addListener(f -> done.complete(null));
            return done;
        });
    }

    @Override
    public void onClosed(CloseReason reason, String message) {
        ended = true;
        replied.thenRun(() -> {
            if (reason == CloseReason.GUEST_STOPPED || reason == CloseReason.DETACHED) {
                if (reason != CloseReason.DETACHED) {
                    // end of file is an empty data packet; STREAM OK is only the answer to the client's finish
                    connection.send(new Message(call.stream(Protocol.CONTINUE), new byte[0]));
                }
            } else {
                XdrWriter w = new XdrWriter();
                RemoteError.of(VirError.OPERATION_FAILED, VirError.FROM_STREAMS,
                        "operation failed: the console is closed" + (message == null ? "" : ": " + message)).write(w);
                connection.send(Message.of(call.stream(Protocol.ERROR), w));
            }
        });
    }

    /** A STREAM packet from the client: keystrokes, finish or abort. */
    void fromClient(Message m) {
        int status = m.header().status();
        if (status == Protocol.CONTINUE) {
            if (!ended && m.payload().length > 0) {
                session.write(m.payload());
            }
            return;
        }
        ended = true;
        session.close();
        connection.streamEnded(call.serial());
        if (status == Protocol.OK) {
            connection.send(new Message(call.stream(Protocol.OK), new byte[0]));
        } else {
            connection.error(call, RemoteError.of(VirError.RPC, VirError.FROM_RPC, "RPC error: stream aborted at client request"));
        }
    }

    /** The client went away. */
    void connectionClosed() {
        ended = true;
        session.close();
    }
}
