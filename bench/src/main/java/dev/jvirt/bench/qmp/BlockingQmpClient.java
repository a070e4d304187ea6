package dev.jvirt.bench.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The baseline: a plain blocking {@link SocketChannel} QMP client on the caller's thread, parsing
 * every message with Jackson as the Netty client does.
 */
final class BlockingQmpClient implements BenchClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SocketChannel channel;
    private ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    private long nextId;

    BlockingQmpClient(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        in.flip();
        JsonNode greeting = readMessage();
        if (!greeting.has("QMP")) {
            throw new IOException("no QMP greeting from " + socket);
        }
        send("qmp_capabilities", ++nextId);
        awaitReply(nextId);
    }

    @Override
    public void roundTrip() throws IOException {
        long id = ++nextId;
        send("query-status", id);
        awaitReply(id);
    }

    @Override
    public void pipelined(int count) throws IOException {
        long first = nextId + 1;
        for (int i = 0; i < count; i++) {
            send("query-status", ++nextId);
        }
        for (long id = first; id <= nextId; id++) {
            awaitReply(id);
        }
    }

    private void send(String command, long id) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(("{\"execute\":\"" + command + "\",\"id\":" + id + "}\r\n")
                .getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    private void awaitReply(long id) throws IOException {
        while (true) {
            JsonNode message = readMessage();
            if (message.has("error")) {
                throw new IOException("QMP error: " + message.path("error").path("desc").asText());
            }
            if (message.has("return") && message.path("id").asLong() == id) {
                return;
            }
        }
    }

    private JsonNode readMessage() throws IOException {
        while (true) {
            for (int i = in.position(); i < in.limit(); i++) {
                if (in.get(i) == '\n') {
                    int start = in.position();
                    in.position(i + 1);
                    return MAPPER.readTree(in.array(), start, i - start);
                }
            }
            in.compact();
            if (!in.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                in.flip();
                bigger.put(in);
                in = bigger;
            }
            if (channel.read(in) < 0) {
                throw new EOFException("QMP connection closed");
            }
            in.flip();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
