package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.vmmcore.DomainJob;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running job of each domain (a save, a restore, a snapshot) and its last finished one, for
 * domjobinfo and domjobabort. A job updates its own progress; an abort request is a flag the job
 * polls (and the command it sends to QEMU, {@code migrate_cancel} or {@code job-cancel}).
 */
public final class DomainJobs {
    private final Map<String, Job> running = new ConcurrentHashMap<>();
    private final Map<String, DomainJob> finished = new ConcurrentHashMap<>();

    /** One running job. */
    public final class Job implements AutoCloseable {
        private final String domain;
        private final String operation;
        private final long started = System.nanoTime();
        private volatile long total;
        private volatile long processed;
        private volatile long remaining;
        private volatile long bps;
        private volatile boolean abortRequested;
        private volatile Runnable abort = () -> { };
        private volatile String outcome = "Failed";
        private volatile String error;

        private Job(String domain, String operation) {
            this.domain = domain;
            this.operation = operation;
        }

        void progress(long total, long processed, long remaining, long bps) {
            this.total = total;
            this.processed = processed;
            this.remaining = remaining;
            this.bps = bps;
        }

        /** What domjobabort does to this job (e.g. {@code migrate_cancel}). */
        void onAbort(Runnable action) {
            this.abort = action;
            if (abortRequested) {
                action.run();
            }
        }

        boolean abortRequested() {
            return abortRequested;
        }

        void succeeded() {
            outcome = "Completed";
        }

        void failed(String message) {
            outcome = abortRequested ? "Cancelled" : "Failed";
            error = message;
        }

        DomainJob view(String type) {
            return new DomainJob(type, operation, (System.nanoTime() - started) / 1_000_000, total, processed,
                    remaining, bps, error);
        }

        @Override
        public void close() {
            running.remove(domain, this);
            finished.put(domain, view(outcome));
        }
    }

    /** Starts job {@code operation} of {@code domain} (under the domain's lock: one at a time). */
    Job start(String domain, String operation) {
        Job j = new Job(domain, operation);
        running.put(domain, j);
        return j;
    }

    /** The domain's running job, or None. */
    public DomainJob current(String domain) {
        Job j = running.get(domain);
        return j == null ? DomainJob.none() : j.view("Unbounded");
    }

    /** The domain's last finished job (domjobinfo --completed), or None. */
    public DomainJob completed(String domain) {
        return finished.getOrDefault(domain, DomainJob.none());
    }

    /** Asks the running job of {@code domain} to stop; false when none runs. */
    public boolean abort(String domain) {
        Job j = running.get(domain);
        if (j == null) {
            return false;
        }
        j.abortRequested = true;
        j.abort.run();
        return true;
    }
}
