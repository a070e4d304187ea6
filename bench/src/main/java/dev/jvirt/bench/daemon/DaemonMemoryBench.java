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
 * Resident memory of jvirtd (with the distribution's JVM flags, and with a smaller set) and of a
 * private session libvirtd, in the same run on the same domains: idle, with N defined domains, with
 * M running tiny guests; and the latency of listing the N domains.
 *
 * <p>Usage: {@code DaemonMemoryBench [domains=100] [running=10] [libvirtUser=nobody]}
 */
public final class DaemonMemoryBench {
    static final List<String> DIST_FLAGS = List.of("-XX:+UseSerialGC", "-Xms16m", "-XX:MaxRAMPercentage=25");
    static final List<String> SMALL_FLAGS = List.of("-XX:+UseSerialGC", "-Xms8m", "-Xmx64m", "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=16m", "-XX:MaxMetaspaceSize=64m", "-Xss512k",
            "-XX:-UsePerfData", "-XX:+UseCompressedClassPointers", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20");
    /** SMALL plus no pooled Netty buffers, smaller stacks, and glibc limited to 2 malloc arenas. */
    static final List<String> TUNED_FLAGS = List.of("-XX:+UseSerialGC", "-Xms8m", "-Xmx48m", "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=12m", "-XX:MaxMetaspaceSize=64m", "-Xss256k",
            "-XX:-UsePerfData", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20",
            "-Dio.netty.allocator.type=unpooled", "-Dio.netty.noPreferDirect=true", "-XX:MaxDirectMemorySize=16m");
    static final Map<String, String> TUNED_ENV = Map.of("MALLOC_ARENA_MAX", "2");
    private static final int LIST_RUNS = 50;

    private DaemonMemoryBench() {
    }

    record Row(String label, long idle, long defined, long running, long listMedianNs, long listP95Ns, long extraKiB,
               long threads) {
    }

    public static void main(String[] args) throws Exception {
        int domains = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int running = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String user = args.length > 2 ? args[2] : "nobody";
        Path root = Files.createTempDirectory("jvirtd-bench-");
        Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            TinyGuestImage built = TinyGuestImage.build();
            Path img = Files.createDirectories(root.resolve("img"));
            Files.copy(built.kernel(), img.resolve("vmlinuz"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(built.initrd(), img.resolve("initrd.img"), StandardCopyOption.REPLACE_EXISTING);
            BenchDomains xml = new BenchDomains(new TinyGuestImage(img), img);
            Map<String, Row> rows = new LinkedHashMap<>();
            rows.put("jvirtd (dist flags)", measure(JvirtdUnderTest.start(root.resolve("jd1"), DIST_FLAGS, Map.of()),
                    xml, "jd1", domains, running, null));
            rows.put("jvirtd (small flags)", measure(JvirtdUnderTest.start(root.resolve("jd2"), SMALL_FLAGS, Map.of()),
                    xml, "jd2", domains, running, null));
            rows.put("jvirtd (tuned)", measure(JvirtdUnderTest.start(root.resolve("jd3"), TUNED_FLAGS, TUNED_ENV),
                    xml, "jd3", domains, running, null));
            LibvirtUnderTest lv = LibvirtUnderTest.start(root.resolve("lv"), user);
            rows.put("libvirtd (session)", measure(lv, xml, "lv", domains, running, user));
            print(rows, domains, running);
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Row measure(Daemon d, BenchDomains xml, String owner, int domains, int running, String chownTo)
            throws Exception {
        List<String> names = new ArrayList<>();
        try (d) {
            Thread.sleep(3000);
            long idle = Rss.kib(d.pid());
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
            long defined = Rss.kib(d.pid());
            for (int i = 0; i < running; i++) {
                d.start(names.get(i));
            }
            Thread.sleep(5000);
            long run = Rss.kib(d.pid());
            long threads = Rss.threads(d.pid());
            long extra = d instanceof LibvirtUnderTest lv ? Rss.kib(lv.virtlogdPid()) : 0;
            for (int i = 0; i < running; i++) {
                d.destroy(names.get(i));
            }
            return new Row(d.label(), idle, defined, run, t[LIST_RUNS / 2], t[(int) (LIST_RUNS * 0.95)], extra, threads);
        }
    }

    private static void print(Map<String, Row> rows, int domains, int running) {
        System.out.printf("%-22s %10s %14s %14s %18s %14s %14s %8s%n", "daemon", "idle RSS", domains + " defined",
                running + " running", "per running guest", "list " + domains + " p50", "list p95", "threads");
        rows.forEach((label, r) -> System.out.printf("%-22s %10s %14s %14s %18s %11.2f ms %11.2f ms %8d%n", label,
                Rss.mib(r.idle()), Rss.mib(r.defined()), Rss.mib(r.running()),
                String.format("%.0f KiB", (r.running() - r.defined()) / (double) running),
                r.listMedianNs() / 1e6, r.listP95Ns() / 1e6, r.threads()));
        rows.values().stream().filter(r -> r.extraKiB() > 0).forEach(r -> System.out.printf(
                "(%s also needs virtlogd: %s RSS with %d running guests)%n", r.label(), Rss.mib(r.extraKiB()), running));
        System.out.println("jvirtd list latency: one HTTP request over the unix socket from a JVM client (new connection each);");
        System.out.println("libvirtd list latency: a whole `virsh list --all` process (what a user sees).");
        System.out.println("flags: dist = " + String.join(" ", DIST_FLAGS));
        System.out.println("       small = " + String.join(" ", SMALL_FLAGS));
        System.out.println("       tuned = " + String.join(" ", TUNED_FLAGS) + " with MALLOC_ARENA_MAX=2");
    }
}
