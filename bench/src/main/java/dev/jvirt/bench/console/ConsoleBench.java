package dev.jvirt.bench.console;

import dev.jvirt.console.hub.ConsoleFifos;
import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.console.hub.ConsoleSocketServer;
import dev.jvirt.console.hub.HubConfig;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestImage;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Console benchmark: keystroke echo latency and guest → client throughput through jvirt's hub and
 * client, beside {@code virsh console} (given as a command by bench/console.sh, which runs a private
 * libvirt). Both clients run under a pseudo-terminal ({@code script}) and are driven alike.
 *
 * <p>Usage: {@code ConsoleBench --print-image | [--keys N] [--lines N] [--rounds N] [--virsh CMD]}
 */
public final class ConsoleBench {

    private static final String LINE = "0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private ConsoleBench() {
    }

    record Result(String client, List<Double> latenciesMs, double bytesPerSecond, long bytes) {
    }

    public static void main(String[] args) throws Exception {
        int keys = 200;
        int lines = 3000;
        int rounds = 2;
        String virsh = null;
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
                case "--virsh" -> virsh = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        TinyGuestImage image = TinyGuestImage.build();
        Path dir = Files.createTempDirectory("console-bench-");
        Process qemu = null;
        try {
            Path guestDir = Files.createDirectory(dir.resolve("guest"));
            // as jvirtd runs a serial console: a null chardev swapped for the hub's FIFOs before cont
            qemu = startQemu(image, guestDir, "null,id=ser0");
            ConsoleFifos fifos = ConsoleFifos.create(guestDir.resolve("console"));
            qmp(guestDir.resolve("qmp.sock"), "{\"execute\":\"chardev-change\",\"arguments\":{\"id\":\"ser0\","
                    + "\"backend\":{\"type\":\"file\",\"data\":{\"in\":\"" + fifos.toGuest() + "\",\"out\":\""
                    + fifos.fromGuest() + "\"}}}}");
            try (ConsoleHub hub = ConsoleHub.start(HubConfig.of("bench", fifos.endpoint(), guestDir.resolve("console.log")),
                            fifos);
                    ConsoleSocketServer server = ConsoleSocketServer.serve(hub, guestDir.resolve("s.sock"))) {
                qmp(guestDir.resolve("qmp.sock"), "{\"execute\":\"cont\"}");
                awaitReady(hub);
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                String client = java + " -XX:TieredStopAtLevel=1 -cp " + System.getProperty("java.class.path") + " "
                        + ConsoleClientMain.class.getName() + " ";
                List<Result> results = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    results.add(measure("jvirt (hub on FIFOs)", client + server.path() + " bench", keys, lines));
                    if (virsh != null) {
                        results.add(measure("virsh console (pty)", virsh, keys, lines));
                    }
                }
                print(results, keys, lines);
            }
        } finally {
            if (qemu != null) {
                qemu.destroyForcibly();
                qemu.waitFor(10, TimeUnit.SECONDS);
            }
            try (Stream<Path> walk = Files.walk(dir)) {
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
        System.out.printf("%-24s %12s %12s %12s %14s%n", "client", "echo median", "echo p99", "echo max", "guest->client");
        for (Result r : results) {
            List<Double> s = r.latenciesMs().stream().sorted().toList();
            System.out.printf("%-24s %9.2f ms %9.2f ms %9.2f ms %9.3f MB/s%n", r.client(), percentile(s, 50),
                    percentile(s, 99), s.get(s.size() - 1), r.bytesPerSecond() / 1e6);
        }
    }

    private static double percentile(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** A paused QEMU in {@code dir} (qmp.sock, qemu.log) with its serial on {@code chardev} (id ser0). */
    private static Process startQemu(TinyGuestImage image, Path dir, String chardev) throws Exception {
        List<String> argv = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", "tcg", "-m",
                Integer.toString(TinyGuest.MEMORY_MIB), "-nodefaults", "-no-user-config", "-display", "none", "-S",
                "-serial", "chardev:ser0", "-chardev", chardev,
                "-qmp", "unix:" + dir.resolve("qmp.sock") + ",server=on,wait=off",
                "-kernel", image.kernel().toString(), "-initrd", image.initrd().toString(), "-append", TinyGuest.CMDLINE));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(dir.resolve("qemu.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(dir.resolve("qmp.sock"))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("QEMU did not start: " + Files.readString(dir.resolve("qemu.log")));
            }
            Thread.sleep(20);
        }
        return p;
    }

    private static void qmp(Path socket, String command) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8));
            OutputStream out = Channels.newOutputStream(ch);
            in.readLine();
            out.write("{\"execute\":\"qmp_capabilities\"}\n".getBytes(StandardCharsets.UTF_8));
            in.readLine();
            out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.contains("\"return\""); ) {
                if (line.contains("\"error\"")) {
                    throw new IOException(line);
                }
            }
        }
    }

    private static void awaitReady(ConsoleHub hub) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!new String(hub.recentOutput(), StandardCharsets.ISO_8859_1).contains(TinyGuest.READY_MARKER)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the guest did not boot");
            }
            Thread.sleep(50);
        }
    }
}
