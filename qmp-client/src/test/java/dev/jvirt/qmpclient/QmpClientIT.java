package dev.jvirt.qmpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a real QEMU (TCG, paused at prelaunch). */
class QmpClientIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static QmpClientFactory client;

    private Path dir;
    private QemuProcess qemu;
    private QmpConnection qmp;

    @BeforeAll
    static void createClient() {
        client = new QmpClientFactory(2);
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @BeforeEach
    void startQemu() throws Exception {
        dir = Files.createTempDirectory("qmp-it-");
        qemu = QemuProcess.start(dir);
        qmp = client.connect(qemu.socket()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @AfterEach
    void stopQemu() throws Exception {
        if (qmp != null) {
            qmp.close();
        }
        if (qemu != null) {
            qemu.close();
        }
        TestFiles.deleteTree(dir);
        assertThat(client.openConnections()).isZero();
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void greetingCarriesVersionAndCapabilities() throws Exception {
        assertThat(qmp.version().major()).isGreaterThanOrEqualTo(7);
        assertThat(qmp.capabilities()).contains("oob");
        assertThat(await(qmp.commands().queryVersion())).isEqualTo(qmp.version());
    }

    @Test
    void queryStatusSaysPrelaunch() throws Exception {
        assertThat(await(qmp.commands().queryStatus())).isEqualTo(new QmpStatus("prelaunch", false));
    }

    @Test
    void contRunsWithResumeEventAndStopEmitsStop() throws Exception {
        EventRecorder events = new EventRecorder();
        qmp.subscribe(events);

        await(qmp.commands().cont());
        events.await("RESUME", WAIT);
        assertThat(await(qmp.commands().queryStatus())).isEqualTo(new QmpStatus("running", true));

        await(qmp.commands().stop());
        events.await("STOP", WAIT);
        assertThat(await(qmp.commands().queryStatus())).isEqualTo(new QmpStatus("paused", false));
    }

    @Test
    void quitSignalsConnectionLostAndFailsEveryPendingCommand() throws Exception {
        EventRecorder events = new EventRecorder();
        qmp.subscribe(events);
        List<CompletableFuture<JsonNode>> after = new ArrayList<>();
        CompletableFuture<Void> quit = qmp.commands().quit();
        for (int i = 0; i < 50; i++) {
            after.add(qmp.execute("query-status"));
        }

        QmpConnectionLostException lost = events.lost.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(lost).hasMessageContaining(qemu.socket().toString());
        assertThat(qemu.waitForExit(WAIT.toSeconds())).isTrue();
        await(quit); // quitting counts as done even when QEMU closes before its reply
        int failed = 0;
        for (CompletableFuture<JsonNode> future : after) {
            assertThat(future).isDone();
            if (future.isCompletedExceptionally()) {
                assertThatThrownBy(future::get).cause().isInstanceOf(QmpConnectionLostException.class);
                failed++;
            }
        }
        assertThat(failed).as("commands pending when QEMU quit").isPositive();
        assertThat(qmp.isOpen()).isFalse();
        assertThatThrownBy(() -> qmp.execute("query-status").get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(QmpConnectionLostException.class);
    }

    @Test
    void commandErrorCarriesClassAndDesc() {
        assertThatThrownBy(() -> await(qmp.commands().deviceDel("no-such-device")))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(QmpCommandException.class, e -> {
                    assertThat(e.command()).isEqualTo("device_del");
                    assertThat(e.errorClass()).isEqualTo("DeviceNotFound");
                    assertThat(e.description()).contains("no-such-device");
                });
        assertThatThrownBy(() -> await(qmp.execute("no-such-command")))
                .cause().isInstanceOfSatisfying(QmpCommandException.class,
                        e -> assertThat(e.errorClass()).isEqualTo("CommandNotFound"));
    }

    @Test
    void largeSchemaReplyArrivesWhole() throws Exception {
        JsonNode schema = await(qmp.execute("query-qmp-schema"));
        assertThat(schema.isArray()).isTrue();
        assertThat(schema.size()).isGreaterThan(1000);
    }

    @Test
    void fdPassedWithGetfdIsUsedByQemu() throws Exception {
        Path dump = dir.resolve("guest.core");
        int fd = TestFiles.open(dump, TestFiles.O_WRONLY | TestFiles.O_CREAT | TestFiles.O_TRUNC);
        try {
            await(qmp.commands().getfd("dumpfd", fd));
        } finally {
            TestFiles.close(fd);
        }
        // QEMU writes the guest's memory as an ELF core through its copy of the descriptor.
        await(qmp.execute("dump-guest-memory", JsonNodeFactory.instance.objectNode()
                .put("paging", false).put("protocol", "fd:dumpfd")));
        byte[] header = new byte[4];
        try (var in = Files.newInputStream(dump)) {
            assertThat(in.read(header)).isEqualTo(4);
        }
        assertThat(header).containsExactly(0x7f, 'E', 'L', 'F');
        assertThat(Files.size(dump)).isGreaterThan(64L * 1024 * 1024);
        assertThatThrownBy(() -> await(qmp.commands().closefd("dumpfd")))
                .cause().isInstanceOf(QmpCommandException.class); // dump-guest-memory consumed it
    }

    @Test
    void fdAddedToFdsetBacksABlockNode() throws Exception {
        Path image = dir.resolve("disk.raw");
        Files.write(image, new byte[1024 * 1024]);
        int fd = TestFiles.open(image, TestFiles.O_RDWR);
        try {
            JsonNode added = await(qmp.commands().addFd(7, fd));
            assertThat(added.path("fdset-id").asInt()).isEqualTo(7);
        } finally {
            TestFiles.close(fd);
        }
        await(qmp.commands().blockdevAdd(JsonNodeFactory.instance.objectNode()
                .put("driver", "file").put("node-name", "disk0").put("filename", "/dev/fdset/7")));
        String out = await(qmp.commands().humanMonitorCommand("qemu-io disk0 \"write -P 0x5a 4096 512\""));
        assertThat(out).doesNotContain("rror");
        byte[] bytes = Files.readAllBytes(image);
        assertThat(bytes[4096]).isEqualTo((byte) 0x5a);
        assertThat(bytes[4096 + 511]).isEqualTo((byte) 0x5a);
        assertThat(bytes[4095]).isZero();
        await(qmp.commands().blockdevDel("disk0"));
    }

    @Test
    void manyFdCommandsInARowEachGetTheirOwnDescriptor() throws Exception {
        List<Integer> fds = new ArrayList<>();
        List<CompletableFuture<Void>> passes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int fd = TestFiles.open(dir.resolve("f" + i), TestFiles.O_WRONLY | TestFiles.O_CREAT);
            fds.add(fd);
            passes.add(qmp.commands().getfd("fd" + i, fd));
            qmp.execute("query-status");
        }
        for (CompletableFuture<Void> pass : passes) {
            await(pass);
        }
        fds.forEach(TestFiles::close);
        for (int i = 0; i < 5; i++) {
            await(qmp.commands().closefd("fd" + i));
        }
    }
}
