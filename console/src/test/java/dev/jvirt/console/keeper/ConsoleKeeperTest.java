package dev.jvirt.console.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.console.CloseReason;
import dev.jvirt.console.ConsoleMode;
import dev.jvirt.console.hub.ConsoleEndpoint;
import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.console.hub.ConsoleListener;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many serial consoles on the keeper's one thread: each gets its own output, ends on its own, leaves nothing. */
class ConsoleKeeperTest {

    private static final int GUESTS = 24;

    @TempDir
    Path dir;

    @Test
    void manyFifosShareOneThreadEachGetsItsOwnOutputAndEndsAlone() throws Exception {
        List<FileChannel> qemuOuts = new ArrayList<>();
        List<FileChannel> qemuIns = new ArrayList<>();
        List<ConsoleHub> hubs = new ArrayList<>();
        List<Collected> listeners = new ArrayList<>();
        try (TestKeeper keeper = TestKeeper.start(dir)) {
            for (int i = 0; i < GUESTS; i++) {
                Path base = dir.resolve("g" + i);
                KeepRequest r = new KeepRequest("g" + i, new ConsoleEndpoint.Fifos(base), dir.resolve("g" + i + ".log"),
                        1 << 20, 1, false);
                ConsoleHub hub = keeper.keep(r, keeper.config("g" + i), () -> {
                    qemuOuts.add(FileChannel.open(dir.resolve("g" + r.domain().substring(1) + ".out"), StandardOpenOption.WRITE));
                    qemuIns.add(FileChannel.open(dir.resolve("g" + r.domain().substring(1) + ".in"), StandardOpenOption.READ));
                });
                hubs.add(hub);
                Collected l = new Collected();
                hub.attach(ConsoleMode.READ_ONLY, l);
                listeners.add(l);
            }
            assertThat(keeper.keeper().consoleCount()).isEqualTo(GUESTS);
            List<String> names = Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
            assertThat(names).as("one keeper thread, no reader thread per console").containsOnlyOnce("console-keeper")
                    .noneMatch(n -> n.matches("console-g\\d+"));

            // one byte per write, as QEMU's 16550 writes, interleaved across guests
            for (int round = 0; round < 50; round++) {
                for (int i = 0; i < GUESTS; i++) {
                    for (byte c : ("g" + i + ":" + round + ";").getBytes(StandardCharsets.US_ASCII)) {
                        qemuOuts.get(i).write(ByteBuffer.wrap(new byte[] {c}));
                    }
                }
            }
            for (int i = 0; i < GUESTS; i++) {
                assertThat(listeners.get(i).await("g" + i + ":49;")).isEqualTo(expectedOutput(i));
            }

            qemuOuts.get(3).close(); // one guest's QEMU exits: only its console ends
            assertThat(listeners.get(3).closed.get(10, TimeUnit.SECONDS)).isEqualTo(CloseReason.GUEST_STOPPED);
            assertThat(hubs.get(4).isRunning()).isTrue();
            hubs.get(5).close(); // the daemon lets go of one: the keeper still keeps it
            assertThat(listeners.get(5).closed.get(10, TimeUnit.SECONDS)).isEqualTo(CloseReason.HUB_CLOSED);
            qemuOuts.get(4).write(ByteBuffer.wrap("still here".getBytes(StandardCharsets.US_ASCII)));
            listeners.get(4).await("still here");
            assertThat(keeper.keeper().consoleCount()).isEqualTo(GUESTS - 1);
            for (FileChannel c : qemuOuts) {
                c.close();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (keeper.keeper().consoleCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(keeper.keeper().consoleCount()).as("every FIFO let go once its QEMU went").isZero();
        } finally {
            for (FileChannel c : qemuIns) {
                c.close();
            }
        }
    }

    @Test
    void aProcessOfAnotherUidIsRefusedWithoutAWord() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(KeeperSecurity.uid() == 0, "needs root to act as another uid");
        try (TestKeeper keeper = TestKeeper.start(dir)) {
            // Open the way on purpose (the socket is 0600 in a 0700 directory): SO_PEERCRED still says no.
            java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
            java.nio.file.Files.setPosixFilePermissions(keeper.runtimeDir,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
            Path socket = KeeperProcess.socket(keeper.runtimeDir);
            java.nio.file.Files.setPosixFilePermissions(socket, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
            Path peek = dir.resolve("Peek.java"); // connects, prints how many bytes came before the end
            java.nio.file.Files.writeString(peek, "import java.net.*; import java.nio.*; import java.nio.channels.*;\n"
                    + "public class Peek { public static void main(String[] a) throws Exception {\n"
                    + "  SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(a[0]));\n"
                    + "  System.out.println(Math.max(0, c.read(ByteBuffer.allocate(100)))); } }\n");
            java.nio.file.Files.setPosixFilePermissions(peek, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", java,
                    "-XX:-UsePerfData", peek.toString(), socket.toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim())
                    .as("bytes the keeper sent uid 65534 before closing").isEqualTo("0");
            assertThat(keeper.client().isOpen()).as("its own daemon's connection is untouched").isTrue();
        }
    }

    private static String expectedOutput(int guest) {
        StringBuilder b = new StringBuilder();
        for (int round = 0; round < 50; round++) {
            b.append("g").append(guest).append(':').append(round).append(';');
        }
        return b.toString();
    }

    private static final class Collected implements ConsoleListener {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        @Override
        public synchronized CompletionStage<?> onOutput(byte[] output) {
            out.writeBytes(output);
            notifyAll();
            return DONE;
        }

        @Override
        public void onClosed(CloseReason reason, String message) {
            closed.complete(reason);
        }

        synchronized String await(String text) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 20_000;
            while (!out.toString(StandardCharsets.ISO_8859_1).contains(text) && System.currentTimeMillis() < deadline) {
                wait(100);
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
