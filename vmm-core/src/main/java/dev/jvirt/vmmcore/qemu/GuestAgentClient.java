package dev.jvirt.vmmcore.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small client of the QEMU guest agent over its channel's unix socket (QEMU's chardev, server
 * side; one client at a time, so callers serialise their sessions per guest). The agent speaks
 * QMP's JSON, one object per line, without a greeting or capabilities. A session starts with
 * {@code guest-sync-delimited}: the agent answers with a 0xFF byte before the reply, which drops
 * whatever a previous session left half-read; an agent that is not running (the guest is still
 * booting, or has none) never answers, which is the {@link Timeout} of {@link #open}.
 */
public final class GuestAgentClient implements AutoCloseable {
    /** Made on first use (a holder class): a jvirtd start should not load jackson-databind. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private static final int MAX_REPLY = 64 << 20;
    private final SocketChannel channel;
    private final Selector selector;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** The agent did not answer within the time given. */
    public static final class Timeout extends IOException {
        public Timeout(String message) {
            super(message);
        }
    }

    /** The agent answered with an error. */
    public static final class AgentError extends IOException {
        private final String errorClass;

        public AgentError(String errorClass, String desc) {
            super(desc);
            this.errorClass = errorClass;
        }

        public String errorClass() {
            return errorClass;
        }
    }

    private GuestAgentClient(SocketChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
    }

    /**
     * Connects and synchronises with the agent.
     *
     * @throws Timeout the agent did not answer {@code guest-sync-delimited} within {@code timeout}
     * @throws IOException the socket cannot be connected (the guest is not running)
     */
    public static GuestAgentClient open(Path socket, Duration timeout) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        GuestAgentClient c;
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.configureBlocking(false);
            Selector sel = Selector.open();
            ch.register(sel, SelectionKey.OP_READ);
            c = new GuestAgentClient(ch, sel);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        try {
            c.sync(timeout);
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void sync(Duration timeout) throws IOException {
        long id = ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("id", id);
        long deadline = System.nanoTime() + timeout.toNanos();
        send(new byte[] {(byte) 0xFF}); // resets the agent's parser (it ignores the byte)
        send(request("guest-sync-delimited", args));
        // skip to the 0xFF the agent puts before its reply to the sync
        while (true) {
            int b = readByte(deadline, timeout, "guest-sync-delimited");
            if (b == 0xFF) {
                break;
            }
        }
        while (true) {
            JsonNode reply = readLine(deadline, timeout, "guest-sync-delimited");
            if (reply.path("return").asLong(-1) == id) {
                return;
            }
        }
    }

    /**
     * Runs {@code command} and returns its {@code return} value.
     *
     * @throws AgentError the agent refused or failed it
     * @throws Timeout no reply within {@code timeout}
     */
    public JsonNode execute(String command, ObjectNode args, Duration timeout) throws IOException {
        send(request(command, args));
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode reply = readLine(deadline, timeout, command);
        JsonNode err = reply.get("error");
        if (err != null) {
            throw new AgentError(err.path("class").asText("GenericError"), err.path("desc").asText(err.toString()));
        }
        return reply.path("return");
    }

    /** Sends {@code command} without waiting for a reply ({@code guest-shutdown} sends none when it works). */
    public void send(String command, ObjectNode args) throws IOException {
        send(request(command, args));
    }

    private static byte[] request(String command, ObjectNode args) throws IOException {
        ObjectNode r = JsonNodeFactory.instance.objectNode().put("execute", command);
        if (args != null) {
            r.set("arguments", args);
        }
        return (Json.MAPPER.writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void send(byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            if (channel.write(buf) == 0) {
                Thread.onSpinWait();
            }
        }
    }

    private int readByte(long deadline, Duration timeout, String what) throws IOException {
        byte[] have = pending.toByteArray();
        if (have.length == 0) {
            fill(deadline, timeout, what);
            have = pending.toByteArray();
        }
        pending.reset();
        pending.write(have, 1, have.length - 1);
        return have[0] & 0xFF;
    }

    private JsonNode readLine(long deadline, Duration timeout, String what) throws IOException {
        while (true) {
            byte[] have = pending.toByteArray();
            for (int i = 0; i < have.length; i++) {
                if (have[i] == '\n') {
                    String line = new String(have, 0, i, StandardCharsets.UTF_8).strip();
                    pending.reset();
                    pending.write(have, i + 1, have.length - i - 1);
                    if (line.isEmpty()) {
                        break;
                    }
                    return Json.MAPPER.readTree(line);
                }
            }
            if (have.length > MAX_REPLY) {
                throw new IOException("the guest agent's reply to " + what + " is larger than " + (MAX_REPLY >> 20) + " MiB");
            }
            if (pending.size() == have.length) {
                fill(deadline, timeout, what);
            }
        }
    }

    private void fill(long deadline, Duration timeout, String what) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(65536);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new Timeout("the guest agent did not answer " + what + " within " + timeout.toSeconds() + " s");
            }
            selector.select(Math.max(1, left / 1_000_000));
            selector.selectedKeys().clear();
            int n = channel.read(buf);
            if (n < 0) {
                throw new IOException("the guest agent's socket closed (the guest stopped)");
            }
            if (n > 0) {
                pending.write(buf.array(), 0, n);
                return;
            }
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
