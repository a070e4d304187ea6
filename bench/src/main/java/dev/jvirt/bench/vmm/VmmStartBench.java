package dev.jvirt.bench.vmm;

import dev.jvirt.testimages.TinyGuestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the tiny guest with jvirt, with libvirt and as bare QEMU (same XML, same image, same
 * run, interleaved), RUNS times each after one warm-up, and prints medians of call → running and
 * call → marker on serial, and each manager's overhead over bare QEMU.
 *
 * <p>Usage: {@code VmmStartBench WORKDIR [runs=10] [libvirt-user=nobody]}; run by bench/vmm-start.sh,
 * which starts the private session libvirtd (XDG dirs under WORKDIR/libvirt) and stops it after.
 */
public final class VmmStartBench {
    private static final String NAME = "vmmbench";

    private VmmStartBench() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path work = Path.of(args[0]).toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String user = args.length > 2 ? args[2] : "nobody";

        TinyGuestImage image = TinyGuestImage.build();
        Path img = Files.createDirectories(work.resolve("img"));
        Path kernel = Files.copy(image.kernel(), img.resolve("vmlinuz"), StandardCopyOption.REPLACE_EXISTING);
        Path initrd = Files.copy(image.initrd(), img.resolve("initrd.img"), StandardCopyOption.REPLACE_EXISTING);
        Path disk = img.resolve("vda.qcow2");
        run(List.of("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "64M"));
        run(List.of("chmod", "-R", "a+rX", img.toString()));
        run(List.of("chown", user, disk.toString()));
        Path libvirtHome = work.resolve("libvirt");
        Path serialLog = libvirtHome.resolve("serial.log");
        String xml = BenchDomain.xml(NAME, kernel, initrd, disk, serialLog);

        Map<String, Medians[]> results = new LinkedHashMap<>();
        try (JvirtContender jvirt = new JvirtContender(work.resolve("jvirt"), NAME, xml);
             BareQemuContender bare = new BareQemuContender(jvirt.argv(), jvirt.runtimeDir(), work.resolve("bare"));
             LibvirtContender libvirt = new LibvirtContender(libvirtHome, user, NAME, xml, serialLog)) {
            List<Contender> all = List.of(bare, jvirt, libvirt);
            for (Contender c : all) {
                results.put(c.label(), new Medians[] {new Medians(), new Medians()});
                // Warm-up (page cache, JIT, the daemons' first-start work), and the check that this
                // contender's guest reaches its marker on the serial console at all: a contender
                // that cannot see it is reported and nothing is timed.
                try {
                    c.start();
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException(c.label() + ": its guest's marker never showed; not timing: "
                            + e.getMessage(), e);
                }
                c.stop();
            }
            Medians virsh = new Medians();
            for (int i = 0; i < runs; i++) {
                for (Contender c : all) {
                    long[] t = c.start();
                    c.stop();
                    results.get(c.label())[0].addNanos(t[0]);
                    results.get(c.label())[1].addNanos(t[1]);
                    System.err.printf("run %2d  %-40s running %7.1f ms  marker %8.1f ms%n", i + 1, c.label(),
                            t[0] / 1e6, t[1] / 1e6);
                }
                virsh.addNanos(libvirt.virshBaselineNanos());
            }
            print(results, bare.label(), jvirt.label(), libvirt.label(), virsh, runs);
        }
    }

    private static void print(Map<String, Medians[]> r, String bare, String jvirt, String libvirt, Medians virsh,
                              int runs) {
        System.out.printf("%nStarting the tiny guest (TCG), medians of %d runs each, interleaved:%n%n", runs);
        System.out.printf("| %-40s | %13s | %13s |%n", "", "call→running", "call→marker");
        System.out.printf("|%s|%s|%s|%n", "-".repeat(42), "-".repeat(15), "-".repeat(15));
        for (Map.Entry<String, Medians[]> e : r.entrySet()) {
            System.out.printf("| %-40s | %10.1f ms | %10.1f ms |%n", e.getKey(), e.getValue()[0].median(),
                    e.getValue()[1].median());
        }
        double[] oj = overhead(r, jvirt, bare);
        double[] ol = overhead(r, libvirt, bare);
        System.out.printf("| %-40s | %10.1f ms | %10.1f ms |%n", "jvirt overhead over bare QEMU", oj[0], oj[1]);
        System.out.printf("| %-40s | %10.1f ms | %10.1f ms |%n", "libvirt overhead over bare QEMU", ol[0], ol[1]);
        System.out.printf("| %-40s | %13.2f | %13.2f |%n", "jvirt overhead / libvirt overhead", oj[0] / ol[0],
                oj[1] / ol[1]);
        System.out.printf("%nGoal: jvirt's overhead at most half of libvirt's (ratio <= 0.50).%n");
        System.out.printf("libvirt's figures include starting virsh: a `virsh domstate` alone takes %.1f ms (median).%n",
                virsh.median());
        System.out.printf("Marker times are dominated by the guest's boot under TCG and vary with the machine's load.%n");
    }

    private static double[] overhead(Map<String, Medians[]> r, String who, String bare) {
        return new double[] {r.get(who)[0].median() - r.get(bare)[0].median(),
                r.get(who)[1].median() - r.get(bare)[1].median()};
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed");
        }
    }
}
