package dev.jvirt.console;

import dev.jvirt.console.hub.ConsoleListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/** A hub listener that keeps everything, for integration tests. */
final class RecordingSink implements ConsoleListener {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

    @Override
    public synchronized CompletionStage<?> onOutput(byte[] bytes) {
        output.writeBytes(bytes);
        return DONE;
    }

    @Override
    public void onClosed(CloseReason reason, String message) {
        closed.complete(reason);
    }

    synchronized String text() {
        return output.toString(StandardCharsets.ISO_8859_1);
    }

    String await(Predicate<String> test, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!test.test(text())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("console output not as expected within " + timeout + ":\n" + text());
            }
            Thread.sleep(20);
        }
        return text();
    }
}
