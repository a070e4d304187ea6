package dev.jvirt.console.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.console.ConsoleException;
import dev.jvirt.console.terminal.ConsoleClient;
import dev.jvirt.console.terminal.ConsoleOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client in pipe mode, over the frame stream, through the bridge, to a hub on a stand-in socket. */
class ConsoleStreamTest {

    @TempDir
    Path dir;
    private dev.jvirt.console.keeper.TestKeeper keeper;
    private FakeGuestSocket guest;
    private ConsoleHub hub;
    private ConsoleSocketServer server;

    @BeforeEach
    void start() throws Exception {
        keeper = dev.jvirt.console.keeper.TestKeeper.start(dir);
        guest = new FakeGuestSocket(dir.resolve("console.sock"));
        hub = keeper.keepSocket("web1", guest.path, dir.resolve("console.log"), false);
        server = ConsoleSocketServer.serve(hub, dir.resolve("stream.sock"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        hub.close();
        guest.close();
        keeper.close();
    }

    /** A client run in the background with its own stdout/stderr. */
    private static final class Run {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> status;

        String out() {
            synchronized (out) {
                return out.toString(StandardCharsets.ISO_8859_1);
            }
        }
    }

    private Run run(InputStream stdin, AttachRequest request) throws Exception {
        Run r = new Run();
        ConsoleSocketServer.Connection c = ConsoleSocketServer.connect(server.path(), request);
        ConsoleOptions options = ConsoleOptions.of("web1").withMode(ConsoleOptions.Mode.PIPE)
                .withStreams(stdin, new PrintStream(r.out, true), new PrintStream(r.err, true))
                .withDrain(Duration.ofMillis(300), Duration.ofSeconds(3));
        r.status = CompletableFuture.supplyAsync(() -> ConsoleClient.run(options, c.in(), c.out()));
        return r;
    }

    private void awaitReceived(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!new String(guest.received(), StandardCharsets.ISO_8859_1).contains(text)) {
            assertThat(System.nanoTime()).as("guest received " + text).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void pipedInputReachesTheGuestAndOutputComesBackUntilStdinEnds() throws Exception {
        Run r = run(new ByteArrayInputStream("echo hi\n".getBytes(StandardCharsets.US_ASCII)), AttachRequest.writer());
        awaitReceived("echo hi\n");
        guest.send("echo hi\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(r.status.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(r.out()).isEqualTo("echo hi\r\nhi\r\n");
        assertThat(r.err.toString(StandardCharsets.UTF_8))
                .isEqualTo("Connected to domain 'web1'\nEscape character is ^] (Ctrl + ])\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (hub.sessionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(hub.sessionCount()).as("the session detached").isZero();
    }

    @Test
    void theGuestStoppingEndsTheClientWithStatusZeroAndSaysSo() throws Exception {
        Run r = run(new PipedInputStream(new PipedOutputStream()), AttachRequest.writer());
        guest.send("reboot: Power down\r\n".getBytes(StandardCharsets.US_ASCII));
        guest.close();
        assertThat(r.status.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(r.out()).isEqualTo("reboot: Power down\r\n");
        assertThat(r.err.toString(StandardCharsets.UTF_8)).endsWith("\nDomain 'web1' stopped; its console is closed\n");
    }

    @Test
    void forceTakesOverAndTheFirstClientIsToldAndExitsWhileAViewerSeesTheSame() throws Exception {
        Run first = run(new PipedInputStream(new PipedOutputStream()), AttachRequest.writer());
        Run viewer = run(new PipedInputStream(new PipedOutputStream()), AttachRequest.viewer());
        awaitSessions(2);
        assertThatThrownBy(() -> ConsoleSocketServer.connect(server.path(), AttachRequest.writer()))
                .isInstanceOf(ConsoleException.class)
                .hasMessage("domain 'web1' already has a console session; use --force to take it over");

        Run second = run(new PipedInputStream(new PipedOutputStream()), AttachRequest.writer().withForce(true));
        assertThat(first.status.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(first.err.toString(StandardCharsets.UTF_8))
                .endsWith("error: The console session of domain 'web1' was taken over by another client (--force)\n");
        guest.send("shared\r\n".getBytes(StandardCharsets.US_ASCII));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(second.out().contains("shared") && viewer.out().contains("shared")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(second.out()).isEqualTo(viewer.out()).isEqualTo("shared\r\n");
        assertThat(viewer.status).isNotDone();
        assertThat(second.status).isNotDone();
    }

    private void awaitSessions(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (hub.sessionCount() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(hub.sessionCount()).isEqualTo(n);
    }
}
