package dev.jvirt.vmmcore.daemon.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.console.CloseReason;
import dev.jvirt.console.hub.FrameSink;
import dev.jvirt.console.stream.ConsoleFrame;
import dev.jvirt.console.stream.ConsoleFrameDecoder;
import dev.jvirt.console.stream.ConsoleFrameEncoder;
import dev.jvirt.console.stream.FrameType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Where a console's history is cut: after the first line feed within the history, never in live output. */
class WholeLineHistoryTest {

    @Test
    void planAsksOneByteMoreAndSearchesOnlyTheHistory() {
        assertThat(WholeLineHistory.plan(0, 500, 500)).isEqualTo(new WholeLineHistory.Plan(0, 0));
        // everything since the hub connected fits: it starts with the guest's first byte, nothing to cut
        assertThat(WholeLineHistory.plan(4096, 500, 500)).isEqualTo(new WholeLineHistory.Plan(4096, 0));
        assertThat(WholeLineHistory.plan(500, 500, 500)).isEqualTo(new WholeLineHistory.Plan(500, 0));
        // more than wanted: the window starts mid-stream
        assertThat(WholeLineHistory.plan(100, 500, 500)).isEqualTo(new WholeLineHistory.Plan(101, 101));
        // the ring was overwritten (or seeded from the log): cut within what it holds
        assertThat(WholeLineHistory.plan(4096, 500, 9000)).isEqualTo(new WholeLineHistory.Plan(4097, 500));
        assertThat(WholeLineHistory.plan(Integer.MAX_VALUE, 65536, 70000))
                .isEqualTo(new WholeLineHistory.Plan(Integer.MAX_VALUE, 65536));
    }

    @Test
    void dropsThePartialFirstLine() {
        Recorder r = new Recorder();
        WholeLineHistory sink = new WholeLineHistory(r, 13);
        sink.send(data("ne-3\r\nline-4\r\n"));
        sink.send(data("live\n"));
        assertThat(r.text()).isEqualTo("line-4\r\nlive\n");
    }

    @Test
    void aWindowThatStartsAtALineStartKeepsItsFirstLine() {
        // The plan asks one byte more: the previous line's line feed, which is all that is dropped.
        Recorder r = new Recorder();
        new WholeLineHistory(r, 15).send(data("\nline-3\r\nline-4\r\n"));
        assertThat(r.text()).isEqualTo("line-3\r\nline-4\r\n");
    }

    @Test
    void theSearchSpansFramesAndStopsAtTheHistorysEnd() {
        Recorder r = new Recorder();
        WholeLineHistory sink = new WholeLineHistory(r, 10);
        sink.send(data("abcdef"));          // history without a line feed so far: dropped
        sink.send(data("ghij" + "kl\nlive\n")); // 4 more history bytes (no line feed), then live output
        assertThat(r.text()).isEqualTo("kl\nlive\n");
    }

    @Test
    void closedFramesPassAndEndTheSearch() {
        Recorder r = new Recorder();
        WholeLineHistory sink = new WholeLineHistory(r, 100);
        sink.send(ConsoleFrameEncoder.encode(ConsoleFrame.closed(CloseReason.GUEST_STOPPED, "bye")));
        sink.send(data("x\n"));
        assertThat(r.frames).extracting(ConsoleFrame::type).containsExactly(FrameType.CLOSED, FrameType.DATA);
        sink.close();
        assertThat(r.closed).isTrue();
    }

    @Test
    void noSearchPassesEverythingAsItCame() {
        Recorder r = new Recorder();
        new WholeLineHistory(r, 0).send(data("partial line\nnext\n"));
        assertThat(r.text()).isEqualTo("partial line\nnext\n");
    }

    private static byte[] data(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return ConsoleFrameEncoder.encodeData(b, 0, b.length);
    }

    private static final class Recorder implements FrameSink {
        final List<ConsoleFrame> frames = new ArrayList<>();
        final ConsoleFrameDecoder decoder = new ConsoleFrameDecoder();
        boolean closed;

        @Override
        public CompletionStage<?> send(byte[] bytes) {
            frames.addAll(decoder.feed(bytes));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closed = true;
        }

        String text() {
            StringBuilder sb = new StringBuilder();
            for (ConsoleFrame f : frames) {
                if (f.type() == FrameType.DATA) {
                    sb.append(new String(f.payload(), StandardCharsets.US_ASCII));
                }
            }
            return sb.toString();
        }
    }
}
