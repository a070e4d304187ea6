package dev.jvirt.qmpclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Commands written by the calling threads ({@link CommandWriter}): order and completeness when
 * the socket fills up and the event loop takes over, and many callers on one connection. No
 * timing: the peer stops reading until the client has handed over more than any socket buffer
 * holds, so the fallback is certain.
 */
class CommandWriterTest {
    private static final long WAIT_SECONDS = 30;
    /** 512 commands of 8 KiB: 4 MiB, far beyond a unix socket's send and receive buffers. */
    private static final int BIG_COMMANDS = 512;
    private static final String PADDING = "x".repeat(8 * 1024);

    private final ObjectMapper mapper = new ObjectMapper();
    private final CountDownLatch release = new CountDownLatch(1);
    private Path dir;
    private QmpClientFactory client;
    private FakeQmpServer server;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("qmp-writer-");
        client = new QmpClientFactory(1);
    }

    @AfterEach
    void tearDown() throws Exception {
        release.countDown();
        try {
            client.close();
            if (server != null) {
                server.close();
            }
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    private QmpConnection connect(FakeQmpServer.Script script) throws Exception {
        server = new FakeQmpServer(dir.resolve("fake.sock"), script);
        return client.connect(server.socket()).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private ObjectNode big(int n) {
        return mapper.createObjectNode().put("n", n).put("padding", PADDING);
    }

    /** Answers each command with its line's {@code n} argument, after checking the line is whole. */
    private static String answer(String line, long id) throws Exception {
        JsonNode command = new ObjectMapper().readTree(line); // a split or mixed line would not parse
        return "{\"return\": {\"n\": " + command.path("arguments").path("n").asInt() + "}, \"id\": " + id + "}";
    }

    @Test
    void peerThatStopsReadingStillGetsEveryCommandWholeAndInOrder() throws Exception {
        int total = 2 * BIG_COMMANDS;
        List<Long> ids = new ArrayList<>();
        QmpConnection qmp = connect(peer -> {
            peer.handshake();
            release.await();
            for (int i = 0; i < total; i++) {
                String line = peer.readLine();
                long id = FakeQmpServer.Peer.id(line);
                ids.add(id);
                peer.send(answer(line, id));
            }
            String line = peer.readLine();
            peer.send(answer(line, FakeQmpServer.Peer.id(line)));
        });
        List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
        for (int i = 0; i < BIG_COMMANDS; i++) {
            replies.add(qmp.execute("echo", big(i)));
        }
        // The peer has read nothing yet: most of these bytes wait in the event loop. The rest are
        // sent while it drains them, when the socket has room again now and then: they must
        // still queue behind.
        release.countDown();
        for (int i = BIG_COMMANDS; i < total; i++) {
            replies.add(qmp.execute("echo", big(i)));
        }
        for (int i = 0; i < total; i++) {
            assertThat(replies.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS).path("n").asInt()).isEqualTo(i);
        }
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).as("id of command %d", i).isEqualTo(ids.get(i - 1) + 1);
        }
        // Once the loop has written everything, the caller writes again: still answered.
        assertThat(qmp.execute("echo", mapper.createObjectNode().put("n", -1)).get(WAIT_SECONDS, TimeUnit.SECONDS)
                .path("n").asInt()).isEqualTo(-1);
        server.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void concurrentCallersOnOneConnectionEachGetTheirOwnReply() throws Exception {
        int threads = 8;
        int perThread = 300;
        QmpConnection qmp = connect(peer -> {
            peer.handshake();
            for (int i = 0; i < threads * perThread; i++) {
                String line = peer.readLine();
                peer.send(answer(line, FakeQmpServer.Peer.id(line)));
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<CompletableFuture<JsonNode>>>> sent = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * perThread;
                sent.add(pool.submit(() -> {
                    start.await();
                    List<CompletableFuture<JsonNode>> mine = new ArrayList<>();
                    for (int n = first; n < first + perThread; n++) {
                        // Every tenth is big, so some writes are partial while others go on.
                        ObjectNode arguments = n % 10 == 0 ? big(n) : mapper.createObjectNode().put("n", n);
                        mine.add(qmp.execute("echo", arguments));
                        if (n % 3 == 0) {
                            mine.get(mine.size() - 1).get(WAIT_SECONDS, TimeUnit.SECONDS);
                        }
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (int t = 0; t < threads; t++) {
                List<CompletableFuture<JsonNode>> mine = sent.get(t).get(WAIT_SECONDS, TimeUnit.SECONDS);
                for (int i = 0; i < perThread; i++) {
                    assertThat(mine.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS).path("n").asInt())
                            .isEqualTo(t * perThread + i);
                }
            }
            server.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void commandWithDescriptorWaitsForQueuedBytesAndIsNotSplit() throws Exception {
        QmpConnection qmp = connect(peer -> {
            peer.handshake();
            release.await();
            for (int i = 0; i < BIG_COMMANDS + 2; i++) {
                String line = peer.readLine();
                peer.send(answer(line, FakeQmpServer.Peer.id(line)));
            }
        });
        List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
        for (int i = 0; i < BIG_COMMANDS / 2; i++) {
            replies.add(qmp.execute("echo", big(i)));
        }
        int fd = TestFiles.open(dir.resolve("passed"), TestFiles.O_WRONLY | TestFiles.O_CREAT);
        CompletableFuture<JsonNode> withFd;
        try {
            withFd = qmp.executeWithFd("getfd", mapper.createObjectNode().put("n", -1).put("fdname", "f"), fd);
            for (int i = BIG_COMMANDS / 2; i < BIG_COMMANDS; i++) {
                replies.add(qmp.execute("echo", big(i)));
            }
            CompletableFuture<JsonNode> last = qmp.execute("echo", mapper.createObjectNode().put("n", BIG_COMMANDS));
            release.countDown();
            assertThat(withFd.get(WAIT_SECONDS, TimeUnit.SECONDS).path("n").asInt()).isEqualTo(-1);
            for (int i = 0; i < BIG_COMMANDS; i++) {
                assertThat(replies.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS).path("n").asInt()).isEqualTo(i);
            }
            assertThat(last.get(WAIT_SECONDS, TimeUnit.SECONDS).path("n").asInt()).isEqualTo(BIG_COMMANDS);
        } finally {
            TestFiles.close(fd);
        }
        server.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void peerClosingWhileCommandsAreQueuedFailsEachOfThemOnce() throws Exception {
        QmpConnection qmp = connect(peer -> {
            peer.handshake();
            release.await();
            peer.close();
        });
        List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
        for (int i = 0; i < BIG_COMMANDS; i++) {
            replies.add(qmp.execute("echo", big(i)));
        }
        release.countDown();
        qmp.connectionLost().get(WAIT_SECONDS, TimeUnit.SECONDS);
        for (CompletableFuture<JsonNode> reply : replies) {
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> reply.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertThat(e.getCause()).isInstanceOf(QmpConnectionLostException.class);
        }
        ExecutionException later = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> qmp.execute("echo").get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertThat(later.getCause()).isInstanceOf(QmpConnectionLostException.class);
    }
}
