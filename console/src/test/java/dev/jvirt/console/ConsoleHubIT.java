package dev.jvirt.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.console.hub.AttachRequest;
import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.console.hub.ConsoleLogReader;
import dev.jvirt.console.hub.ConsoleSession;
import dev.jvirt.console.hub.ConsoleSocketServer;
import dev.jvirt.console.hub.HubConfig;
import dev.jvirt.console.terminal.ConsoleClient;
import dev.jvirt.console.terminal.ConsoleOptions;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The hub on the tiny guest under QEMU: ring, echo round trip, takeover, viewers, the guest stopping. */
@ExtendWith(TinyGuestExtension.class)
class ConsoleHubIT {

    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aClientAttachingAfterBootSeesTheMarkerFromTheRingAndItsEchoComesBack(TinyGuest guest) throws Exception {
        try (GuestVm vm = GuestVm.startPaused(guest, "g1");
                ConsoleHub hub = vm.hub("tiny1", "console", vm.dir.resolve("log/console.log"))) {
            vm.cont();
            awaitRing(hub, TinyGuest.READY_MARKER, BOOT);
            Thread.sleep(500); // the shell's prompt comes after the marker

            RecordingSink late = new RecordingSink();
            ConsoleSession session = hub.attach(AttachRequest.writer().withHistory(HubConfig.DEFAULT_HISTORY_BYTES), late);
            assertThat(late.await(s -> s.contains(TinyGuest.READY_MARKER), WAIT)).contains("Linux version");

            String word = "jvirt-" + ThreadLocalRandom.current().nextInt(1, 32768) + "-ok";
            session.write(ascii("echo " + word + "\r")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            Pattern answer = Pattern.compile("(?m)^" + word + "\r?$");
            String seen = late.await(s -> answer.matcher(s).find(), WAIT);
            assertThat(seen).contains("echo " + word);

            ByteArrayOutputStream log = new ByteArrayOutputStream();
            ConsoleLogReader.read(vm.dir.resolve("log/console.log"), log);
            assertThat(log.toString(StandardCharsets.ISO_8859_1)).contains(TinyGuest.READY_MARKER).contains(word);
        }
    }

    @Test
    void forceTakesOverTheFirstClientIsToldAndExitsAViewerSeesTheSameAndPoweroffEndsAll(TinyGuest guest)
            throws Exception {
        try (GuestVm vm = GuestVm.startPaused(guest, "g2");
                ConsoleHub hub = vm.hub("tiny2", "console", vm.dir.resolve("console.log"));
                ConsoleSocketServer server = ConsoleSocketServer.serve(hub, vm.dir.resolve("stream.sock"))) {
            vm.cont();
            awaitRing(hub, TinyGuest.READY_MARKER, BOOT);

            PipedOutputStream firstKeys = new PipedOutputStream();
            Client first = Client.start(server, AttachRequest.writer(), new PipedInputStream(firstKeys));
            Client viewer = Client.start(server, AttachRequest.viewer(), new PipedInputStream(new PipedOutputStream()));
            firstKeys.write(ascii("echo first-$((6*7))\r"));
            first.await(s -> s.contains("first-42"), WAIT);
            viewer.await(s -> s.contains("first-42"), WAIT);

            assertThatThrownBy(() -> ConsoleSocketServer.connect(server.path(), AttachRequest.writer()))
                    .hasMessage("domain 'tiny2' already has a console session; use --force to take it over");

            PipedOutputStream secondKeys = new PipedOutputStream();
            Client second = Client.start(server, AttachRequest.writer().withForce(true), new PipedInputStream(secondKeys));
            assertThat(first.status.get(10, TimeUnit.SECONDS)).as("the first client exits").isEqualTo(1);
            assertThat(first.err()).contains("was taken over by another client (--force)");

            int mark = viewer.out().length();
            secondKeys.write(ascii("echo second-$((6*8))\r"));
            second.await(s -> s.contains("second-48"), WAIT);
            viewer.await(s -> s.contains("second-48"), WAIT);
            String secondSaw = second.out();
            assertThat(viewer.out().substring(mark)).startsWith(secondSaw.substring(0, secondSaw.indexOf("second-48")));
            assertThat(first.out()).doesNotContain("second-48");

            secondKeys.write(ascii("poweroff\r"));
            assertThat(second.status.get(60, TimeUnit.SECONDS)).isZero();
            assertThat(viewer.status.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(second.err()).endsWith("Domain 'tiny2' stopped; its console is closed\n");
            assertThat(second.out()).contains("reboot: Power down");
            assertThat(hub.ended().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(CloseReason.GUEST_STOPPED);
            assertThat(vm.awaitExit(Duration.ofSeconds(30))).isTrue();
        }
    }

    static void awaitRing(ConsoleHub hub, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!new String(hub.recentOutput(), StandardCharsets.ISO_8859_1).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("'" + text + "' not on the console within " + timeout + "; recent output:\n"
                        + new String(hub.recentOutput(), StandardCharsets.ISO_8859_1));
            }
            Thread.sleep(50);
        }
    }

    /** A pipe-mode console client over the stream server, run in the background. */
    static final class Client {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> status;

        static Client start(ConsoleSocketServer server, AttachRequest request, java.io.InputStream keys)
                throws Exception {
            Client c = new Client();
            ConsoleSocketServer.Connection conn = ConsoleSocketServer.connect(server.path(), request);
            ConsoleOptions options = ConsoleOptions.of("tiny").withMode(ConsoleOptions.Mode.PIPE)
                    .withStreams(keys, new PrintStream(c.out, true), new PrintStream(c.err, true));
            c.status = CompletableFuture.supplyAsync(() -> ConsoleClient.run(options, conn.in(), conn.out()));
            return c;
        }

        String out() {
            synchronized (out) {
                return out.toString(StandardCharsets.ISO_8859_1);
            }
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        String await(java.util.function.Predicate<String> test, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!test.test(out())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("console output not as expected within " + timeout + ":\n" + out());
                }
                Thread.sleep(20);
            }
            return out();
        }
    }
}
