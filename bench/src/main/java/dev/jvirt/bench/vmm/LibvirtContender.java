package dev.jvirt.bench.vmm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * libvirt: {@code virsh -c qemu:///session start} against the private session libvirtd that
 * vmm-start.sh started as an unprivileged user with XDG dirs in a temp dir. The figure includes
 * starting the virsh process; {@link #virshBaselineNanos()} measures that cost alone.
 */
final class LibvirtContender implements Contender {
    private final Path home;
    private final String user;
    private final String name;
    private final Path serialLog;

    LibvirtContender(Path home, String user, String name, String xml, Path serialLog) throws Exception {
        this.home = home;
        this.user = user;
        this.name = name;
        this.serialLog = serialLog;
        Path file = home.resolve(name + ".xml");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        virsh("define", file.toString());
    }

    @Override
    public String label() {
        return "libvirt (virsh start, session daemon)";
    }

    @Override
    public long[] start() throws Exception {
        Files.deleteIfExists(serialLog);
        long t0 = System.nanoTime();
        virsh("start", name);
        long running = System.nanoTime();
        long marker = SerialMarker.await(serialLog, dev.jvirt.testimages.TinyGuest.READY_MARKER, Duration.ofSeconds(300));
        return new long[] {running - t0, marker - t0};
    }

    @Override
    public void stop() throws Exception {
        virsh("destroy", name);
    }

    /** A {@code virsh domstate}: what running the virsh process and one RPC cost. */
    long virshBaselineNanos() throws Exception {
        long t0 = System.nanoTime();
        virsh("domstate", name);
        return System.nanoTime() - t0;
    }

    @Override
    public void close() throws Exception {
        try {
            virsh("destroy", name);
        } catch (IllegalStateException e) {
            // not running
        }
        virsh("undefine", name);
    }

    private void virsh(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", user, "--", "virsh", "-q", "-c", "qemu:///session"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("XDG_RUNTIME_DIR", home.resolve("run").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out.strip());
        }
    }
}
