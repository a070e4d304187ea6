package dev.jvirt.console;

import dev.jvirt.testimages.TinyGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tiny guest under QEMU (TCG) with its serial port on a unix-socket chardev, the way jvirtd
 * will run it: started paused ({@code -S}) so a hub can connect before {@code cont}. Killed by pid on close.
 */
final class GuestVm implements AutoCloseable {

    final Path dir;
    final Path consoleSocket;
    final Path qmpSocket;
    final Path qemuLog;
    private final Process qemu;

    private GuestVm(Path dir, Process qemu) {
        this.dir = dir;
        this.consoleSocket = dir.resolve("console.sock");
        this.qmpSocket = dir.resolve("qmp.sock");
        this.qemuLog = dir.resolve("qemu.log");
        this.qemu = qemu;
    }

    /** Starts QEMU paused; {@code qemuConsoleLog} adds QEMU's own {@code logfile=} (as the argv builder does). */
    static GuestVm startPaused(TinyGuest guest, String name, boolean qemuConsoleLog) throws Exception {
        Path dir = Files.createDirectories(guest.scratchDir().resolve(name));
        String chardev = "socket,id=ser0,path=" + dir.resolve("console.sock") + ",server=on,wait=off"
                + (qemuConsoleLog ? ",logfile=" + dir.resolve("qemu-console.log") : "");
        List<String> argv = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", "tcg", "-m",
                Integer.toString(TinyGuest.MEMORY_MIB), "-nodefaults", "-no-user-config", "-display", "none", "-S",
                "-serial", "chardev:ser0", "-chardev", chardev,
                "-qmp", "unix:" + dir.resolve("qmp.sock") + ",server=on,wait=off"));
        argv.addAll(guest.directBootArgs());
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(dir.resolve("qemu.log").toFile()).start();
        GuestVm vm = new GuestVm(dir, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(Files.exists(vm.consoleSocket) && Files.exists(vm.qmpSocket))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                vm.close();
                throw new IllegalStateException("QEMU did not come up: " + Files.readString(vm.qemuLog));
            }
            Thread.sleep(20);
        }
        return vm;
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
        if (qemu.isAlive()) {
            qemu.destroyForcibly();
            qemu.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
