package dev.jvirt.virshcompat.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** jvirsh top's arithmetic and columns: rates between two samples, virt-top's number and time forms. */
class TopCommandTest {

    @Test
    void ratesAndCpuPercentComeFromTwoSamplesOfLibvirtsKeys() {
        TopSample a = TopSample.of(0, Map.of("cpu.time", 1_000_000_000L, "balloon.rss", 60_000L, "block.count", 1L,
                "block.0.rd.reqs", 10L, "block.0.wr.reqs", 4L, "net.count", 1L, "net.0.rx.bytes", 1000L, "net.0.tx.bytes", 0L));
        TopSample b = TopSample.of(2_000_000_000L, Map.of("cpu.time", 2_000_000_000L, "balloon.rss", 61_000L,
                "block.count", 1L, "block.0.rd.reqs", 30L, "block.0.wr.reqs", 4L, "net.count", 1L, "net.0.rx.bytes", 5000L,
                "net.0.tx.bytes", 200L));
        assertThat(b.cpuPercent(a)).isEqualTo(50.0);
        assertThat(b.rate(b.rdReqs(), a.rdReqs(), a)).isEqualTo(10);
        assertThat(b.rate(b.rxBytes(), a.rxBytes(), a)).isEqualTo(2000);
        assertThat(b.rate(b.txBytes(), a.txBytes(), a)).isEqualTo(100);
        assertThat(b.rssKib()).isEqualTo(61_000);
    }

    @Test
    void numbersAndTimesAreVirtTops() {
        assertThat(TopCommand.human(9999)).isEqualTo("9999");
        assertThat(TopCommand.human(12_345)).isEqualTo("12K");
        assertThat(TopCommand.human(12_345_678)).isEqualTo("12M");
        assertThat(TopCommand.time(61_230_000_000L)).isEqualTo("1:01.23");
        assertThat(TopCommand.time(410_000_000L)).isEqualTo("0:00.41");
    }
}
