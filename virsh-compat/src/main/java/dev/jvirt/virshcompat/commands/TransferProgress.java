package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.client.StorageApi;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a long transfer on stderr: a bar redrawn in place on a terminal, otherwise a plain
 * line at every 10 % — only for transfers of 64 MiB or more, so scripts moving small images see
 * nothing but errors.
 */
final class TransferProgress implements StorageApi.Progress {
    private static final long SHOWN_FROM = 64L << 20;
    private final PrintWriter err;
    private final boolean terminal;
    private final String what;
    private int lastShown = -1;
    private long lastDraw;

    TransferProgress(PrintWriter err, String what) {
        this.err = err;
        this.terminal = System.console() != null;
        this.what = what;
    }

    @Override
    public void at(long done, long total) {
        if (total < SHOWN_FROM) {
            return;
        }
        int pct = (int) Math.min(100, done * 100 / total);
        if (terminal) {
            long now = System.nanoTime();
            if (pct == lastShown || (now - lastDraw < 100_000_000L && pct < 100)) {
                return;
            }
            lastDraw = now;
            int bars = pct * 30 / 100;
            err.print(String.format(Locale.ROOT, "\r%s [%s%s] %3d%% %s", what, "#".repeat(bars), " ".repeat(30 - bars), pct,
                    dev.jvirt.virshcompat.format.Capacities.pretty(done)));
            if (pct == 100) {
                err.println();
            }
            err.flush();
        } else if (pct / 10 != lastShown / 10 || lastShown < 0) {
            err.println(String.format(Locale.ROOT, "%s: %d%% (%d of %d bytes)", what, pct, done, total));
            err.flush();
        }
        lastShown = pct;
    }
}
