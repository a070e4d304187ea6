package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Domains;
import dev.jvirt.api.Host;
import dev.jvirt.virshcompat.JvirshCommand;
import dev.jvirt.virshcompat.client.UsageException;
import java.io.IOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jvirsh top}: every running guest's CPU, memory, disk and network rates, refreshed, in
 * virt-top's layout. The first frame comes after one interval (rates need two samples).
 */
@Command(name = "top", mixinStandardHelpOptions = true,
        description = {"Show the running domains' CPU (percent of one host CPU), memory, disk requests and network "
                + "bytes per second, refreshed every --delay seconds, as virt-top does. q then Enter quits; "
                + "--batch prints frames one after another (for scripts and logs)."})
public final class TopCommand extends JvirshCommand {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Option(names = {"-d", "--delay"}, paramLabel = "SECONDS", description = "Seconds between frames (default 3).")
    int delay = 3;

    @Option(names = {"-n", "--iterations"}, paramLabel = "N", description = "Stop after N frames (default: until q).")
    Integer iterations;

    @Option(names = {"-b", "--batch"}, description = "Print frames one after another instead of redrawing the screen.")
    boolean batch;

    @Override
    protected void execute() throws Exception {
        if (delay <= 0 || (iterations != null && iterations < 1)) {
            throw new UsageException("--delay must be more than 0 and --iterations at least 1");
        }
        Host.NodeInfo node = client().nodeInfo();
        Map<String, TopSample> last = sample();
        for (int frame = 0; iterations == null || frame < iterations; frame++) {
            if (waitOrQuit()) {
                return;
            }
            Map<String, TopSample> now = sample();
            if (!batch) {
                out().print("\033[H\033[2J");
            }
            out().print(frame(node, last, now));
            out().flush();
            last = now;
        }
    }

    /** Waits one delay; true when the user typed q. */
    private boolean waitOrQuit() throws IOException, InterruptedException {
        long end = System.nanoTime() + delay * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (!batch && root.in().available() > 0 && root.in().read() == 'q') {
                return true;
            }
            Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
        return false;
    }

    private Map<String, TopSample> sample() {
        Map<String, TopSample> out = new HashMap<>();
        for (Domains.Summary d : client().domains()) {
            if (d.id() != null) {
                Domains.Stats s = client().stats(d.name(), "cpu-total,balloon,interface,block");
                out.put(d.name(), TopSample.of(System.nanoTime(), s.stats()));
            }
        }
        return out;
    }

    String frame(Host.NodeInfo node, Map<String, TopSample> before, Map<String, TopSample> now) {
        List<Domains.Summary> domains = DomainFilter.sorted(client().domains());
        int active = 0;
        int running = 0;
        int paused = 0;
        for (Domains.Summary d : domains) {
            active += d.id() != null ? 1 : 0;
            running += "running".equals(d.state()) ? 1 : 0;
            paused += "paused".equals(d.state()) ? 1 : 0;
        }
        StringBuilder sb = new StringBuilder(512);
        sb.append(String.format(Locale.ROOT, "jvirsh top %s - %s %d/%dCPU %dMHz %dMB%n", LocalTime.now().format(CLOCK),
                node.cpuModel(), node.cpus(), node.cpus(), node.mhz(), node.memoryKib() / 1024));
        sb.append(String.format(Locale.ROOT, "%d domains, %d active, %d running, %d paused, %d inactive%n%n",
                domains.size(), active, running, paused, domains.size() - active));
        sb.append("   ID S RDRQ WRRQ RXBY TXBY %CPU %MEM    TIME   NAME\n");
        for (Domains.Summary d : domains) {
            TopSample a = before.get(d.name());
            TopSample b = now.get(d.name());
            if (d.id() == null || a == null || b == null) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%5d %s %4s %4s %4s %4s %4.1f %4.1f %9s %s%n", d.id(),
                    "paused".equals(d.state()) ? "P" : "R",
                    human(b.rate(b.rdReqs(), a.rdReqs(), a)), human(b.rate(b.wrReqs(), a.wrReqs(), a)),
                    human(b.rate(b.rxBytes(), a.rxBytes(), a)), human(b.rate(b.txBytes(), a.txBytes(), a)),
                    b.cpuPercent(a), node.memoryKib() == 0 ? 0.0 : 100.0 * b.rssKib() / node.memoryKib(),
                    time(b.cpuTime()), d.name()));
        }
        if (batch) {
            sb.append('\n');
        }
        return sb.toString();
    }

    /** virt-top's four-column numbers: 0..9999, then 10K, 10M, 10G. */
    static String human(long n) {
        if (n < 10_000) {
            return Long.toString(n);
        }
        if (n < 10_000_000) {
            return n / 1000 + "K";
        }
        if (n < 10_000_000_000L) {
            return n / 1_000_000 + "M";
        }
        return n / 1_000_000_000 + "G";
    }

    /** CPU time as top prints it: minutes:seconds.hundredths. */
    static String time(long nanos) {
        long hundredths = nanos / 10_000_000;
        return String.format(Locale.ROOT, "%d:%02d.%02d", hundredths / 6000, hundredths / 100 % 60, hundredths % 100);
    }

    @Override
    protected boolean blankLine() {
        return false;
    }
}
