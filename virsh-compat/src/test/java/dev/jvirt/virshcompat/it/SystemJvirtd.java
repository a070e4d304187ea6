package dev.jvirt.virshcompat.it;

import dev.jvirt.virshcompat.JvirshRun;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A system-mode jvirtd inside the namespaces {@link SystemModeNamespace} runs a scenario in: tmpfs
 * over /var/lib/jvirt and /run/jvirt, {@code jvirtd --system} as a child process, jvirsh run in the
 * scenario's JVM, and the scenario's output as {@code key=value} lines and {@code BEGIN key} /
 * {@code END key} blocks. Used by {@link NetworkGuestsScenario} and {@link ImportNetworkScenario}.
 */
final class SystemJvirtd {
    static final Path STATE = Path.of("/var/lib/jvirt");
    static final Path SOCKET = Path.of("/run/jvirt/jvirtd.sock");

    private SystemJvirtd() {
    }

    /** tmpfs over jvirt's system dirs (this mount namespace only), and the loopback up. */
    static void prepareNamespace() throws Exception {
        for (String[] m : new String[][] {{"/var/lib/jvirt", "mode=0711"}, {"/run/jvirt", "mode=0755"}}) {
            run("mount", "-t", "tmpfs", "-o", m[1], "jvirt-test", m[0]);
        }
        run("ip", "link", "set", "lo", "up");
    }

    static Process startJvirtd(Path work, int n) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        File log = work.resolve("jvirtd-" + n + ".log").toFile();
        Process p = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:-UsePerfData", "-cp",
                System.getProperty("java.class.path"), "dev.jvirt.vmmcore.daemon.JvirtdMain", "--system")
                .redirectErrorStream(true).redirectOutput(log).start();
        System.out.println("jvirtd-" + n + "-pid=" + p.pid());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (p.isAlive() && Files.exists(SOCKET) && jvirsh("list").status() == 0) {
                return p;
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        System.out.println("jvirtd-did-not-start=" + Files.readString(log.toPath()).replace('\n', '|'));
        throw new IllegalStateException("jvirtd did not start");
    }

    static JvirshRun jvirsh(String... args) {
        return jvirshEnv(Map.of(), "", args);
    }

    /** jvirsh against the system daemon with {@code env} added (e.g. EDITOR) and {@code stdin} typed in. */
    static JvirshRun jvirshEnv(Map<String, String> env, String stdin, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = "vmm:///system";
        System.arraycopy(args, 0, all, 2, args.length);
        return JvirshRun.withEnv(0, env, stdin, all);
    }

    static void show(String key, JvirshRun r) {
        System.out.println("status-" + key + "=" + r.status());
        System.out.println("BEGIN " + key);
        System.out.print(r.out());
        System.out.print(r.err());
        System.out.println("END " + key);
    }

    static Path consoleLog(String domain) {
        return STATE.resolve("log").resolve("qemu").resolve(domain + ".console.log");
    }

    static String consoleText(String domain) {
        try {
            return Files.exists(consoleLog(domain))
                    ? new String(Files.readAllBytes(consoleLog(domain)), StandardCharsets.ISO_8859_1) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    static boolean awaitConsole(String domain, String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (consoleText(domain).contains(text)) {
                return true;
            }
            Thread.sleep(250);
        }
        System.out.println("console-timeout-" + domain + "=" + consoleText(domain).replace('\n', '|'));
        return false;
    }

    static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", argv));
        }
    }
}
