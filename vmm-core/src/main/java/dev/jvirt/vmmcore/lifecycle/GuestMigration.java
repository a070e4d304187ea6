package dev.jvirt.vmmcore.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvirt.vmmcore.GuestControlException;
import dev.jvirt.vmmcore.qemu.RawFd;
import java.io.IOException;
import java.nio.file.Path;

/**
 * QEMU's migration stream into and out of a save image, through a descriptor passed with
 * {@code getfd} ({@code migrate fd:NAME}, {@code migrate-incoming fd:NAME}): jvirtd opens the
 * file, QEMU reads or writes it from the descriptor's offset, past the image's header. Progress
 * is QEMU's {@code query-migrate}, polled into the domain's job.
 */
final class GuestMigration {
    private static final String FD_NAME = "jvirt-migration";
    /** libvirt's "unlimited" for a save: QEMU's default of 32 MiB/s would make a save slow for nothing. */
    private static final long UNLIMITED_BPS = Long.MAX_VALUE / (1024 * 1024) * 1024;
    private static final long POLL_MILLIS = 20;

    private GuestMigration() {
    }

    /** Appends the guest's state (its CPUs stopped) to {@code file}; returns once QEMU has written it all. */
    static void saveTo(RunningGuest g, String domain, Path file, DomainJobs.Job job) throws IOException, InterruptedException {
        QmpCalls.run(g, domain, "migrate-set-parameters", QmpCalls.args().put("max-bandwidth", UNLIMITED_BPS));
        try (RawFd fd = RawFd.append(file)) {
            QmpCalls.runWithFd(g, domain, "getfd", QmpCalls.args().put("fdname", FD_NAME), fd.fd());
        }
        QmpCalls.run(g, domain, "migrate", QmpCalls.args().put("uri", "fd:" + FD_NAME));
        // after the migrate: an abort asked for before it was sent cancels it now
        job.onAbort(() -> g.qmp().execute("migrate_cancel").exceptionally(e -> null));
        await(g, domain, job, "save");
    }

    /** Feeds {@code file} from {@code offset} to QEMU started with {@code -incoming defer}; returns once it is loaded. */
    static void loadFrom(RunningGuest g, String domain, Path file, long offset, DomainJobs.Job job)
            throws IOException, InterruptedException {
        try (RawFd fd = RawFd.readFrom(file, offset)) {
            QmpCalls.runWithFd(g, domain, "getfd", QmpCalls.args().put("fdname", FD_NAME), fd.fd());
        }
        QmpCalls.run(g, domain, "migrate-incoming", QmpCalls.args().put("uri", "fd:" + FD_NAME));
        await(g, domain, job, "restore");
    }

    private static void await(RunningGuest g, String domain, DomainJobs.Job job, String what) throws InterruptedException {
        while (true) {
            JsonNode m = QmpCalls.run(g, domain, "query-migrate", QmpCalls.args());
            String status = m.path("status").asText("none");
            JsonNode ram = m.path("ram");
            job.progress(ram.path("total").asLong(), ram.path("transferred").asLong(), ram.path("remaining").asLong(),
                    (long) (ram.path("mbps").asDouble() * 1_000_000 / 8));
            switch (status) {
                case "completed" -> {
                    return;
                }
                case "failed" -> throw new GuestControlException("the " + what + " of domain '" + domain + "' failed in QEMU: "
                        + m.path("error-desc").asText("no reason given"), null);
                case "cancelled" -> throw new GuestControlException("the " + what + " of domain '" + domain
                        + "' was cancelled (domjobabort)", null);
                default -> Thread.sleep(POLL_MILLIS);
            }
        }
    }
}
