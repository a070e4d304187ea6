package dev.jvirt.bench.console;

import dev.jvirt.testimages.TinyGuestImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Console benchmark over the shipped programs: for each given jvirt distribution (e.g. a build of
 * main and this tree's) a session jvirtd of its own runs the tiny guest, and {@code jvirsh console}
 * is driven under a pseudo-terminal ({@code script}) exactly like {@code virsh console} (given as a
 * command by bench/console.sh, which runs a private libvirt): keystroke echo latency and guest →
 * client throughput, rounds interleaved. Then, per distribution, a console outage: the guest prints
 * a counter as fast as it can while jvirtd is killed ({@code kill -9}) for a while and restarted;
 * the lines missing from the console log are counted.
 *
 * <p>Usage: {@code ConsoleBench --print-image | [--keys N] [--lines N] [--rounds N] [--outage SECONDS]
 * --dist NAME=DIR [--dist NAME=DIR ...] [--virsh CMD]}
 */
public final class ConsoleBench {

    private static final String LINE = "0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final Pattern COUNTED = Pattern.compile("(?<![0-9])(\\d+) " + LINE);

    private ConsoleBench() {
    }

    record Result(String client, List<Double> latenciesMs, double bytesPerSecond, long bytes) {
    }

    public static void main(String[] args) throws Exception {
        int keys = 200;
        int lines = 3000;
        int rounds = 2;
        int outage = 10;
        String virsh = null;
        Map<String, Path> dists = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--print-image" -> {
                    TinyGuestImage image = TinyGuestImage.build();
                    System.out.println(image.kernel());
                    System.out.println(image.initrd());
                    return;
                }
                case "--keys" -> keys = Integer.parseInt(args[++i]);
                case "--lines" -> lines = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--outage" -> outage = Integer.parseInt(args[++i]);
                case "--virsh" -> virsh = args[++i];
                case "--dist" -> {
                    String[] kv = args[++i].split("=", 2);
                    dists.put(kv[0], Path.of(kv[1]).toAbsolutePath());
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (dists.isEmpty()) {
            throw new IllegalArgumentException("give at least one --dist NAME=DIR");
        }
        TinyGuestImage image = TinyGuestImage.build();
        List<JvirtRun> runs = new ArrayList<>();
        try {
            for (Map.Entry<String, Path> d : dists.entrySet()) {
                runs.add(JvirtRun.start(d.getKey(), d.getValue(), image));
            }
            List<Result> results = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (JvirtRun run : runs) {
                    results.add(measure("jvirsh console (" + run.name + ")", run.console(), keys, lines));
                }
                if (virsh != null) {
                    results.add(measure("virsh console (pty)", virsh, keys, lines));
                }
            }
            print(results, keys, lines);
            System.out.printf("%nconsole outage: the guest prints a counter as fast as it can; jvirtd is killed (kill -9)"
                    + " for %d s, then started again%n", outage);
            System.out.printf("%-24s %14s %14s %16s %12s%n", "jvirt", "lines logged", "lines missing", "missing share",
                    "keeper");
            for (JvirtRun run : runs) {
                long[] o = run.outage(outage);
                System.out.printf("%-24s %14d %14d %15.1f%% %12s%n", run.name, o[0], o[1], 100.0 * o[1] / Math.max(1, o[0] + o[1]),
                        o[2] > 0 ? "pid " + o[2] : "none");
            }
        } finally {
            for (JvirtRun run : runs) {
                run.close();
            }
        }
    }

    /** One distribution's session jvirtd in a temp dir of its own, with the tiny guest running. */
    private static final class JvirtRun implements AutoCloseable {
        static final String DOMAIN = "console-bench";
        final String name;
        final Path dist;
        final Path tmp;
        Process jvirtd;

        private JvirtRun(String name, Path dist, Path tmp) {
            this.name = name;
            this.dist = dist;
            this.tmp = tmp;
        }

        static JvirtRun start(String name, Path dist, TinyGuestImage image) throws Exception {
            Path tmp = Files.createTempDirectory("jvirt-console-bench-" + name.replaceAll("[^a-zA-Z0-9]", "") + "-");
            JvirtRun run = new JvirtRun(name, dist, tmp);
            Files.createDirectories(tmp.resolve("run"), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            Files.writeString(tmp.resolve("domain.xml"), """
                    <domain type='qemu'>
                      <name>%s</name>
                      <memory unit='MiB'>128</memory>
                      <vcpu>1</vcpu>
                      <os>
                        <type arch='x86_64' machine='pc'>hvm</type>
                        <kernel>%s</kernel>
                        <initrd>%s</initrd>
                        <cmdline>%s</cmdline>
                      </os>
                      <features><acpi/></features>
                      <devices>
                        <serial type='pty'><target port='0'/></serial>
                      </devices>
                    </domain>
                    """.formatted(DOMAIN, image.kernel(), image.initrd(), dev.jvirt.testimages.TinyGuest.CMDLINE));
            run.startDaemon();
            run.jvirsh("define", tmp.resolve("domain.xml").toString());
            run.jvirsh("start", DOMAIN);
            run.awaitInLog(dev.jvirt.testimages.TinyGuest.READY_MARKER, 240);
            return run;
        }

        String env() {
            return "env XDG_RUNTIME_DIR=" + tmp.resolve("run") + " XDG_DATA_HOME=" + tmp.resolve("data") + " ";
        }

        String console() {
            return env() + dist.resolve("bin/jvirsh") + " -c vmm:///session console " + DOMAIN + " --force";
        }

        Path log() {
            return tmp.resolve("data/jvirt/log/qemu/" + DOMAIN + ".console.log");
        }

        void startDaemon() throws Exception {
            ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/jvirtd").toString(), "--session")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("jvirtd.out").toFile()));
            pb.environment().put("XDG_RUNTIME_DIR", tmp.resolve("run").toString());
            pb.environment().put("XDG_DATA_HOME", tmp.resolve("data").toString());
            jvirtd = pb.start();
            Path socket = tmp.resolve("run/jvirt/jvirtd.sock");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                if (Files.exists(socket)) {
                    try {
                        jvirsh("list", "--all");
                        return;
                    } catch (IOException e) {
                        // not serving yet
                    }
                }
                if (!jvirtd.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException(name + ": jvirtd did not come up: " + Files.readString(tmp.resolve("jvirtd.out")));
                }
                Thread.sleep(50);
            }
        }

        String jvirsh(String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(dist.resolve("bin/jvirsh").toString(), "-c", "vmm:///session"));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("XDG_RUNTIME_DIR", tmp.resolve("run").toString());
            pb.environment().put("XDG_DATA_HOME", tmp.resolve("data").toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(name + ": jvirsh " + String.join(" ", args) + ": " + out);
            }
            return out;
        }

        String logText() throws IOException {
            StringBuilder all = new StringBuilder();
            List<Path> files = new ArrayList<>();
            for (int i = 9; i >= 1; i--) {
                files.add(log().resolveSibling(log().getFileName() + "." + i));
            }
            files.add(log());
            for (Path f : files) {
                if (Files.exists(f)) {
                    all.append(Files.readString(f, StandardCharsets.ISO_8859_1));
                }
            }
            return all.toString();
        }

        void awaitInLog(String text, int seconds) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!logText().contains(text)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(name + ": no '" + text + "' in " + log());
                }
                Thread.sleep(100);
            }
        }

        /** {lines logged, lines missing between the first and last counted line, keeper pid or 0}. */
        long[] outage(int seconds) throws Exception {
            try (PtyDriver d = new PtyDriver(console())) {
                d.await("Escape character is", 0, 60_000);
                d.type("\rdmesg -n 1; (i=0; while :; do i=$((i+1)); echo \"$i " + LINE + "\"; done) &\r");
                d.await("\n2 " + LINE, 0, 60_000); // 1 is on the prompt's line
                d.type("\u001d");
                d.waitFor(10_000);
            }
            Thread.sleep(2000);
            jvirtd.destroyForcibly();
            jvirtd.waitFor();
            Thread.sleep(seconds * 1000L);
            startDaemon();
            Thread.sleep(2000);
            try (PtyDriver d = new PtyDriver(console())) {
                d.await("Escape character is", 0, 60_000);
                d.type("\rkill %1; echo STOP-$((40+2))\r");
                d.await("STOP-42", 0, 60_000);
                d.type("\u001d");
                d.waitFor(10_000);
            }
            Matcher m = COUNTED.matcher(logText());
            long logged = 0;
            long missing = 0;
            long last = -1;
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                if (last >= 0 && n > last + 1) {
                    missing += n - last - 1;
                }
                last = n;
                logged++;
            }
            Path pidFile = tmp.resolve("run/jvirt/console-keeper.pid");
            long keeper = Files.exists(pidFile) ? Long.parseLong(Files.readString(pidFile).trim()) : 0;
            return new long[] {logged, missing, keeper};
        }

        @Override
        public void close() throws Exception {
            try {
                jvirsh("destroy", DOMAIN);
            } catch (Exception e) {
                // not running
            }
            if (jvirtd != null) {
                jvirtd.destroy();
                jvirtd.waitFor(30, TimeUnit.SECONDS);
            }
            Path pidFile = tmp.resolve("run/jvirt/console-keeper.pid");
            if (Files.exists(pidFile)) { // the keeper exits by itself once the guest is gone; by pid if not
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                Thread.sleep(2000);
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            try (Stream<Path> walk = Files.walk(tmp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Result measure(String client, String command, int keys, int lines) throws Exception {
        try (PtyDriver d = new PtyDriver(command)) {
            int off = d.await("Escape character is", 0, 60_000);
            Thread.sleep(500);
            d.type("\r");
            d.await("tiny# ", off, 30_000);
            Thread.sleep(300);
            List<Double> latencies = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                int at = d.size();
                long t0 = System.nanoTime();
                d.type("x");
                d.await("x", at, 10_000);
                latencies.add((System.nanoTime() - t0) / 1e6);
                if ((i + 1) % 40 == 0) {
                    d.type("\u0015"); // Ctrl+U: clear the line
                    Thread.sleep(100);
                }
            }
            d.type("\u0015");
            Thread.sleep(200);
            int at = d.size();
            d.type("i=0; while [ $i -lt " + lines + " ]; do echo \"$i:" + LINE + "\"; i=$((i+1)); done;"
                    + " echo TP-$((40+2))-END\r");
            int first = d.await("\n0:" + LINE, at, 60_000);
            long t1 = System.nanoTime();
            int end = d.await("TP-42-END", first, 600_000);
            long t2 = System.nanoTime();
            long bytes = end - first;
            d.type("\u001d");
            d.waitFor(10_000);
            return new Result(client, latencies, bytes * 1e9 / (t2 - t1), bytes);
        }
    }

    private static void print(List<Result> results, int keys, int lines) {
        System.out.printf("%nconsole benchmark: tiny guest under TCG; each client under a pty (script); %d keystrokes,"
                + " %d lines of %d bytes%n", keys, lines, LINE.length() + 8);
        System.out.printf("%-28s %12s %12s %12s %14s%n", "client", "echo median", "echo p99", "echo max", "guest->client");
        for (Result r : results) {
            List<Double> s = r.latenciesMs().stream().sorted().toList();
            System.out.printf("%-28s %9.2f ms %9.2f ms %9.2f ms %9.3f MB/s%n", r.client(), percentile(s, 50),
                    percentile(s, 99), s.get(s.size() - 1), r.bytesPerSecond() / 1e6);
        }
    }

    private static double percentile(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
