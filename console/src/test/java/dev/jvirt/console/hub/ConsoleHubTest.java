package dev.jvirt.console.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.console.CloseReason;
import dev.jvirt.console.ConsoleBusyException;
import dev.jvirt.console.ConsoleException;
import dev.jvirt.console.ConsoleMode;
import dev.jvirt.console.ConsoleUnavailableException;
import dev.jvirt.console.keeper.KeepRequest;
import dev.jvirt.console.keeper.TestKeeper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's rules, through a console keeper (in this JVM) on a stand-in socket or on FIFOs opened
 * as QEMU opens them; ConsoleHubIT runs them against QEMU.
 */
class ConsoleHubTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private TestKeeper keeper;
    private FakeGuestSocket guest;
    private ConsoleHub hub;

    @BeforeEach
    void start() throws Exception {
        keeper = TestKeeper.start(dir);
        guest = new FakeGuestSocket(dir.resolve("console.sock"));
        hub = keeper.keepSocket("web1", guest.path, dir.resolve("log/console.log"), false);
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
        guest.close();
        keeper.close();
    }

    private KeepRequest fifos(String domain, String base, String log) {
        return new KeepRequest(domain, new ConsoleEndpoint.Fifos(dir.resolve(base)), dir.resolve(log), 1 << 20, 1, false);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aLateClientGetsTheRingThenLiveOutput() throws Exception {
        guest.send(b("boot line\r\nJVIRT-GUEST-READY\r\n"));
        awaitRecent("JVIRT-GUEST-READY");
        RecordingListener late = new RecordingListener();
        hub.attach(AttachRequest.writer().withHistory(64 * 1024), late);
        guest.send(b("tiny# "));
        assertThat(late.awaitContains("tiny# ", WAIT)).isEqualTo("boot line\r\nJVIRT-GUEST-READY\r\ntiny# ");

        RecordingListener noHistory = new RecordingListener();
        hub.attach(ConsoleMode.READ_ONLY, noHistory);
        guest.send(b("more"));
        assertThat(noHistory.awaitContains("more", WAIT)).isEqualTo("more");
    }

    @Test
    void theWriterTypesIntoTheGuestAndViewersCannot() throws Exception {
        ConsoleSession writer = hub.attach(ConsoleMode.READ_WRITE, new RecordingListener());
        ConsoleSession viewer = hub.attach(ConsoleMode.READ_ONLY, new RecordingListener());
        writer.write(b("echo hi\r")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(viewer.write(b("rm -rf /\r"))).isCompletedExceptionally();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (guest.received().length < 8 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(new String(guest.received(), StandardCharsets.ISO_8859_1)).isEqualTo("echo hi\r");
    }

    @Test
    void aSecondWriterIsRefusedUnlessItForcesAndThenTheFirstIsToldTakenOver() throws Exception {
        RecordingListener first = new RecordingListener();
        ConsoleSession a = hub.attach(ConsoleMode.READ_WRITE, first);
        assertThatThrownBy(() -> hub.attach(ConsoleMode.READ_WRITE, new RecordingListener()))
                .isInstanceOf(ConsoleBusyException.class)
                .hasMessage("domain 'web1' already has a console session; use --force to take it over");
        RecordingListener viewer = new RecordingListener();
        hub.attach(ConsoleMode.READ_ONLY, viewer);

        RecordingListener second = new RecordingListener();
        ConsoleSession b = hub.attach(AttachRequest.writer().withForce(true), second);
        assertThat(first.awaitClosed()).isEqualTo(CloseReason.TAKEN_OVER);
        assertThat(first.closeMessage).contains("taken over");
        assertThat(a.isOpen()).isFalse();
        assertThat(a.write(b("x"))).isCompletedExceptionally();

        guest.send(b("after takeover"));
        assertThat(second.awaitContains("after takeover", WAIT)).isEqualTo(viewer.awaitContains("after takeover", WAIT));
        assertThat(first.text()).doesNotContain("after takeover");

        b.close();
        hub.attach(ConsoleMode.READ_WRITE, new RecordingListener()); // free again once the writer left
    }

    @Test
    void aClientThatStopsReadingIsDroppedWhileTheGuestAndOthersGoOn() throws Exception {
        hub.close();
        guest.close();
        guest = new FakeGuestSocket(dir.resolve("console2.sock"));
        hub = keeper.keep(new KeepRequest("web1", new ConsoleEndpoint.UnixSocket(guest.path),
                dir.resolve("log/console.log"), 1 << 20, 1, false), keeper.config("web1").withMaxLagBytes(1024 * 1024),
                () -> { });
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener stuck = new RecordingListener() {
            @Override
            public CompletionStage<?> onOutput(byte[] bytes) {
                return CompletableFuture.runAsync(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
        };
        hub.attach(ConsoleMode.READ_ONLY, stuck);
        RecordingListener fast = new RecordingListener();
        hub.attach(ConsoleMode.READ_WRITE, fast);

        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        // 4 MiB at ~12 MB/s (a serial port under TCG does well under 1 MB/s): far more than the
        // socket buffers and the lag bound; the stuck client must not slow the guest or the other.
        for (int i = 0; i < 64; i++) {
            guest.send(chunk);
            Thread.sleep(5);
        }
        assertThat(fast.closed).isNotDone();
        fast.await(s -> s.length() == 64 * chunk.length, WAIT);
        assertThat(hub.bytesFromGuest()).isEqualTo(64L * chunk.length);
        assertThat(hub.sessionCount()).as("the stuck session was dropped").isEqualTo(1);
        // It hears why once its pending write completes (a CLOSED frame queues behind the data).
        assertThat(stuck.closed).isNotDone();
        release.countDown();
        assertThat(stuck.awaitClosed()).isEqualTo(CloseReason.TOO_SLOW);
        assertThat(stuck.closeMessage).contains("fell too far behind");
    }

    @Test
    void whenTheGuestStopsEverySessionIsToldAndNewOnesAreRefused() throws Exception {
        RecordingListener writer = new RecordingListener();
        RecordingListener viewer = new RecordingListener();
        hub.attach(ConsoleMode.READ_WRITE, writer);
        hub.attach(ConsoleMode.READ_ONLY, viewer);
        guest.send(b("reboot: Power down\r\n"));
        guest.close();
        assertThat(writer.awaitClosed()).isEqualTo(CloseReason.GUEST_STOPPED);
        assertThat(viewer.awaitClosed()).isEqualTo(CloseReason.GUEST_STOPPED);
        assertThat(writer.text()).isEqualTo("reboot: Power down\r\n"); // output before the end is not lost
        assertThat(hub.ended().toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(CloseReason.GUEST_STOPPED);
        assertThatThrownBy(() -> hub.attach(ConsoleMode.READ_ONLY, new RecordingListener()))
                .isInstanceOf(ConsoleUnavailableException.class).hasMessageContaining("domain 'web1' is not running");
    }

    @Test
    void closingTheHubTellsSessionsAndTheKeptConsoleGoesOnForTheNextHub() throws Exception {
        RecordingListener s = new RecordingListener();
        hub.attach(ConsoleMode.READ_WRITE, s);
        guest.send(b("JVIRT-GUEST-READY\r\n"));
        s.awaitContains("READY", WAIT);
        hub.close();
        assertThat(s.awaitClosed()).isEqualTo(CloseReason.HUB_CLOSED);
        guest.send(b("while nobody listened\r\n")); // the keeper still reads and logs it

        keeper.reconnect(); // a daemon restart: a new connection finds the kept console
        hub = keeper.attach("web1").orElseThrow();
        awaitRecent("listened");
        assertThat(new String(hub.recentOutput(), StandardCharsets.ISO_8859_1))
                .isEqualTo("JVIRT-GUEST-READY\r\nwhile nobody listened\r\n");
        RecordingListener after = new RecordingListener();
        ConsoleSession w = hub.attach(AttachRequest.writer().withHistory(64 * 1024), after);
        guest.send(b("live\r\n"));
        assertThat(after.awaitContains("live", WAIT)).isEqualTo("JVIRT-GUEST-READY\r\nwhile nobody listened\r\nlive\r\n");
        w.write(b("typed after the restart\r")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        awaitReceived("typed after the restart\r");
        assertThat(keeper.attach("nobody")).isEmpty();
    }

    @Test
    void aConsoleKeptAnewAfterARestartWithoutKeeperHasTheEarlierLogAsHistory() throws Exception {
        guest.send(b("JVIRT-GUEST-READY\r\n"));
        awaitRecent("READY");
        hub.close();
        guest.close();
        guest = new FakeGuestSocket(dir.resolve("console2.sock"));
        hub = keeper.keepSocket("web1", guest.path, dir.resolve("log/console.log"), true);
        assertThat(new String(hub.recentOutput(), StandardCharsets.ISO_8859_1)).isEqualTo("JVIRT-GUEST-READY\r\n");
    }

    @Test
    void historyBeginsAtALineStartUnlessItReachesBackToTheFirstByte() throws Exception {
        guest.send(b("aaa\r\nbbb\r\nccc"));
        awaitRecent("ccc");
        assertThat(historyOf(6, "ccc")).isEqualTo("ccc"); // "bb\r\nccc" cut after its line feed
        assertThat(historyOf(8, "bbb\r\nccc")).isEqualTo("bbb\r\nccc"); // begins exactly at a line start: kept
        assertThat(historyOf(64 * 1024, "aaa\r\nbbb\r\nccc")).isEqualTo("aaa\r\nbbb\r\nccc"); // back to the start
        RecordingListener none = new RecordingListener();
        hub.attach(AttachRequest.viewer().withHistory(2), none); // no line feed in the window
        guest.send(b("#"));
        assertThat(none.awaitContains("#", WAIT)).isEqualTo("#");
    }

    private String historyOf(int bytes, String expected) throws Exception {
        RecordingListener l = new RecordingListener();
        try (ConsoleSession s = hub.attach(AttachRequest.viewer().withHistory(bytes), l)) {
            return l.awaitContains(expected, WAIT);
        }
    }

    @Test
    void historyOfAFreshStartHoldsThisRunOnlyThoughTheLogHoldsMore() throws Exception {
        guest.send(b("last run's goodbye\r\n"));
        awaitRecent("goodbye");
        hub.close();
        guest.close();
        guest = new FakeGuestSocket(dir.resolve("console2.sock"));
        hub = keeper.keepSocket("web1", guest.path, dir.resolve("log/console.log"), false);
        guest.send(b("new boot\r\n"));
        awaitRecent("new boot");
        RecordingListener l = new RecordingListener();
        hub.attach(AttachRequest.viewer().withHistory(64 * 1024), l);
        guest.send(b("tiny# "));
        assertThat(l.awaitContains("tiny# ", WAIT)).isEqualTo("new boot\r\ntiny# ");
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        ConsoleLogReader.read(dir.resolve("log/console.log"), log);
        assertThat(log.toString(StandardCharsets.ISO_8859_1)).startsWith("last run's goodbye\r\nnew boot");
    }

    @Test
    void aMissingSocketIsAClearError() {
        assertThatThrownBy(() -> keeper.keepSocket("gone", dir.resolve("nope.sock"), dir.resolve("l.log"), false))
                .hasRootCauseInstanceOf(ConsoleException.class)
                .hasMessageContaining("cannot connect to the console socket " + dir.resolve("nope.sock"));
    }

    @Test
    void theKeepersFifosAreTheOwnersOnlyAndReplaceLeftovers() throws Exception {
        for (int i = 0; i < 2; i++) { // the second time an earlier run's FIFOs are there: replaced
            keeper.client().keep(fifos("f", "serial", "f.log")).get(5, TimeUnit.SECONDS);
            for (String end : java.util.List.of("serial.in", "serial.out")) {
                Path p = dir.resolve(end);
                assertThat(java.nio.file.Files.readAttributes(p, java.nio.file.attribute.PosixFileAttributes.class))
                        .satisfies(a -> assertThat(a.isOther()).as(p + " is a FIFO").isTrue())
                        .satisfies(a -> assertThat(java.nio.file.attribute.PosixFilePermissions.toString(a.permissions()))
                                .isEqualTo("rw-------"));
            }
        }
    }

    @Test
    void aRuntimeDirectoryOthersMayWriteIsRefused() throws Exception {
        Path shared = java.nio.file.Files.createDirectory(dir.resolve("shared"));
        java.nio.file.Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> dev.jvirt.console.keeper.ConsoleKeeper.start(shared, null))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("is writable by others");
        assertThatThrownBy(() -> keeper.client().keep(fifos("f", "shared/serial", "f.log")).get(5, TimeUnit.SECONDS))
                .hasMessageContaining("is writable by others");
    }

    @Test
    void fifosCarryOutputInputAndTheEndOfTheGuest() throws Exception {
        java.nio.channels.FileChannel[] qemu = new java.nio.channels.FileChannel[2];
        // QEMU's side, as its file chardev opens them: neither open waits, the keeper holds both FIFOs.
        try (ConsoleHub fifoHub = keeper.keep(fifos("pipe1", "serial", "p.log"), keeper.config("pipe1"), () -> {
            qemu[0] = java.nio.channels.FileChannel.open(dir.resolve("serial.out"), java.nio.file.StandardOpenOption.WRITE);
            qemu[1] = java.nio.channels.FileChannel.open(dir.resolve("serial.in"), java.nio.file.StandardOpenOption.READ);
        })) {
            RecordingListener l = new RecordingListener();
            ConsoleSession s = fifoHub.attach(ConsoleMode.READ_WRITE, l);
            qemu[0].write(java.nio.ByteBuffer.wrap(b("tiny# ")));
            l.awaitContains("tiny# ", WAIT);
            s.write(b("ls\r")).toCompletableFuture().get(5, TimeUnit.SECONDS);
            java.nio.ByteBuffer typed = java.nio.ByteBuffer.allocate(3);
            while (typed.hasRemaining()) {
                qemu[1].read(typed);
            }
            assertThat(new String(typed.array(), StandardCharsets.ISO_8859_1)).isEqualTo("ls\r");
            qemu[0].close(); // QEMU exits: the only writer of the output FIFO is gone
            assertThat(l.awaitClosed()).isEqualTo(CloseReason.GUEST_STOPPED);
        } finally {
            qemu[1].close();
        }
    }

    @Test
    void withTheDaemonGoneTheKeeperLogsEveryByteAndQemusInputStaysOpen() throws Exception {
        java.nio.channels.FileChannel[] qemu = new java.nio.channels.FileChannel[2];
        ConsoleHub fifoHub = keeper.keep(fifos("gone", "serial", "g.log"), keeper.config("gone"), () -> {
            qemu[0] = java.nio.channels.FileChannel.open(dir.resolve("serial.out"), java.nio.file.StandardOpenOption.WRITE);
            qemu[1] = java.nio.channels.FileChannel.open(dir.resolve("serial.in"), java.nio.file.StandardOpenOption.READ);
        });
        try {
            fifoHub.close();
            keeper.disconnect(); // the daemon is gone
            // 16 times what a pipe holds: the keeper reads it all into the log, and QEMU never waits
            byte[] kib = new byte[1024];
            java.util.Arrays.fill(kib, (byte) 'x');
            for (int i = 0; i < 1024; i++) {
                qemu[0].write(java.nio.ByteBuffer.wrap(kib));
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (java.nio.file.Files.size(dir.resolve("g.log")) < 1024 * 1024 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(java.nio.file.Files.size(dir.resolve("g.log"))).isEqualTo(1024 * 1024);
            // the next daemon types into the same FIFO: QEMU's input never ended
            keeper.reconnect();
            try (ConsoleHub again = keeper.attach("gone").orElseThrow()) {
                again.attach(ConsoleMode.READ_WRITE, new RecordingListener()).write(b("ok"))
                        .toCompletableFuture().get(5, TimeUnit.SECONDS);
                java.nio.ByteBuffer typed = java.nio.ByteBuffer.allocate(2);
                while (typed.hasRemaining()) {
                    assertThat(qemu[1].read(typed)).isNotNegative();
                }
                assertThat(new String(typed.array(), StandardCharsets.ISO_8859_1)).isEqualTo("ok");
            }
        } finally {
            qemu[0].close();
            qemu[1].close();
        }
    }

    @Test
    void whenTheKeeperGoesQemusWritesFailInsteadOfWaiting() throws Exception {
        java.nio.channels.FileChannel[] qemu = new java.nio.channels.FileChannel[2];
        RecordingListener l = new RecordingListener();
        ConsoleHub fifoHub = keeper.keep(fifos("k", "serial", "k.log"), keeper.config("k"), () -> {
            qemu[0] = java.nio.channels.FileChannel.open(dir.resolve("serial.out"), java.nio.file.StandardOpenOption.WRITE);
            qemu[1] = java.nio.channels.FileChannel.open(dir.resolve("serial.in"), java.nio.file.StandardOpenOption.READ);
        });
        try {
            fifoHub.attach(ConsoleMode.READ_ONLY, l);
            keeper.keeper().close(); // the keeper itself is gone (killed): nobody holds the FIFOs
            assertThat(l.awaitClosed()).isEqualTo(CloseReason.HUB_CLOSED);
            assertThatThrownBy(() -> {
                for (int i = 0; i < 1024; i++) {
                    qemu[0].write(java.nio.ByteBuffer.wrap(new byte[1024]));
                }
            }).isInstanceOf(java.io.IOException.class).hasMessageContaining("Broken pipe");
            assertThat(qemu[1].read(java.nio.ByteBuffer.allocate(8))).isEqualTo(-1);
        } finally {
            qemu[0].close();
            qemu[1].close();
        }
    }

    private void awaitReceived(String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!new String(guest.received(), StandardCharsets.ISO_8859_1).contains(text)) {
            assertThat(System.nanoTime()).as("guest received " + text).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private void awaitRecent(String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!new String(hub.recentOutput(), StandardCharsets.ISO_8859_1).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new ConsoleException("not in the ring: " + text);
            }
            Thread.sleep(10);
        }
    }
}
