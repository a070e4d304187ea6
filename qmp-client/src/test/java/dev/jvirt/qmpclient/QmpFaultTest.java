package dev.jvirt.qmpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults QEMU cannot be made to produce, from a scripted server in this JVM. */
class QmpFaultTest {
    private static final long WAIT_SECONDS = 10;

    private Path dir;
    private QmpClientFactory client;
    private FakeQmpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("qmp-fault-");
        client = new QmpClientFactory(1);
    }

    @AfterEach
    void tearDown() throws Exception {
        release.countDown();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (client.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(client.openConnections()).as("open channels after the test").isZero();
        } finally {
            client.close();
            if (server != null) {
                server.close();
            }
            TestFiles.deleteTree(dir);
        }
    }

    private QmpConnection connect(FakeQmpServer.Script script) throws Exception {
        return connect(script, QmpConnectOptions.defaults());
    }

    private QmpConnection connect(FakeQmpServer.Script script, QmpConnectOptions options) throws Exception {
        server = new FakeQmpServer(dir.resolve("fake.sock"), script);
        return client.connect(server.socket(), options).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> future) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
        return e.getCause();
    }

    private void expectConnectionClosed(QmpConnection qmp, EventRecorder events) throws Exception {
        assertThat(events.lost.get(WAIT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(QmpConnectionLostException.class);
        assertThat(qmp.connectionLost()).isDone();
        assertThat(qmp.isOpen()).isFalse();
    }

    @Test
    void truncatedMessageIsAProtocolError() throws Exception {
        QmpConnection qmp = connect(peer -> {
            peer.handshake();
            long id = peer.readCommand();
            peer.send("{\"return\": {\"status\": \"running\"}, \"id\": " + id);
            release.await();
        });
        EventRecorder events = new EventRecorder();
        qmp.subscribe(events);
        CompletableFuture<JsonNode> status = qmp.execute("query-status");
        CompletableFuture<JsonNode> other = qmp.execute("query-version");
        assertThat(failure(status)).isInstanceOf(QmpProtocolException.class).hasMessageContaining("not valid JSON");
        // the second command may go out after the broken reply closed the stream (the caller writes
        // it itself): then it fails as the connection lost, for that protocol error
        Throwable second = failure(other);
        if (second instanceof QmpConnectionLostException) {
            assertThat(second.getCause()).isInstanceOf(QmpProtocolException.class).hasMessageContaining("not valid JSON");
        } else {
            assertThat(second).isInstanceOf(QmpProtocolException.class);
        }
        expectConnectionClosed(qmp, events);
        assertThat(events.lost.get().getCause()).isInstanceOf(QmpProtocolException.class);
    }

    @Test
    void garbageBytesAreAProtocolError() throws Exception {
        QmpConnection qmp = connect(peer -> {
            peer.handshake();
            peer.readCommand();
            peer.sendRaw(new byte[] {0, (byte) 0xff, (byte) 0xfe, 'x', '\r', '\n'});
            release.await();
        });
        EventRecorder events = new EventRecorder();
        qmp.subscribe(events);
        assertThat(failure(qmp.execute("query-status"))).isInstanceOf(QmpProtocolException.class);
        expectConnectionClosed(qmp, events);
        assertThat(failure(qmp.execute("query-status"))).isInstanceOf(QmpConnectionLostException.class);
    }

    @Test
    void replyWithUnknownIdIsAProtocolError() throws Exception {
        QmpConnection qmp = connect(peer -> {
            peer.handshake();
            long id = peer.readCommand();
            peer.send("{\"return\": {}, \"id\": " + (id + 1000) + "}");
            release.await();
        });
        EventRecorder events = new EventRecorder();
        qmp.subscribe(events);
        assertThat(failure(qmp.execute("query-status"))).isInstanceOf(QmpProtocolException.class)
                .hasMessageContaining("never sent");
        expectConnectionClosed(qmp, events);
    }

    @Test
    void serverThatNeverAnswersTimesOutAndLateRepliesAreIgnored() throws Exception {
        QmpConnection qmp = connect(peer -> {
            peer.handshake();
            long first = peer.readCommand();
            release.await();
            peer.send("{\"return\": {}, \"id\": " + first + "}");
            long second = peer.readCommand();
            peer.send("{\"return\": {\"ok\": true}, \"id\": " + second + "}");
            peer.readCommand();
        }, QmpConnectOptions.defaults().withCommandTimeout(Duration.ofMillis(300)));
        long start = System.nanoTime();
        assertThat(failure(qmp.execute("query-status"))).isInstanceOf(QmpTimeoutException.class)
                .hasMessageContaining("'query-status' got no reply").hasMessageContaining("300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        release.countDown();
        assertThat(qmp.execute("query-version").get(WAIT_SECONDS, TimeUnit.SECONDS).path("ok").asBoolean()).isTrue();
        assertThat(qmp.isOpen()).isTrue();
        qmp.close();
        assertThat(failure(qmp.execute("query-status"))).isInstanceOf(QmpConnectionLostException.class);
    }

    @Test
    void serverClosingMidReplyLosesTheConnection() throws Exception {
        QmpConnection qmp = connect(peer -> {
            peer.handshake();
            peer.readCommand();
            peer.sendRaw("{\"return\": {\"sta".getBytes(StandardCharsets.UTF_8));
            peer.close();
        });
        EventRecorder events = new EventRecorder();
        qmp.subscribe(events);
        assertThat(failure(qmp.execute("query-status"))).isInstanceOf(QmpConnectionLostException.class)
                .hasMessageContaining("middle of a QMP message");
        expectConnectionClosed(qmp, events);
    }

    @Test
    void serverThatNeverGreetsFailsTheConnect() throws Exception {
        server = new FakeQmpServer(dir.resolve("silent.sock"), peer -> release.await());
        CompletableFuture<QmpConnection> connecting = client.connect(server.socket(),
                QmpConnectOptions.defaults().withHandshakeTimeout(Duration.ofMillis(300)));
        assertThat(failure(connecting)).isInstanceOf(QmpTimeoutException.class).hasMessageContaining("no QMP greeting");
    }

    @Test
    void serverThatGreetsWithGarbageFailsTheConnect() throws Exception {
        server = new FakeQmpServer(dir.resolve("garbage.sock"), peer -> {
            peer.send("hello, I am not QEMU");
            release.await();
        });
        assertThat(failure(client.connect(server.socket()))).isInstanceOf(QmpProtocolException.class);
    }

    /**
     * A garbage greeting is a protocol error however the race between the event loop's first
     * read and the connect's completion falls (CI once saw "could not duplicate the QMP socket's
     * descriptor": the channel was closed on the bad greeting before the writer was made). Busy
     * threads make the event loop late, as on a loaded machine.
     */
    @Test
    void garbageGreetingIsAProtocolErrorWhicheverWayTheConnectRaceFalls() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean spin = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.List<Thread> spinners = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread t = new Thread(() -> {
                long x = 0;
                while (spin.get()) {
                    x += System.nanoTime();
                }
                if (x == 42) {
                    System.out.print("");
                }
            });
            t.setDaemon(true);
            t.start();
            spinners.add(t);
        }
        try {
            for (int i = 0; i < 150; i++) {
                try (FakeQmpServer garbage = new FakeQmpServer(dir.resolve("garbage-" + i + ".sock"), peer -> {
                    peer.send("hello, I am not QEMU");
                    peer.close();
                })) {
                    assertThat(failure(client.connect(garbage.socket()))).as("connect %d", i)
                            .isInstanceOf(QmpProtocolException.class);
                }
            }
        } finally {
            spin.set(false);
            for (Thread t : spinners) {
                t.join();
            }
        }
    }

    @Test
    void subscribingAfterTheLossStillGetsTheSignal() throws Exception {
        QmpConnection qmp = connect(peer -> {
            peer.handshake();
            peer.close();
        });
        qmp.connectionLost().get(WAIT_SECONDS, TimeUnit.SECONDS);
        EventRecorder late = new EventRecorder();
        qmp.subscribe(late);
        assertThat(late.lost).isDone();
    }

    @Test
    void closingTheFactoryFailsPendingCommands() throws Exception {
        QmpConnection qmp = connect(peer -> {
            peer.handshake();
            peer.readCommand();
            release.await();
        });
        CompletableFuture<JsonNode> pending = qmp.execute("query-status");
        client.close();
        assertThat(failure(pending)).isInstanceOf(QmpConnectionLostException.class);
        assertThat(failure(client.connect(dir.resolve("x.sock")))).isInstanceOf(QmpException.class);
    }
}
