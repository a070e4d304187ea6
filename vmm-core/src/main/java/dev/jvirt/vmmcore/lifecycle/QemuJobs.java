package dev.jvirt.vmmcore.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.vmmcore.GuestControlException;

/**
 * QEMU's background jobs (QMP {@code snapshot-save}, {@code snapshot-load}, {@code snapshot-delete},
 * {@code block-commit}) run to their end: started with a job id, polled with {@code query-jobs}
 * until concluded, their error read there, then {@code job-dismiss}ed. A commit of the active
 * layer is completed ({@code job-complete}) once it is ready.
 */
final class QemuJobs {
    private static final long POLL_MILLIS = 20;

    private QemuJobs() {
    }

    /** Runs {@code command} (its arguments without the job id) as job {@code id} and waits for it. */
    static void run(RunningGuest g, String domain, String command, ObjectNode args, String id, DomainJobs.Job job)
            throws InterruptedException {
        args.put("job-id", id);
        QmpCalls.run(g, domain, command, args);
        job.onAbort(() -> g.qmp().execute("job-cancel", QmpCalls.args().put("id", id)).exceptionally(e -> null));
        boolean completing = false;
        while (true) {
            JsonNode mine = null;
            for (JsonNode j : QmpCalls.run(g, domain, "query-jobs", QmpCalls.args())) {
                if (id.equals(j.path("id").asText())) {
                    mine = j;
                }
            }
            if (mine == null) {
                return; // a job that dismissed itself has succeeded (failures conclude and wait)
            }
            job.progress(mine.path("total-progress").asLong(), mine.path("current-progress").asLong(),
                    mine.path("total-progress").asLong() - mine.path("current-progress").asLong(), 0);
            switch (mine.path("status").asText()) {
                case "ready" -> {
                    if (!completing) {
                        QmpCalls.run(g, domain, "job-complete", QmpCalls.args().put("id", id));
                        completing = true;
                    }
                }
                case "concluded" -> {
                    String error = mine.path("error").isMissingNode() ? null : mine.path("error").asText();
                    QmpCalls.run(g, domain, "job-dismiss", QmpCalls.args().put("id", id));
                    if (error != null) {
                        throw new GuestControlException(command + " on domain '" + domain + "' failed: " + error, null);
                    }
                    return;
                }
                default -> { }
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
