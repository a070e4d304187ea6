package dev.jvirt.console.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.console.CloseReason;
import dev.jvirt.console.ConsoleMode;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many serial consoles on the one poller thread: each gets its own output, ends on its own, leaves nothing. */
class ConsolePollerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int GUESTS = 24;

    @TempDir
    Path dir;

    @Test
    void manyFifosShareOneThreadEachGetsItsOwnOutputAndEndsAlone() throws Exception {
        int before = ConsolePoller.shared().registrations();
        List<FileChannel> qemuOuts = new ArrayList<>();
        List<FileChannel> qemuIns = new ArrayList<>();
        List<ConsoleHub> hubs = new ArrayList<>();
        List<RecordingListener> listeners = new ArrayList<>();
        try {
            for (int i = 0; i < GUESTS; i++) {
                ConsoleFifos fifos = ConsoleFifos.create(dir.resolve("g" + i));
                qemuOuts.add(FileChannel.open(fifos.fromGuest(), StandardOpenOption.WRITE));
                qemuIns.add(FileChannel.open(fifos.toGuest(), StandardOpenOption.READ));
                ConsoleHub hub = ConsoleHub.start(HubConfig.of("g" + i, fifos.endpoint(), dir.resolve("g" + i + ".log")), fifos);
                hubs.add(hub);
                RecordingListener l = new RecordingListener();
                hub.attach(ConsoleMode.READ_ONLY, l);
                listeners.add(l);
            }
            assertThat(ConsolePoller.shared().registrations()).isEqualTo(before + GUESTS);
            List<String> names = Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
            assertThat(names).as("one poller thread, no reader thread per console").containsOnlyOnce("console-poller")
                    .noneMatch(n -> n.matches("console-g\\d+"));

            // one byte per write, as QEMU's 16550 writes, interleaved across guests
            for (int round = 0; round < 50; round++) {
                for (int i = 0; i < GUESTS; i++) {
                    qemuOuts.get(i).write(ByteBuffer.wrap(("g" + i + ":" + round + ";").getBytes(StandardCharsets.US_ASCII)));
                }
            }
            for (int i = 0; i < GUESTS; i++) {
                String expected = expectedOutput(i);
                String got = listeners.get(i).awaitContains("g" + i + ":49;", WAIT);
                assertThat(got).isEqualTo(expected);
            }

            qemuOuts.get(3).close(); // one guest's QEMU exits: only its hub ends
            assertThat(listeners.get(3).awaitClosed()).isEqualTo(CloseReason.GUEST_STOPPED);
            assertThat(hubs.get(4).isRunning()).isTrue();
            hubs.get(5).close(); // the daemon lets go of one
            assertThat(listeners.get(5).awaitClosed()).isEqualTo(CloseReason.HUB_CLOSED);
            qemuOuts.get(4).write(ByteBuffer.wrap("still here".getBytes(StandardCharsets.US_ASCII)));
            listeners.get(4).awaitContains("still here", WAIT);
        } finally {
            hubs.forEach(ConsoleHub::close);
            for (FileChannel c : qemuOuts) {
                c.close();
            }
            for (FileChannel c : qemuIns) {
                c.close();
            }
        }
        assertThat(ConsolePoller.shared().registrations()).as("every FIFO let go").isEqualTo(before);
    }

    private static String expectedOutput(int guest) {
        StringBuilder b = new StringBuilder();
        for (int round = 0; round < 50; round++) {
            b.append("g").append(guest).append(':').append(round).append(';');
        }
        return b.toString();
    }
}
