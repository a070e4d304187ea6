package dev.jvirt.vmmcore.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that sends bytes the moment it has read the 101 and hangs up at once (a script typing
 * one line into a console) has every byte handed to the upgrade's target, and its hang-up too:
 * nothing is read by the HTTP codec after the 101, and no session is left behind. Busy threads
 * keep the cores loaded so that the thread that answered is often preempted right after it did,
 * which is when the old hand-over (on the 101 write's future) lost the bytes and the hang-up.
 */
class UpgradeHandOverTest {
    private static final String PROTOCOL = "test-upgrade";
    private static final int CONNECTIONS = 300;

    private final Map<Integer, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicBoolean spin = new AtomicBoolean(true);
    private final List<Thread> spinners = new ArrayList<>();
    private ExecutorService workers;
    private HttpDispatcher dispatcher;
    private ApiServer server;
    private Path dir;

    /** What one upgraded connection delivered to its target. */
    static final class Session {
        final StringBuffer received = new StringBuffer();
        volatile boolean ended;
    }

    @BeforeEach
    void serve() throws IOException {
        dir = Files.createTempDirectory("jvirt-upgrade-");
        RouteTable routes = new RouteTable().get("/up/{n}", r -> {
            Session s = new Session();
            sessions.put(Integer.parseInt(r.param("n")), s);
            return new Reply.Upgrade(PROTOCOL, new UpgradeTarget() {
                @Override
                public void takeOver(Channel ch) {
                    ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ByteBuf b = (ByteBuf) msg;
                            s.received.append(b.toString(StandardCharsets.US_ASCII));
                            b.release();
                        }

                        @Override
                        public void channelInactive(ChannelHandlerContext ctx) {
                            s.ended = true;
                        }
                    });
                }

                @Override
                public void abort() {
                    s.ended = true;
                }
            });
        });
        workers = Executors.newCachedThreadPool();
        dispatcher = new HttpDispatcher(routes, workers, AccessPolicy.anyone());
        server = ApiServer.bind(dir.resolve("api.sock"), SocketPermissions.session(),
                new HttpPipeline(dispatcher, HttpLimits.defaults()));
        for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
            Thread t = new Thread(() -> {
                long x = 0;
                while (spin.get()) {
                    x += System.nanoTime() & 1;
                }
                if (x == 42) {
                    System.out.print("");
                }
            }, "spinner-" + i);
            t.setDaemon(true);
            t.start();
            spinners.add(t);
        }
    }

    @AfterEach
    void stop() throws Exception {
        spin.set(false);
        for (Thread t : spinners) {
            t.join(5000);
        }
        if (server != null) {
            server.close();
        }
        if (dispatcher != null) {
            dispatcher.close();
        }
        workers.shutdownNow();
        Files.deleteIfExists(dir.resolve("api.sock"));
        Files.deleteIfExists(dir);
    }

    @Test
    void bytesSentRightAfterThe101AndTheHangUpReachTheTarget() throws Exception {
        for (int n = 0; n < CONNECTIONS; n++) {
            try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(server.socket()))) {
                write(c, "GET /up/" + n + " HTTP/1.1\r\nHost: jvirtd\r\nConnection: Upgrade\r\nUpgrade: " + PROTOCOL
                        + "\r\n\r\n");
                assertThat(readHead(c)).startsWith("HTTP/1.1 101 ");
                write(c, "keys-" + n + "\n");
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !allDone()) {
            Thread.sleep(20);
        }
        List<String> wrong = new ArrayList<>();
        for (int n = 0; n < CONNECTIONS; n++) {
            Session s = sessions.get(n);
            String got = s == null ? "<no session>" : s.received.toString();
            if (s == null || !s.ended || !got.equals("keys-" + n + "\n")) {
                wrong.add(n + ": received '" + got.strip() + "'" + (s != null && !s.ended ? ", hang-up not seen" : ""));
            }
        }
        assertThat(wrong).as("connections whose bytes or hang-up did not reach the target").isEmpty();
    }

    private boolean allDone() {
        for (int n = 0; n < CONNECTIONS; n++) {
            Session s = sessions.get(n);
            if (s == null || !s.ended) {
                return false;
            }
        }
        return true;
    }

    private static void write(SocketChannel c, String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    /** The answer's head, read a byte at a time so that nothing after it is consumed. */
    private static String readHead(SocketChannel c) throws IOException {
        StringBuilder head = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!head.toString().endsWith("\r\n\r\n")) {
            one.clear();
            if (c.read(one) < 0) {
                break;
            }
            head.append((char) one.get(0));
        }
        return head.toString();
    }
}
