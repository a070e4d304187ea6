package dev.jvirt.vmmcore.daemon;

import dev.jvirt.libvirtwire.Header;
import dev.jvirt.libvirtwire.Message;
import dev.jvirt.libvirtwire.Protocol;
import dev.jvirt.libvirtwire.RemoteError;
import dev.jvirt.libvirtwire.RpcMessageEncoder;
import dev.jvirt.libvirtwire.XdrReader;
import dev.jvirt.libvirtwire.XdrWriter;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A libvirt RPC client on plain JDK sockets, for tests that must send what no real client sends:
 * raw bytes, lying lengths, wrong programs. A reader thread queues the frames that arrive; the
 * end of the stream is an empty {@link Message} with a null header.
 */
final class RawLibvirtClient implements AutoCloseable {
    static final Message CLOSED = new Message(null, new byte[0]);
    private final SocketChannel ch;
    private final BlockingQueue<Message> in = new LinkedBlockingQueue<>();
    private final Thread reader;
    private int serial;

    RawLibvirtClient(Path socket) throws IOException {
        ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        reader = new Thread(this::readLoop, "raw-libvirt-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        try {
            while (true) {
                ByteBuffer len = read(4);
                int n = len.getInt();
                ByteBuffer rest = read(n - 4);
                byte[] all = rest.array();
                XdrReader r = new XdrReader(all);
                Header h = Header.read(r);
                byte[] payload = java.util.Arrays.copyOfRange(all, Protocol.HEADER_SIZE, all.length);
                in.add(new Message(h, payload));
            }
        } catch (IOException | RuntimeException e) {
            in.add(CLOSED);
        }
    }

    private ByteBuffer read(int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("end of stream");
            }
        }
        return b.flip();
    }

    void sendRaw(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Sends a call; its serial. */
    int send(int program, int version, int procedure, byte[] args) throws IOException {
        int s = ++serial;
        sendRaw(RpcMessageEncoder.frame(new Message(new Header(program, version, procedure, Protocol.CALL, s, Protocol.OK), args)));
        return s;
    }

    /** The next frame, or {@link #CLOSED}, or null after {@code timeout}. */
    Message next(Duration timeout) throws InterruptedException {
        Message m = in.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (m == CLOSED) {
            in.add(CLOSED); // stays closed
        }
        return m;
    }

    /** Calls a remote procedure and waits for its reply (events and pongs in between are skipped). */
    Message call(String procedure, XdrWriter args) throws IOException, InterruptedException {
        int program = procedure.startsWith("QEMU_") ? Protocol.QEMU_PROGRAM : Protocol.REMOTE_PROGRAM;
        return reply(send(program, 1, Protocol.procedure(procedure), args.toByteArray()));
    }

    Message reply(int serial) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Message m = next(Duration.ofSeconds(1));
            if (m == CLOSED) {
                throw new AssertionError("the server closed the connection before answering serial " + serial);
            }
            if (m != null && m.header().type() == Protocol.REPLY && m.header().serial() == serial) {
                return m;
            }
        }
        throw new AssertionError("no reply to serial " + serial + " within 60 s");
    }

    /** Whether the server closes the connection within {@code timeout} (frames before the end are skipped). */
    boolean closedWithin(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (next(Duration.ofMillis(200)) == CLOSED) {
                return true;
            }
        }
        return false;
    }

    static RemoteError error(Message reply) {
        return RemoteError.read(reply.reader());
    }

    /** Opens the connection as virsh does (auth list, open). */
    RawLibvirtClient open() throws IOException, InterruptedException {
        call("REMOTE_PROC_AUTH_LIST", new XdrWriter());
        Message m = call("REMOTE_PROC_CONNECT_OPEN", new XdrWriter().writeOptionalString("qemu:///session").writeInt(0));
        if (m.header().status() != Protocol.OK) {
            throw new AssertionError("connect open failed: " + error(m));
        }
        return this;
    }

    /** CONNECT_GET_TYPE's answer: a cheap check that the connection is served. */
    String type() throws IOException, InterruptedException {
        Message m = call("REMOTE_PROC_CONNECT_GET_TYPE", new XdrWriter());
        if (m.header().status() != Protocol.OK) {
            throw new AssertionError("get type failed: " + error(m));
        }
        return m.reader().readString();
    }

    @Override
    public void close() throws IOException {
        ch.close();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
