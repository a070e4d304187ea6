package dev.jvirt.vmmcore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.console.CloseReason;
import dev.jvirt.console.hub.AttachRequest;
import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.console.hub.ConsoleListener;
import dev.jvirt.console.hub.ConsoleSession;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The tiny guest's shell on its serial console, through the domain's console hub (a writer
 * session with the recent history): type a line, wait for what only running it prints. Shared by
 * the ITs that check what the guest sees (StorageVolumesIT, SaveRestoreIT, SnapshotsIT).
 */
public final class GuestShell implements ConsoleListener, AutoCloseable {
    private static final Duration SHELL = Duration.ofSeconds(120);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final ConsoleSession session;
    private int mark;

    GuestShell(ConsoleHub hub) {
        session = hub.attach(AttachRequest.writer().withHistory(256 * 1024), this);
    }

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

    /** Waits for {@code text} after the last mark; answers what came since the mark. */
    synchronized String await(String text) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TestHost.BOOT.toMillis();
        while (!since().contains(text)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0 || closed.isDone()) {
                String all = since();
                throw new AssertionError("no " + text + " on the console: " + all.substring(Math.max(0, all.length() - 2000)));
            }
            wait(Math.min(left, 500));
        }
        String s = since();
        mark = out.size();
        return s;
    }

    private String since() {
        String all = out.toString(StandardCharsets.ISO_8859_1);
        return all.substring(Math.min(mark, all.length()));
    }

    /** Types a command line and waits for {@code done} in its output (an expression the echo only makes on running). */
    String run(String line, String done) throws Exception {
        synchronized (this) {
            mark = out.size();
        }
        session.write((line + "\n").getBytes(StandardCharsets.US_ASCII)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return await(done);
    }

    /** Runs {@code command} until its output has {@code text}. */
    void poll(String command, String text) throws Exception {
        long deadline = System.nanoTime() + SHELL.toNanos();
        int n = 0;
        while (true) {
            n++;
            String got = run(command + "; echo POLL-" + n + "-$((1+1))", "POLL-" + n + "-2");
            if (got.contains(text)) {
                return;
            }
            assertThat(System.nanoTime()).as("no " + text + " in the output of " + command + ": " + got).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** Runs {@code command} until its output lacks {@code text}. */
    void pollGone(String command, String text) throws Exception {
        long deadline = System.nanoTime() + SHELL.toNanos();
        int n = 0;
        while (true) {
            n++;
            String got = run(command + "; echo GONE-" + n + "-$((1+1))", "GONE-" + n + "-2");
            String body = got.substring(got.indexOf('\n') + 1); // past the echoed command line
            if (!body.replace("GONE-" + n + "-2", "").contains(text)) {
                return;
            }
            assertThat(System.nanoTime()).as(text + " still in the output of " + command + ": " + got).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
