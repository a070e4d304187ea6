package dev.jvirt.console;

import dev.jvirt.console.hub.ConsoleEndpoint;
import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.console.keeper.KeepRequest;
import dev.jvirt.console.keeper.TestKeeper;
import dev.jvirt.testimages.TinyGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tiny guest under QEMU (TCG) with its serial port the way jvirtd runs it: started paused
 * ({@code -S}) on a {@code null} chardev that {@link #hub} swaps for FIFOs a console keeper (in
 * this JVM, {@link #keeper}) made, before {@code cont}. Killed by pid on close.
 */
final class GuestVm implements AutoCloseable {

    static final String CHARDEV = "jvirt-console";
    final Path dir;
    final Path qmpSocket;
    final Path qemuLog;
    private final Process qemu;
    private TestKeeper keeper;

    private GuestVm(Path dir, Process qemu) {
        this.dir = dir;
        this.qmpSocket = dir.resolve("qmp.sock");
        this.qemuLog = dir.resolve("qemu.log");
        this.qemu = qemu;
    }

    /** Starts QEMU paused, its serial port on the daemon's {@code null} chardev. */
    static GuestVm startPaused(TinyGuest guest, String name) throws Exception {
        Path dir = Files.createDirectories(guest.scratchDir().resolve(name));
        List<String> argv = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", "tcg", "-m",
                Integer.toString(TinyGuest.MEMORY_MIB), "-nodefaults", "-no-user-config", "-display", "none", "-S",
                "-serial", "chardev:" + CHARDEV, "-chardev", "null,id=" + CHARDEV,
                "-qmp", "unix:" + dir.resolve("qmp.sock") + ",server=on,wait=off"));
        argv.addAll(guest.directBootArgs());
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(dir.resolve("qemu.log").toFile()).start();
        GuestVm vm = new GuestVm(dir, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(vm.qmpSocket)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                vm.close();
                throw new IllegalStateException("QEMU did not come up: " + Files.readString(vm.qemuLog));
            }
            Thread.sleep(20);
        }
        return vm;
    }

    /** The console keeper of this guest's console (started with the first {@link #hub}). */
    TestKeeper keeper() throws java.io.IOException {
        if (keeper == null) {
            keeper = TestKeeper.start(dir);
        }
        return keeper;
    }

    /** {@link #hub(String, String, Path, long, int, boolean)} with a 1 MiB x 2 log, this run's history only. */
    ConsoleHub hub(String domain, String fifoName, Path log) throws Exception {
        return hub(domain, fifoName, log, 1 << 20, 1, false);
    }

    /**
     * As the daemon does at start ({@code earlier} false) or after a restart that found no keeper
     * (true): the keeper makes FIFOs {@code dir/fifoName.{in,out}}, they are swapped in with
     * {@code chardev-change}, and a hub opens on the keeper's stream.
     */
    ConsoleHub hub(String domain, String fifoName, Path log, long logFileBytes, int logKeep, boolean earlier)
            throws Exception {
        ConsoleEndpoint.Fifos fifos = new ConsoleEndpoint.Fifos(dir.resolve(fifoName));
        TestKeeper k = keeper();
        return k.keep(new KeepRequest(domain, fifos, log, logFileBytes, logKeep, earlier), k.config(domain),
                () -> swap("{\"type\":\"file\",\"data\":{\"in\":\"" + fifos.toGuest() + "\",\"out\":\""
                        + fifos.fromGuest() + "\"}}"));
    }

    /** Points the serial port at a plain file (no reader at all). */
    void toFile(Path file) throws Exception {
        swap("{\"type\":\"file\",\"data\":{\"out\":\"" + file + "\"}}");
    }

    private void swap(String backend) throws Exception {
        String reply = qmp("{\"execute\":\"chardev-change\",\"arguments\":{\"id\":\"" + CHARDEV + "\",\"backend\":"
                + backend + "}}");
        if (!reply.contains("\"return\"")) {
            throw new IllegalStateException("chardev-change refused: " + reply);
        }
    }

    long pid() {
        return qemu.pid();
    }

    void cont() throws Exception {
        qmp("{\"execute\":\"cont\"}");
    }

    String qmp(String json) throws Exception {
        try (MiniQmp q = MiniQmp.connect(qmpSocket, Duration.ofSeconds(10))) {
            return q.execute(json);
        }
    }

    boolean awaitExit(Duration timeout) throws InterruptedException {
        return qemu.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (keeper != null) {
            keeper.close();
        }
        if (qemu.isAlive()) {
            qemu.destroyForcibly();
            qemu.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
