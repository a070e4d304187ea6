package dev.jvirt.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The volume jobs of one {@link StoragePools}: started on its executor, kept for polling (the last 200). */
final class Jobs {
    private static final Logger log = LoggerFactory.getLogger(Jobs.class);
    private static final int KEPT = 200;
    private final ExecutorService executor;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Job> jobs = new LinkedHashMap<>();

    Jobs(ExecutorService executor) {
        this.executor = executor;
    }

    /** Starts {@code body} under {@code hold}, which the job releases when it ends. */
    Job start(String kind, VolumeRef v, VolumeLocks.Hold hold, ProgressListener listener, Consumer<JobContext> body) {
        Job job = new Job(ids.incrementAndGet(), kind, v, listener);
        synchronized (jobs) {
            jobs.put(job.id(), job);
            if (jobs.size() > KEPT) {
                jobs.entrySet().removeIf(e -> e.getValue().status().state().finished() && jobs.size() > KEPT);
            }
        }
        hold.describe(kind + " (job " + job.id() + ")");
        JobContext ctx = new JobContext() {
            @Override
            public void progress(long done, long total) {
                job.progress(done, total);
            }

            @Override
            public boolean cancelled() {
                return job.cancelled();
            }
        };
        try {
            executor.execute(() -> {
                Throwable failure = null;
                try (hold) {
                    body.accept(ctx);
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                // the volume is free again before anyone waiting on the job hears that it ended
                if (failure == null) {
                    job.succeed();
                } else {
                    log.info("{} of {} failed: {}", kind, v, failure.getMessage());
                    job.fail(failure);
                }
            });
        } catch (RuntimeException e) {
            hold.close();
            job.fail(e);
            throw e;
        }
        return job;
    }

    Job get(long id) {
        synchronized (jobs) {
            Job j = jobs.get(id);
            if (j == null) {
                throw new StorageException("no job " + id);
            }
            return j;
        }
    }

    List<JobStatus> list() {
        synchronized (jobs) {
            List<JobStatus> out = new ArrayList<>();
            jobs.values().forEach(j -> out.add(j.status()));
            return out;
        }
    }
}
