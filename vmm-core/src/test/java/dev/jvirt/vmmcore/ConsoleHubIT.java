package dev.jvirt.vmmcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.console.CloseReason;
import dev.jvirt.console.hub.AttachRequest;
import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.console.hub.ConsoleListener;
import dev.jvirt.console.hub.ConsoleLog;
import dev.jvirt.console.hub.ConsoleSession;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Hypervisor owns each running guest's console hub: connected before {@code cont}, so a
 * client attaching after boot gets the boot marker from the ring; its log is in the state
 * directory, rotated within the configured bound, and kept after the guest stops.
 */
@ExtendWith(TinyGuestExtension.class)
class ConsoleHubIT {
    private static final long LOG_FILE_BYTES = 16 * 1024;
    private static final int LOG_KEEP = 1; // two files: NAME.console.log and NAME.console.log.1
    /** Temp dirs and every Hypervisor and QEMU of the test, cleaned up after each test. */
    @AutoClose
    private final TestHost host = new TestHost();

    @Test
    void lateClientSeesTheBootFromTheRingAndTheLogStaysWithinItsBound(TinyGuest guest) throws Exception {
        Hypervisor hv = host.open(HypervisorConfig.of(host.dirs).withConsoleLog(LOG_FILE_BYTES, LOG_KEEP));
        hv.define(TestDomains.tiny(guest, "hub"));
        assertThatThrownBy(() -> hv.console("hub")).isInstanceOf(InvalidStateException.class)
                .hasMessageContaining("it is shut off");
        assertThatThrownBy(() -> hv.console("nope")).isInstanceOf(NoSuchDomainException.class);
        hv.start("hub");
        ConsoleHub hub = hv.console("hub").orElseThrow();
        Path log = host.dirs.consoleLog("hub");
        assertThat(log).isEqualTo(host.dirs.state().resolve("log/qemu/hub.console.log"));

        // Nobody attached while the guest booted; the hub read it all the same.
        awaitInLog(log, TinyGuest.READY_MARKER, TestHost.BOOT);
        Collector late = new Collector();
        try (ConsoleSession viewer = hub.attach(AttachRequest.viewer().withHistory(64 * 1024), late)) {
            assertThat(late.await(TinyGuest.READY_MARKER, Duration.ofSeconds(10))).contains(TinyGuest.READY_MARKER);
        }

        // Much more output than the log's bound: it rotates, never exceeding it.
        Collector writer = new Collector();
        try (ConsoleSession con = hub.attach(AttachRequest.writer(), writer)) {
            con.write(("i=0; while [ $i -lt 1500 ]; do echo line-$i-abcdefghijklmnopqrstuvwxyz0123456789; i=$((i+1)); done;"
                    + " echo done-$((6*7))\n").getBytes(StandardCharsets.US_ASCII)).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            assertThat(writer.await("done-42", Duration.ofSeconds(180))).contains("line-1499-abc");
        }
        assertThat(hub.bytesFromGuest()).isGreaterThan(3 * LOG_FILE_BYTES);
        assertWithinBound(log);

        hv.destroy("hub");
        assertThat(hub.ended().toCompletableFuture().get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(hub.isRunning()).isFalse();
        assertThatThrownBy(() -> hv.console("hub")).isInstanceOf(InvalidStateException.class);
        assertThat(read(ConsoleLog.files(log))).contains("done-42"); // the log outlives the guest
        assertWithinBound(log);
    }

    @Test
    void afterADaemonRestartTheConsoleWorksBothWaysAndNoOutputWasLostMeanwhile(TinyGuest guest) throws Exception {
        Hypervisor first = host.open();
        first.define(TestDomains.tiny(guest, "back"));
        first.start("back");
        Path log = host.dirs.consoleLog("back");
        awaitInLog(log, TinyGuest.READY_MARKER, TestHost.BOOT);
        Collector before = new Collector();
        try (ConsoleSession con = first.console("back").orElseThrow().attach(AttachRequest.writer(), before)) {
            // prints a numbered line every 10 ms, for ever, whoever reads
            con.write("(i=0; while :; do i=$((i+1)); echo tick-$i; usleep 10000; done) &\n"
                    .getBytes(StandardCharsets.US_ASCII)).toCompletableFuture().get(30, TimeUnit.SECONDS);
            before.await("tick-20", Duration.ofSeconds(60));
        }
        first.close(); // the daemon stops; the guest runs on, its console kept by the keeper
        Thread.sleep(3000);

        Hypervisor second = host.open();
        assertThat(second.state("back").state()).isEqualTo(DomainState.RUNNING);
        ConsoleHub hub = second.console("back").orElseThrow();
        Collector after = new Collector();
        try (ConsoleSession con = hub.attach(AttachRequest.writer().withHistory(64 * 1024), after)) {
            // the ring starts with the log's tail: what was printed before the restart
            assertThat(after.await("tick-20", Duration.ofSeconds(10))).contains(TinyGuest.READY_MARKER);
            con.write("kill %1; echo back-$((6*7))\n".getBytes(StandardCharsets.US_ASCII)).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            String seen = after.await("back-42", Duration.ofSeconds(60));
            // The ticks went on while no daemon was there, and the console keeper logged every
            // one of them: none is missing from the log.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("tick-(\\d+)").matcher(read(ConsoleLog.files(log)));
            java.util.List<Integer> ticks = new java.util.ArrayList<>();
            while (m.find()) {
                ticks.add(Integer.parseInt(m.group(1)));
            }
            int biggestGap = 0;
            for (int i = 1; i < ticks.size(); i++) {
                biggestGap = Math.max(biggestGap, ticks.get(i) - ticks.get(i - 1));
            }
            assertThat(biggestGap).as("ticks missed while the daemon was down: " + ticks).isEqualTo(1);
            assertThat(ticks.get(ticks.size() - 1)).as("ticks while the daemon was down").isGreaterThan(100);
            assertThat(seen).contains("back-42");
        }
        second.destroy("back");
    }

    @Test
    void aGuestWithoutASerialHasNoHub(TinyGuest guest) throws Exception {
        Hypervisor hv = host.open();
        String xml = TestDomains.tiny(guest, "mute").replaceAll("(?s)<serial type='pty'>.*?</serial>", "");
        assertThat(xml).doesNotContain("<serial");
        hv.define(xml);
        hv.start("mute");
        assertThat(hv.console("mute")).isEmpty();
        hv.destroy("mute");
        assertThat(Files.exists(host.dirs.consoleLog("mute"))).isFalse();
    }

    private static void assertWithinBound(Path log) {
        List<Path> files = ConsoleLog.files(log);
        assertThat(files).hasSizeBetween(1, 1 + LOG_KEEP);
        for (Path f : files) {
            assertThat(f.toFile().length()).as("size of %s", f).isLessThanOrEqualTo(LOG_FILE_BYTES);
        }
        assertThat(Files.exists(log.resolveSibling(log.getFileName() + "." + (LOG_KEEP + 1)))).isFalse();
    }

    private static void awaitInLog(Path log, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!read(ConsoleLog.files(log)).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + text + " in " + log + " after " + timeout);
            }
            Thread.sleep(200);
        }
    }

    private static String read(List<Path> files) {
        StringBuilder out = new StringBuilder();
        for (Path f : files) {
            try {
                out.append(Files.readString(f, StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                // rotated away meanwhile
            }
        }
        return out.toString();
    }

    /** Collects a session's output. */
    private static final class Collector implements ConsoleListener {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        @Override
        public synchronized CompletionStage<?> onOutput(byte[] output) {
            out.write(output, 0, output.length);
            notifyAll();
            return DONE;
        }

        @Override
        public synchronized void onClosed(CloseReason reason, String message) {
            closed.complete(reason);
            notifyAll();
        }

        synchronized String await(String text, Duration timeout) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (!text().contains(text)) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || closed.isDone()) {
                    throw new AssertionError("no " + text + " in the console output (closed: " + closed.getNow(null)
                            + "): " + tail(text()));
                }
                wait(Math.min(left, 500));
            }
            return text();
        }

        private String text() {
            return out.toString(StandardCharsets.ISO_8859_1);
        }

        private static String tail(String s) {
            return s.length() > 2000 ? "..." + s.substring(s.length() - 2000) : s;
        }
    }
}
