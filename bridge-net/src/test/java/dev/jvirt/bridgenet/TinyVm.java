package dev.jvirt.bridgenet;

import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tiny guest under QEMU (TCG) with one virtio NIC on a TAP whose descriptors QEMU inherits
 * ({@code -netdev tap,fd=3}, {@code vhostfd=4} when there is one), its serial console on a unix
 * socket this class reads into a file and types into.
 */
final class TinyVm implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final int pid;
    private final SocketChannel serial;
    private final Path console;
    private final Thread reader;

    private TinyVm(int pid, SocketChannel serial, Path console) {
        this.pid = pid;
        this.serial = serial;
        this.console = console;
        this.reader = new Thread(this::drain, "serial-" + pid);
        reader.setDaemon(true);
        reader.start();
    }

    static TinyVm boot(TinyGuest guest, TapDevice tap, String mac) throws Exception {
        Path dir = guest.scratchDir().resolve("vm" + SEQ.incrementAndGet());
        Files.createDirectories(dir);
        Path sock = dir.resolve("serial.sock");
        Map<Integer, Integer> fds = new LinkedHashMap<>();
        fds.put(tap.fds().get(0), 3);
        String netdev = "tap,id=n0,fd=3";
        if (!tap.vhostFds().isEmpty()) {
            fds.put(tap.vhostFds().get(0), 4);
            netdev += ",vhost=on,vhostfd=4";
        }
        List<String> argv = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", "tcg", "-m",
                Integer.toString(TinyGuest.MEMORY_MIB), "-nodefaults", "-no-user-config", "-display", "none",
                "-chardev", "socket,id=ser0,path=" + sock + ",server=on,wait=on", "-serial", "chardev:ser0",
                "-netdev", netdev, "-device", "virtio-net-pci,netdev=n0,mac=" + mac));
        argv.addAll(guest.directBootArgs());
        int pid = FdSpawn.spawn(argv, fds, dir.resolve("qemu.log"));
        tap.releaseDescriptors();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            if (FdSpawn.exited(pid)) {
                throw new IllegalStateException("QEMU exited: " + Files.readString(dir.resolve("qemu.log")));
            }
            if (Files.exists(sock)) {
                try {
                    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                    ch.connect(UnixDomainSocketAddress.of(sock));
                    return new TinyVm(pid, ch, dir.resolve("console.log"));
                } catch (IOException e) {
                    // not listening yet
                }
            }
            if (System.nanoTime() > deadline) {
                FdSpawn.kill(pid);
                throw new TimeoutException("QEMU's serial socket did not open: " + Files.readString(dir.resolve("qemu.log")));
            }
            Thread.sleep(20);
        }
    }

    private void drain() {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        try (OutputStream out = Files.newOutputStream(console, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            while (serial.read(buf) >= 0) {
                out.write(buf.array(), 0, buf.position());
                out.flush();
                buf.clear();
            }
        } catch (IOException e) {
            // the guest has gone
        }
    }

    void awaitConsole(String text, Duration timeout) throws Exception {
        SerialOutput.await(console, text, timeout);
    }

    String console() {
        return SerialOutput.read(console);
    }

    /**
     * Runs a shell command line in the guest; returns its exit status. The status is printed as
     * {@code TAG=N=END} (the echo of the typed line shows {@code TAG=$?=END}, which never matches).
     */
    int sh(String command, Duration timeout) throws Exception {
        String tag = "R" + SEQ.incrementAndGet();
        type(command + "; echo " + tag + "=$?=END\n");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String c = console();
            int i = c.indexOf(tag + "=", c.indexOf(tag + "=$?") + 1);
            while (i >= 0) {
                int end = c.indexOf("=END", i);
                String code = end < 0 ? "" : c.substring(i + tag.length() + 1, end);
                if (code.chars().allMatch(Character::isDigit) && !code.isEmpty()) {
                    return Integer.parseInt(code);
                }
                i = c.indexOf(tag + "=", i + 1);
            }
            Thread.sleep(50);
        }
        throw new TimeoutException("'" + command + "' did not finish in the guest; console ends:\n"
                + console().substring(Math.max(0, console().length() - 1500)));
    }

    private void type(String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            serial.write(b);
        }
    }

    boolean exited() {
        return FdSpawn.exited(pid);
    }

    @Override
    public void close() throws Exception {
        FdSpawn.kill(pid);
        serial.close();
        reader.join(5000);
    }
}
