package dev.jvirt.bench.daemon;

import dev.jvirt.testimages.TinyGuestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Resident memory of jvirtd (the shipped {@code dist/bin/jvirtd}, its JVM flags as users get
 * them) and of a private session libvirtd, in the same run on the same domains: idle, with N
 * defined domains, and with running tiny guests started in steps. The cost per running guest is
 * the least-squares slope of RSS over the number running from the first step on (what each
 * further guest adds; the first step also pays for code loaded once, printed apart);
 * libvirt's is given with and without virtlogd, which holds each guest's log for it. Also the
 * latency of listing the N domains.
 *
 * <p>Usage: {@code DaemonMemoryBench [domains=100] [running=20] [step=5] [settleSeconds=15]
 * [libvirtUser=nobody] [launcher=dist/bin/jvirtd]}
 */
public final class DaemonMemoryBench {
    private static final int LIST_RUNS = 50;

    private DaemonMemoryBench() {
    }

    /** RSS (KiB) of the daemon, and of its helper (virtlogd) or -1, at each count of running guests. */
    record Row(String label, long idle, long defined, List<long[]> steps, long listMedianNs, long listP95Ns,
               long threadsIdle, long threadsRunning) {
    }

    public static void main(String[] args) throws Exception {
        int domains = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int running = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int step = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int settle = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        String user = args.length > 4 ? args[4] : "nobody";
        Path launcher = Path.of(args.length > 5 ? args[5] : "dist/bin/jvirtd").toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " is missing: run `mvn package` at the top first");
        }
        Path root = Files.createTempDirectory("jvirtd-bench-");
        Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            TinyGuestImage built = TinyGuestImage.build();
            Path img = Files.createDirectories(root.resolve("img"));
            Files.copy(built.kernel(), img.resolve("vmlinuz"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(built.initrd(), img.resolve("initrd.img"), StandardCopyOption.REPLACE_EXISTING);
            BenchDomains xml = new BenchDomains(new TinyGuestImage(img), img);
            Map<String, Row> rows = new LinkedHashMap<>();
            rows.put("jvirtd", measure(JvirtdUnderTest.launch(root.resolve("jd"), launcher), xml, "jd", domains,
                    running, step, settle, null));
            LibvirtUnderTest lv = LibvirtUnderTest.start(root.resolve("lv"), user);
            rows.put("libvirtd (session)", measure(lv, xml, "lv", domains, running, step, settle, user));
            print(rows, domains, settle, launcher);
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Row measure(Daemon d, BenchDomains xml, String owner, int domains, int running, int step,
                               int settle, String chownTo) throws Exception {
        List<String> names = new ArrayList<>();
        int started = 0;
        try (d) {
            try {
                Thread.sleep(3000);
                long idle = Rss.kib(d.pid());
                long threadsIdle = Rss.threads(d.pid());
                for (int i = 0; i < domains; i++) {
                    String name = BenchDomains.name(i);
                    Path disk = xml.disk(owner, name);
                    if (chownTo != null) {
                        new ProcessBuilder("chown", chownTo, disk.toString()).inheritIO().start().waitFor();
                    }
                    d.define(name, xml.xml(name, disk));
                    names.add(name);
                }
                for (int i = 0; i < 5; i++) {
                    d.listNanos();
                }
                long[] t = new long[LIST_RUNS];
                for (int i = 0; i < LIST_RUNS; i++) {
                    t[i] = d.listNanos();
                }
                Arrays.sort(t);
                Thread.sleep(2000);
                List<long[]> steps = new ArrayList<>();
                steps.add(sample(d, 0));
                long defined = steps.get(0)[1];
                while (started < Math.min(running, domains)) {
                    for (int i = 0; i < step && started < Math.min(running, domains); i++) {
                        d.start(names.get(started++));
                    }
                    Thread.sleep(settle * 1000L);
                    steps.add(sample(d, started));
                    System.out.printf("%s: %d running, RSS %s%n", d.label(), started,
                            Rss.mib(steps.get(steps.size() - 1)[1]));
                }
                long threadsRunning = Rss.threads(d.pid());
                return new Row(d.label(), idle, defined, steps, t[LIST_RUNS / 2], t[(int) (LIST_RUNS * 0.95)],
                        threadsIdle, threadsRunning);
            } finally {
                for (int i = 0; i < started; i++) { // while the daemon still runs: it stops its own guests
                    try {
                        d.destroy(names.get(i));
                    } catch (Exception e) {
                        System.err.println("destroy " + names.get(i) + ": " + e.getMessage());
                    }
                }
            }
        }
    }

    /** {running, daemon RSS, helper RSS}: the medians of 5 samples a second apart (GC and timer noise). */
    private static long[] sample(Daemon d, int running) throws InterruptedException {
        long[] rss = new long[5];
        long[] helper = new long[5];
        for (int i = 0; i < rss.length; i++) {
            rss[i] = Rss.kib(d.pid());
            helper[i] = helperKib(d);
            Thread.sleep(1000);
        }
        Arrays.sort(rss);
        Arrays.sort(helper);
        return new long[] {running, rss[2], helper[2]};
    }

    /** virtlogd's RSS for libvirt (0 while it does not run yet), -1 for jvirtd (no helper). */
    private static long helperKib(Daemon d) {
        return d instanceof LibvirtUnderTest lv ? Math.max(0, Rss.kib(lv.virtlogdPid())) : -1;
    }

    /** The steps from the first running guests on (what each further guest adds). */
    private static List<long[]> further(Row r) {
        return r.steps().subList(1, r.steps().size());
    }

    /** Least-squares slope of column {@code col} over the running count (column 0), KiB per guest. */
    static double slope(List<long[]> steps, int col) {
        double n = steps.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (long[] s : steps) {
            sx += s[0];
            sy += s[col];
            sxx += (double) s[0] * s[0];
            sxy += (double) s[0] * s[col];
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    private static void print(Map<String, Row> rows, int domains, int settle, Path launcher) {
        Row any = rows.values().iterator().next();
        StringBuilder head = new StringBuilder(String.format("%-22s %10s %12s", "daemon", "idle RSS", domains + " defined"));
        for (long[] s : any.steps().subList(1, any.steps().size())) {
            head.append(String.format(" %11s", s[0] + " running"));
        }
        head.append(String.format(" %18s %12s %10s %9s", "per running guest", "list p50", "list p95", "threads"));
        System.out.println();
        System.out.println(head);
        rows.forEach((label, r) -> {
            StringBuilder line = new StringBuilder(String.format("%-22s %10s %12s", label, Rss.mib(r.idle()),
                    Rss.mib(r.defined())));
            for (long[] s : r.steps().subList(1, r.steps().size())) {
                line.append(String.format(" %11s", Rss.mib(s[1])));
            }
            line.append(String.format(" %14.0f KiB %9.2f ms %7.2f ms %4d/%-4d", slope(further(r), 1),
                    r.listMedianNs() / 1e6, r.listP95Ns() / 1e6, r.threadsIdle(), r.threadsRunning()));
            System.out.println(line);
            if (r.steps().stream().anyMatch(s -> s[2] >= 0)) { // virtlogd starts with the first guest
                StringBuilder logd = new StringBuilder(String.format("%-22s %10s %12s", "  + virtlogd", "",
                        Rss.mib(r.steps().get(0)[2])));
                for (long[] s : r.steps().subList(1, r.steps().size())) {
                    logd.append(String.format(" %11s", Rss.mib(s[2])));
                }
                List<long[]> both = r.steps().stream().map(s -> new long[] {s[0], s[1] + s[2]}).toList();
                logd.append(String.format(" %14.0f KiB (libvirtd + virtlogd: %.0f KiB)",
                        slope(further(r), 2), slope(both.subList(1, both.size()), 1)));
                System.out.println(logd);
            }
        });
        Row jd = rows.get("jvirtd");
        Row lv = rows.get("libvirtd (session)");
        if (jd != null && lv != null) {
            System.out.printf("per running guest, jvirtd / libvirtd = %.2f%n", slope(further(jd), 1) / slope(further(lv), 1));
        }
        rows.forEach((label, r) -> System.out.printf("%s: the first %d guests (code and pools loaded once) cost %.0f KiB"
                + " each; every step counted from 0: %.0f KiB per guest%n", label, r.steps().get(1)[0],
                (r.steps().get(1)[1] - r.steps().get(0)[1]) / (double) r.steps().get(1)[0], slope(r.steps(), 1)));
        System.out.println("per running guest: least-squares slope of RSS (median of 5 samples, " + settle
                + " s after each step) over the number running, from the first step on.");
        System.out.println("jvirtd list latency: one HTTP request over the unix socket from a JVM client (new connection each);");
        System.out.println("libvirtd list latency: a whole `virsh list --all` process (what a user sees).");
        System.out.println("jvirtd: " + launcher + " (the shipped launcher and its JVM flags)");
    }
}
