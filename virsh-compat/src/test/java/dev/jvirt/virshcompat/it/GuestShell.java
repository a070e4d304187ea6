package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.SerialOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A command typed into the tiny guest's shell through {@code jvirsh console} (stdin a pipe), again
 * every few seconds until the guest answers: the answer is a marker the guest's shell computes
 * ({@code $((N+0))} and the command's status), so the echo of the typed line never matches. Or,
 * typed once with the console's input then ended, a line whose answer is awaited in the domain's
 * console log.
 */
final class GuestShell {
    private static int seq;

    private GuestShell() {
    }

    /** Runs {@code command} in {@code domain}'s shell; answers its exit status, or -1 when the guest did not answer in time. */
    static synchronized int run(Cli jvirsh, String domain, String command, int seconds) throws IOException, InterruptedException {
        int n = 7000 + ++seq;
        String marker = "GS" + n + "-";
        Process console = jvirsh.start("console", domain, "--force");
        StringBuilder seen = new StringBuilder();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try {
                byte[] buf = new byte[4096];
                for (int k; (k = console.getInputStream().read(buf)) > 0; ) {
                    synchronized (seen) {
                        seen.append(new String(buf, 0, k, StandardCharsets.ISO_8859_1));
                    }
                }
            } catch (IOException e) {
                // ends with the process
            }
        });
        Cli.drain(console.getErrorStream());
        int status = -1;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            String line = command + "; echo GS$((" + n + "+0))-$?\n";
            long nextType = 0;
            while (System.nanoTime() < deadline && console.isAlive() && status < 0) {
                if (System.nanoTime() >= nextType) {
                    Cli.write(console.getOutputStream(), line);
                    nextType = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                }
                Thread.sleep(200);
                synchronized (seen) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile(marker + "(\\d+)").matcher(seen);
                    if (m.find()) {
                        status = Integer.parseInt(m.group(1));
                    }
                }
            }
        } finally {
            console.getOutputStream().close();
            if (!console.waitFor(20, TimeUnit.SECONDS)) {
                console.destroyForcibly();
            }
            reader.join();
        }
        return status;
    }

    /** Runs {@code line} in domain {@code domain}'s shell; waits up to 60 s for {@code answer} in {@code log}. */
    static void run(Cli jvirsh, String domain, Path log, String line, String answer) throws Exception {
        Process console = jvirsh.start("console", domain);
        Cli.write(console.getOutputStream(), line + "\n");
        console.getOutputStream().close();
        assertThat(console.waitFor(60, TimeUnit.SECONDS)).as("jvirsh console " + domain + " ended").isTrue();
        SerialOutput.await(log, answer, Duration.ofSeconds(60));
    }
}
