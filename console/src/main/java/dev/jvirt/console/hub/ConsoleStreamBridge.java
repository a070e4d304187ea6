package dev.jvirt.console.hub;

import dev.jvirt.console.CloseReason;
import dev.jvirt.console.ConsoleException;
import dev.jvirt.console.stream.ConsoleFrame;
import dev.jvirt.console.stream.ConsoleFrameDecoder;
import dev.jvirt.console.stream.ConsoleFrameEncoder;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries one console session over a framed byte stream: what the daemon puts behind its console
 * endpoint. Output becomes DATA frames, the end a CLOSED frame (then the sink is closed); bytes
 * from the client are decoded, DATA goes to the guest and DETACH ends the session.
 *
 * <pre>{@code
 * ConsoleStreamBridge bridge = ConsoleStreamBridge.attach(hub, request, sink); // may throw ConsoleBusyException → 409
 * // for each inbound chunk:     bridge.receive(bytes, 0, n);
 * // when the connection closes: bridge.connectionClosed();
 * }</pre>
 */
public final class ConsoleStreamBridge {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleStreamBridge.class);

    private final ConsoleFrameDecoder decoder = new ConsoleFrameDecoder();
    private final FrameSink sink;
    private volatile ConsoleSession session;

    private ConsoleStreamBridge(FrameSink sink) {
        this.sink = sink;
    }

    /**
     * Attaches to {@code hub} and starts sending frames to {@code sink}.
     *
     * @throws dev.jvirt.console.ConsoleBusyException        another writer holds the console
     * @throws dev.jvirt.console.ConsoleUnavailableException the guest is not running
     */
    public static ConsoleStreamBridge attach(ConsoleHub hub, AttachRequest request, FrameSink sink) {
        ConsoleStreamBridge bridge = new ConsoleStreamBridge(sink);
        bridge.session = hub.attach(request, bridge.new Listener());
        return bridge;
    }

    public ConsoleSession session() {
        return session;
    }

    /**
     * Bytes that arrived from the client. Returns a stage that completes when its keystrokes
     * reached QEMU (for back-pressure: stop reading the client until then).
     */
    public CompletionStage<Void> receive(byte[] bytes, int off, int len) {
        CompletionStage<Void> last = ConsoleListener.DONE;
        try {
            for (ConsoleFrame f : decoder.feed(bytes, off, len)) {
                switch (f.type()) {
                    case DATA -> {
                        if (f.payload().length > 0) {
                            last = session.write(f.payload());
                        }
                    }
                    case DETACH -> session.close();
                    case CLOSED -> LOG.debug("console client sent a CLOSED frame; ignored");
                    default -> throw new IllegalStateException(f.type().toString());
                }
            }
        } catch (ConsoleException e) {
            LOG.info("console client sent a bad stream ({}); detaching it", e.getMessage());
            session.close();
        }
        return last;
    }

    /** The client's connection closed: detach (idempotent). */
    public void connectionClosed() {
        session.close();
    }

    private final class Listener implements ConsoleListener {

        @Override
        public CompletionStage<?> onOutput(byte[] output) {
            return sink.send(ConsoleFrameEncoder.encodeData(output, 0, output.length));
        }

        @Override
        public void onClosed(CloseReason reason, String message) {
            sink.send(ConsoleFrameEncoder.encode(ConsoleFrame.closed(reason, message)))
                    .whenComplete((r, e) -> sink.close());
        }
    }
}
