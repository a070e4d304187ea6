package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Refused bodies leave no memory behind: a jvirtd child JVM with bin/jvirtd's own memory flags,
 * its resident set measured (/proc/PID/status VmRSS) before and after 20 refused 7 MB
 * definitions (over the limit: answered 413 and dropped unread) and 20 refused 3.5 MB ones
 * (under it: aggregated, parsed as JSON and XML, then refused as invalid).
 */
class JvirtdMemoryIT {
    /** As distribution/src/bin/jvirtd runs the daemon. */
    private static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xms8m", "-XX:MaxRAMPercentage=25",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
            "-XX:ReservedCodeCacheSize=16m", "-Xss512k", "-XX:-UsePerfData", "-Dio.netty.allocator.type=unpooled");

    @Test
    void rssAfterTwentyRefusedLargeBodiesIsWithinTenMegabytesOfBefore() throws Exception {
        try (DaemonFixture f = new DaemonFixture()) {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd = new java.util.ArrayList<>(List.of(java));
            cmd.addAll(JVM_FLAGS);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), JvirtdMain.class.getName(), "--session",
                    "--state-dir", f.dirs.state().toString(), "--runtime-dir", f.dirs.runtime().toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(f.root.resolve("jvirtd.out").toFile()).start();
            try {
                awaitSocket(f, p);
                for (int i = 0; i < 50; i++) { // warm: classes loaded, code compiled, buffers sized
                    f.client().get("/1.0/domains");
                    refused(f, 64 << 10);
                }
                Thread.sleep(1000);
                long before = rssKib(p.pid());
                for (int i = 0; i < 20; i++) {
                    assertThat(refused(f, 7_000_000)).isEqualTo(413);
                }
                for (int i = 0; i < 20; i++) {
                    assertThat(refused(f, 3_500_000)).isEqualTo(400);
                }
                Thread.sleep(3000); // the daemon trims its heap a second after a burst of large bodies
                long after = rssKib(p.pid());
                System.out.printf("jvirtd RSS before %d KiB, after 20 x 7 MB + 20 x 3.5 MB refused bodies %d KiB (%+d KiB)%n",
                        before, after, after - before);
                assertThat(after - before).as("RSS growth in KiB").isLessThan(10 * 1024);
            } finally {
                p.destroyForcibly();
                p.waitFor();
            }
        }
    }

    /**
     * POSTs a definition of {@code size} bytes that parses as JSON and as XML but is refused (an
     * unknown element holding most of it); the status.
     */
    private static int refused(DaemonFixture f, int size) throws IOException {
        String head = "{\"xml\":\"<domain type='qemu'><name>big</name><bogus>";
        String tail = "</bogus></domain>\"}";
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'a');
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, body, 0, head.length());
        System.arraycopy(tail.getBytes(StandardCharsets.US_ASCII), 0, body, size - tail.length(), tail.length());
        try (RawHttp c = new RawHttp(f.options.socket())) {
            c.write("POST /1.0/domains HTTP/1.1\r\nHost: jvirt\r\nContent-Type: application/json\r\nContent-Length: "
                    + size + "\r\nConnection: close\r\n\r\n");
            c.write(body);
            return c.read().status();
        }
    }

    private static void awaitSocket(DaemonFixture f, Process p) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                if (Files.exists(f.options.socket()) && f.client().get("/1.0").status() == 200) {
                    return;
                }
            } catch (RuntimeException e) {
                // not yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("jvirtd did not answer: " + Files.readString(f.root.resolve("jvirtd.out")));
    }

    private static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
