package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.virshcompat.it.Cli.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * bin/jvirsh against a real jvirtd and the tiny guest, stdin a pipe: {@code console --log} (the
 * stored log over the API, before, during and after a run; the errors for an unknown domain and
 * one that never ran), {@code --log --follow} (like tail -f: waits for the first output, shows the
 * boot and later output as it comes, outlives the guest, ends by signal), and the history replayed
 * on attaching ({@code --history BYTES}: cut so that the first line shown is whole; none by default
 * with stdin a pipe).
 */
@ExtendWith(TinyGuestExtension.class)
class JvirshConsoleLogIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String NAME = "log1";

    @Test
    void logFollowAndHistory(TinyGuest guest) throws Exception {
        Path scratch = Files.createTempDirectory("jvirsh-console-log-");
        Process follow = null;
        try (JvirtdUnderTest daemon = new JvirtdUnderTest(scratch.resolve("daemon"))) {
            Distribution dist = Distribution.find(scratch);
            daemon.start(dist);
            Cli jvirsh = new Cli(dist.jvirsh(), Map.of("JVIRT_DEFAULT_URI", daemon.uri()));

            Result unknown = jvirsh.run("console", "--log", "nosuch");
            assertThat(unknown.status()).isEqualTo(1);
            assertThat(unknown.err()).as(unknown.toString()).isEqualTo("error: failed to get domain 'nosuch'\n"
                    + "error: Domain not found: domain 'nosuch' not found\n"
                    + "hint: jvirsh list --all shows the defined domains\n");

            assertThat(jvirsh.run("define", TinyDomainXml.write(guest, NAME, scratch).toString()).status()).isZero();
            Result never = jvirsh.run("console", "--log", NAME);
            assertThat(never.status()).as(never.toString()).isEqualTo(1);
            assertThat(never.out()).isEmpty();
            assertThat(never.err()).isEqualTo("error: operation failed: domain 'log1' has no console log: it has not "
                    + "run since it was defined (or its log was removed)\n"
                    + "hint: jvirsh start log1 boots it; jvirtd keeps its console output from then on\n");

            // --follow before the first run waits for the log, then shows the boot as it comes.
            follow = jvirsh.start("console", "--log", "--follow", NAME);
            follow.getOutputStream().close();
            StringBuilder followed = collect(follow);
            CompletableFuture<String> followErr = Cli.drain(follow.getErrorStream());
            assertThat(jvirsh.run("start", NAME).status()).isZero();
            await(followed, "the boot in --follow's output", s -> s.contains(TinyGuest.READY_MARKER), follow);

            // Output after the boot, through a piped console session (which replays nothing by default).
            Process typing = jvirsh.start("console", NAME);
            Cli.write(typing.getOutputStream(),
                    "i=0; while [ $i -lt 60 ]; do echo line-$i-abcdefghij; i=$((i+1)); done\n");
            typing.getOutputStream().close();
            Result typed = Cli.finish(typing, 120);
            assertThat(typed.status()).as(typed.toString()).isZero();
            assertThat(typed.err()).startsWith("Connected to domain 'log1'\n");
            assertThat(typed.out()).as("no replay with stdin a pipe").doesNotContain(TinyGuest.READY_MARKER)
                    .contains("line-59-abcdefghij\r\n");
            await(followed, "the later output in --follow's output", s -> s.contains("line-59-abcdefghij\r\n"), follow);

            // History, cut so that the first line shown is whole. The hub's ring and its log hold the
            // same bytes (all of this run's output fits in both), so the log says what to expect.
            Path file = daemon.state.resolve("log/qemu/" + NAME + ".console.log");
            Result history = jvirsh.run("-q", "console", "--history", "100", NAME);
            assertThat(history.status()).as(history.toString()).isZero();
            byte[] stored = Files.readAllBytes(file);
            assertThat(history.out()).as("100 bytes from a line start").isEqualTo(wholeLineTail(stored, 100))
                    .startsWith("line-").hasSizeLessThanOrEqualTo(100).hasSizeGreaterThan(100 - "line-5x-abcdefghij\r\n".length());
            // A window that begins exactly at a line start keeps that line; one byte less loses it.
            int exact = stored.length - lastIndexOf(stored, "line-58-abcdefghij\r\n");
            String tail = new String(stored, stored.length - exact, exact, StandardCharsets.ISO_8859_1);
            assertThat(jvirsh.run("-q", "console", "--history", Integer.toString(exact), NAME).out()).isEqualTo(tail)
                    .startsWith("line-58-abcdefghij\r\nline-59-abcdefghij\r\n");
            assertThat(jvirsh.run("-q", "console", "--history", Integer.toString(exact - 1), NAME).out())
                    .isEqualTo(tail.substring("line-58-abcdefghij\r\n".length()));

            // The log while running: everything, as stored, like cat (no blank line added).
            Result log = jvirsh.run("console", "--log", NAME);
            assertThat(log.status()).as(log.toString()).isZero();
            assertThat(log.err()).isEmpty();
            assertThat(log.out()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8))
                    .contains(TinyGuest.READY_MARKER, "line-0-abcdefghij\r\n", "line-59-abcdefghij\r\n");

            // The guest stops: --follow goes on (like tail -f), the log stays readable, attaching is refused.
            assertThat(jvirsh.run("destroy", NAME).status()).isZero();
            Result after = jvirsh.run("console", "--log", NAME);
            assertThat(after.status()).isZero();
            assertThat(after.out()).isEqualTo(log.out());
            Result refused = jvirsh.run("console", NAME);
            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.err()).startsWith("error: The domain is not running\n");
            assertThat(follow.isAlive()).as("--follow outlives the guest: " + followErr.getNow("")).isTrue();
            follow.destroy(); // SIGTERM, as Ctrl+C would end it
            assertThat(follow.waitFor(30, TimeUnit.SECONDS)).isTrue();
            synchronized (followed) {
                assertThat(followed.toString()).isEqualTo(after.out());
            }
        } finally {
            if (follow != null) {
                follow.destroyForcibly();
            }
            JvirtdUnderTest.deleteTree(scratch);
        }
    }

    /** What the history of {@code max} bytes should show: the last max+1 bytes from after their first line feed. */
    private static String wholeLineTail(byte[] output, int max) {
        int from = Math.max(0, output.length - max - 1);
        int cut = from;
        while (cut < output.length && output[cut] != '\n') {
            cut++;
        }
        return new String(output, cut + 1, output.length - cut - 1, StandardCharsets.ISO_8859_1);
    }

    private static int lastIndexOf(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).lastIndexOf(needle);
    }

    private static StringBuilder collect(Process p) {
        StringBuilder seen = new StringBuilder();
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = p.getInputStream().read(buf)) > 0; ) {
                    synchronized (seen) {
                        seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    }
                }
            } catch (java.io.IOException e) {
                // ends with the process
            }
        }, "follow-output");
        t.setDaemon(true);
        t.start();
        return seen;
    }

    private static void await(StringBuilder seen, String what, Predicate<String> test, Process p) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            synchronized (seen) {
                if (test.test(seen.toString())) {
                    return;
                }
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    throw new AssertionError(what + " did not come within " + WAIT + " (alive: " + p.isAlive() + "):\n" + seen);
                }
            }
            Thread.sleep(100);
        }
    }
}
