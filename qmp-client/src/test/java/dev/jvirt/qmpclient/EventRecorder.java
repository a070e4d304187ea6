package dev.jvirt.qmpclient;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects a connection's events for a test to wait on. */
final class EventRecorder implements QmpEventListener {
    final LinkedBlockingQueue<QmpEvent> events = new LinkedBlockingQueue<>();
    final CompletableFuture<QmpConnectionLostException> lost = new CompletableFuture<>();

    @Override
    public void onEvent(QmpEvent event) {
        events.add(event);
    }

    @Override
    public void onConnectionLost(QmpConnectionLostException cause) {
        lost.complete(cause);
    }

    /** Waits for the event named {@code name}, skipping others; fails after {@code timeout}. */
    QmpEvent await(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            QmpEvent event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (event == null) {
                throw new AssertionError("no " + name + " event within " + timeout);
            }
            if (event.name().equals(name)) {
                return event;
            }
        }
    }
}
