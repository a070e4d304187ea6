package dev.jvirt.storage;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A long volume operation running on the library's executor: poll {@link #status()}, wait with
 * {@link #await(Duration)}, or {@link #cancel()}. Progress also goes to the caller's listener.
 */
public final class Job {
    private final long id;
    private final String kind;
    private final VolumeRef volume;
    private final ProgressListener listener;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private volatile JobState state = JobState.RUNNING;
    private volatile String error;
    private volatile boolean cancelRequested;

    Job(long id, String kind, VolumeRef volume, ProgressListener listener) {
        this.id = id;
        this.kind = kind;
        this.volume = volume;
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    public long id() {
        return id;
    }

    public JobStatus status() {
        return new JobStatus(id, kind, volume, state, done.get(), total.get(), error);
    }

    /** Asks the job to stop; it ends CANCELLED at its next check. */
    public void cancel() {
        cancelRequested = true;
    }

    boolean cancelled() {
        return cancelRequested;
    }

    void progress(long bytesDone, long bytesTotal) {
        done.set(bytesDone);
        total.set(bytesTotal);
        listener.progress(bytesDone, bytesTotal);
    }

    void succeed() {
        state = JobState.SUCCEEDED;
        finished.complete(null);
    }

    void fail(Throwable e) {
        error = e.getMessage();
        state = cancelRequested ? JobState.CANCELLED : JobState.FAILED;
        finished.completeExceptionally(e);
    }

    /** Waits for the end; rethrows the job's failure as it was. */
    public JobStatus await(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StorageException(kind + " of " + volume + " failed: " + e.getCause().getMessage(), e.getCause());
        }
        return status();
    }
}
