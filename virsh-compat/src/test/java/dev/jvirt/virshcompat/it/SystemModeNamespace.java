package dev.jvirt.virshcompat.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a scenario class's {@code main} in a network namespace made for it and a private mount
 * namespace ({@code ip netns exec NS unshare --mount --propagation private java ...}), where it runs
 * a system-mode jvirtd ({@link SystemJvirtd}); then kills every process of the namespace by pid and
 * deletes it. The scenario prints {@code key=value} lines and {@code BEGIN key}/{@code END key}
 * blocks, read back with {@link #value} and {@link #block}. Needs root.
 */
final class SystemModeNamespace {

    private SystemModeNamespace() {
    }

    /** Whether this test runs as root (namespaces and system mode need it). */
    static boolean root() throws Exception {
        return "0".equals(capture("id", "-u").strip());
    }

    /**
     * Runs {@code scenario}'s main with {@code args} in namespace {@code ns}; its output (also in
     * {@code out}), after the namespace is gone. {@code logs} in {@code work} are printed after it.
     */
    static String run(String ns, Class<?> scenario, Path out, int timeoutSeconds, List<Path> logs, String... args)
            throws Exception {
        for (String dir : List.of("/var/lib/jvirt", "/run/jvirt")) {
            Files.createDirectories(Path.of(dir)); // mount points; the namespace's tmpfs covers them
        }
        sh("ip", "netns", "add", ns);
        try {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, "unshare", "--mount", "--propagation",
                    "private", java, "-XX:+UseSerialGC", "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                    scenario.getName()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    throw new AssertionError(scenario.getSimpleName() + " did not finish within " + timeoutSeconds + " s");
                }
            } finally {
                p.destroyForcibly();
                p.waitFor();
            }
        } finally {
            killNamespace(ns);
            for (Path log : logs) {
                if (Files.exists(log)) {
                    System.out.println("---- " + log.getFileName() + "\n" + Files.readString(log));
                }
            }
        }
        return Files.exists(out) ? Files.readString(out) : "";
    }

    static String value(String output, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + "=(.*)$").matcher(output);
        return m.find() ? m.group(1) : "<no " + key + ">";
    }

    static String block(String output, String key) {
        int from = output.indexOf("BEGIN " + key + "\n");
        int to = output.indexOf("END " + key + "\n", Math.max(from, 0));
        return from < 0 || to < 0 ? "<no " + key + ">" : output.substring(from + key.length() + 7, to);
    }

    /** Kills every process in the namespace by pid (jvirtd, its console keeper, QEMU, dnsmasq), then deletes it. */
    private static void killNamespace(String ns) throws Exception {
        for (int round = 0; round < 20; round++) {
            List<Long> pids = new ArrayList<>();
            for (String line : capture("ip", "netns", "pids", ns).split("\n")) {
                if (line.strip().matches("\\d+")) {
                    pids.add(Long.parseLong(line.strip()));
                }
            }
            if (pids.isEmpty()) {
                break;
            }
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            Thread.sleep(500);
        }
        sh("ip", "netns", "delete", ns);
    }

    private static String capture(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return s;
    }

    private static void sh(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", argv));
        }
    }
}
