package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Saves;
import dev.jvirt.virshcompat.client.ApiClient;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * virsh's --verbose progress of a long job ("\rSave: [ 42 %]" on stderr): while the request runs
 * on the caller's thread, this one asks jvirtd for the domain's job (its own connection per
 * request) and prints the share QEMU has written.
 */
final class JobProgress implements AutoCloseable {
    private static final long POLL_MILLIS = 250;
    private final Thread poller;
    private final PrintWriter err;
    private final String label;
    private volatile boolean done;

    private JobProgress(ApiClient client, String domain, String label, PrintWriter err) {
        this.err = err;
        this.label = label;
        this.poller = new Thread(() -> poll(client, domain), "jvirsh-job-progress");
        poller.setDaemon(true);
    }

    /** Starts printing the progress of {@code domain}'s job when {@code verbose}; else does nothing. */
    static JobProgress start(boolean verbose, ApiClient client, String domain, String label, PrintWriter err) {
        JobProgress p = new JobProgress(client, domain, label, err);
        if (verbose) {
            p.poller.start();
        }
        return p;
    }

    private void poll(ApiClient client, String domain) {
        while (!done) {
            try {
                Saves.Job j = client.saves().job(domain, false);
                if ("Unbounded".equals(j.type()) && j.dataTotal() > 0) {
                    int pct = (int) Math.min(99, 100 - j.dataRemaining() * 100 / j.dataTotal());
                    print(pct);
                }
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                return; // progress is a courtesy: the request itself reports failures
            }
        }
    }

    private synchronized void print(int pct) {
        if (!done) {
            err.print(String.format(Locale.ROOT, "\r%s: [%3d %%]", label, pct));
            err.flush();
        }
    }

    /** The job succeeded: 100 %, as virsh ends it. */
    void completed() {
        if (poller.isAlive() || poller.getState() == Thread.State.TERMINATED) {
            close();
            synchronized (this) {
                err.print(String.format(Locale.ROOT, "\r%s: [100 %%]%n", label));
                err.flush();
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            done = true;
        }
        poller.interrupt();
    }
}
