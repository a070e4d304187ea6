package dev.jvirt.console.hub;

import dev.jvirt.console.CloseReason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Collects a session's output and its end, for tests. */
class RecordingListener implements ConsoleListener {

    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    volatile String closeMessage;

    @Override
    public CompletionStage<?> onOutput(byte[] bytes) {
        synchronized (output) {
            output.writeBytes(bytes);
            output.notifyAll();
        }
        return DONE;
    }

    @Override
    public void onClosed(CloseReason reason, String message) {
        closeMessage = message;
        closed.complete(reason);
    }

    String text() {
        synchronized (output) {
            return output.toString(StandardCharsets.ISO_8859_1);
        }
    }

    int size() {
        synchronized (output) {
            return output.size();
        }
    }

    /** Waits until the output so far satisfies {@code test}; returns it. */
    String await(Predicate<String> test, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (!test.test(text())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("console output not as expected within " + timeout + "; got:\n" + text());
                }
                output.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return text();
        }
    }

    String awaitContains(String text, Duration timeout) throws InterruptedException {
        return await(s -> s.contains(text), timeout);
    }

    CloseReason awaitClosed() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }
}
