package dev.jvirt.virshcompat.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.virshcompat.FakeJvirtd;
import dev.jvirt.virshcompat.JvirshRun;
import dev.jvirt.virshcompat.format.Formats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The monitoring commands' text against a scripted daemon; the expected output is what virsh 9.0
 * printed for the same figures (recorded from libvirt running the tiny guest with one qcow2 disk).
 */
class MonitoringCommandsTest {

    private static final String STATS = "{\"name\":\"tiny3\",\"stats\":{\"state.state\":1,\"state.reason\":1,"
            + "\"block.count\":1,\"block.0.name\":\"vda\",\"block.0.path\":\"/img/disk.qcow2\",\"block.0.backingIndex\":1,"
            + "\"block.0.rd.reqs\":2,\"block.0.rd.bytes\":4608,\"block.0.rd.times\":168149,\"block.0.wr.reqs\":0,"
            + "\"block.0.wr.bytes\":0,\"block.0.wr.times\":0,\"block.0.fl.reqs\":0,\"block.0.fl.times\":0,"
            + "\"block.0.allocation\":0,\"block.0.capacity\":16777216,\"block.0.physical\":200704}}";

    private final FakeJvirtd fake = new FakeJvirtd();

    MonitoringCommandsTest() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    private JvirshRun run(String... args) {
        return fake.jvirsh(args);
    }

    @Test
    void cpuStatsPrintsTheTotalInVirshsLayout() {
        fake.json("GET", "/1.0/domains/tiny3/stats?groups=state,cpu-total", "{\"name\":\"tiny3\",\"stats\":{"
                + "\"state.state\":1,\"state.reason\":1,\"cpu.time\":48772617035,\"cpu.user\":5540000000,"
                + "\"cpu.system\":6460000000,\"cpu.cache.monitor.count\":0}}");
        // virsh -c test:///default cpu-stats test --total, figure for figure
        assertThat(run("cpu-stats", "tiny3", "--total").out()).isEqualTo("Total:\n"
                + "\tcpu_time            48.772617035 seconds\n\tuser_time            5.540000000 seconds\n"
                + "\tsystem_time          6.460000000 seconds\n\n");
        assertThat(run("cpu-stats", "tiny3").out()).startsWith("No per-CPU stats available\nTotal:\n");
        fake.json("GET", "/1.0/domains/off1/stats?groups=state,cpu-total",
                "{\"name\":\"off1\",\"stats\":{\"state.state\":5,\"state.reason\":0}}");
        JvirshRun off = run("cpu-stats", "off1");
        assertThat(off.err()).isEqualTo("error: Failed to retrieve CPU statistics for domain 'off1'\n"
                + "error: Requested operation is not valid: domain is not running\n");
        assertThat(off.status()).isEqualTo(1);
    }

    @Test
    void domstatsPrintsEachDomainsKeysAsVirsh() {
        fake.json("GET", "/1.0/domains/tiny3/stats?groups=state,block", STATS);
        assertThat(run("domstats", "--state", "--block", "tiny3").out()).isEqualTo("""
                Domain: 'tiny3'
                  state.state=1
                  state.reason=1
                  block.count=1
                  block.0.name=vda
                  block.0.path=/img/disk.qcow2
                  block.0.backingIndex=1
                  block.0.rd.reqs=2
                  block.0.rd.bytes=4608
                  block.0.rd.times=168149
                  block.0.wr.reqs=0
                  block.0.wr.bytes=0
                  block.0.wr.times=0
                  block.0.fl.reqs=0
                  block.0.fl.times=0
                  block.0.allocation=0
                  block.0.capacity=16777216
                  block.0.physical=200704

                """);
    }

    @Test
    void domblkstatOfADiskOfAllAndHumanAsVirsh() {
        fake.json("GET", "/1.0/domains/tiny3/stats?groups=state,block", STATS);
        assertThat(run("domblkstat", "tiny3", "vda").out()).isEqualTo("""
                vda rd_req 2
                vda rd_bytes 4608
                vda wr_req 0
                vda wr_bytes 0
                vda flush_operations 0
                vda rd_total_times 168149
                vda wr_total_times 0
                vda flush_total_times 0

                """);
        assertThat(run("domblkstat", "tiny3").out()).startsWith(" rd_req 2\n rd_bytes 4608\n");
        assertThat(run("domblkstat", "tiny3", "--human").out()).isEqualTo("""
                Device:\s
                 number of read operations:      2
                 number of bytes read:           4608
                 number of write operations:     0
                 number of bytes written:        0
                 number of flush operations:     0
                 total duration of reads (ns):   168149
                 total duration of writes (ns):  0
                 total duration of flushes (ns): 0

                """);
    }

    @Test
    void domblkinfoAndDomblkerrorAsVirsh() {
        fake.json("GET", "/1.0/domains/tiny3/blockinfo", "[{\"target\":\"vda\",\"path\":\"/img/disk.qcow2\","
                + "\"capacity\":16777216,\"allocation\":200704,\"physical\":196616,\"error\":\"none\"}]");
        assertThat(run("domblkinfo", "tiny3", "vda").out()).isEqualTo("""
                Capacity:       16777216
                Allocation:     200704
                Physical:       196616

                """);
        assertThat(run("domblkinfo", "tiny3", "--all").out()).isEqualTo("""
                 Target   Capacity   Allocation   Physical
                --------------------------------------------
                 vda      16777216   200704       196616

                """);
        assertThat(run("domblkinfo", "tiny3", "vda", "--human").out()).isEqualTo("""
                Capacity:       16.000 MiB
                Allocation:     196.000 KiB
                Physical:       192.008 KiB

                """);
        assertThat(run("domblkinfo", "tiny3", "vdb").err())
                .isEqualTo("error: invalid argument: invalid path vdb not assigned to domain\n");
        assertThat(run("domblkinfo", "tiny3").err()).isEqualTo("error: command 'domblkinfo' requires <device> option\n");
        assertThat(run("domblkerror", "tiny3").out()).isEqualTo("No errors found\n\n");
        fake.json("GET", "/1.0/domains/tiny3/blockinfo", "[{\"target\":\"vda\",\"path\":\"/img/disk.qcow2\","
                + "\"capacity\":1,\"allocation\":1,\"physical\":1,\"error\":\"no space\"}]");
        assertThat(run("domblkerror", "tiny3").out()).isEqualTo("vda: no space\n\n");
    }

    @Test
    void dommemstatRenamesTheBalloonKeysAsVirsh() {
        fake.json("GET", "/1.0/domains/tiny/stats?groups=state,balloon", "{\"name\":\"tiny\",\"stats\":{\"state.state\":1,"
                + "\"state.reason\":1,\"balloon.current\":131072,\"balloon.maximum\":131072,\"balloon.swap_in\":0,"
                + "\"balloon.unused\":65328,\"balloon.last-update\":1796356586,\"balloon.rss\":225348}}");
        assertThat(run("dommemstat", "tiny").out()).isEqualTo("actual 131072\nswap_in 0\nunused 65328\n"
                + "last_update 1796356586\nrss 225348\n\n");
    }

    @Test
    void domifstatPrintsATapsCountersAndRefusesAnUnknownOneAsVirsh() {
        fake.json("GET", "/1.0/domains/web1/stats?groups=state,interface", "{\"name\":\"web1\",\"stats\":{"
                + "\"state.state\":1,\"state.reason\":1,\"net.count\":2,\"net.0.name\":\"vnet0\",\"net.0.rx.bytes\":1042,"
                + "\"net.0.rx.pkts\":12,\"net.0.rx.errs\":0,\"net.0.rx.drop\":0,\"net.0.tx.bytes\":2300,\"net.0.tx.pkts\":20,"
                + "\"net.0.tx.errs\":0,\"net.0.tx.drop\":1}}");
        assertThat(run("domifstat", "web1", "vnet0").out()).isEqualTo("""
                vnet0 rx_bytes 1042
                vnet0 rx_packets 12
                vnet0 rx_errs 0
                vnet0 rx_drop 0
                vnet0 tx_bytes 2300
                vnet0 tx_packets 20
                vnet0 tx_errs 0
                vnet0 tx_drop 1

                """);
        JvirshRun r = run("domifstat", "web1", "vnet9");
        assertThat(r.err()).isEqualTo("error: Failed to get interface stats web1 vnet9\n"
                + "error: invalid argument: 'vnet9' is not a known interface\n");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void prettyCapacityIsVirshs() {
        assertThat(Formats.prettyCapacity(512)).isEqualTo("512.000 B");
        assertThat(Formats.prettyCapacity(196616)).isEqualTo("192.008 KiB");
        assertThat(Formats.prettyCapacity(16777216)).isEqualTo("16.000 MiB");
    }
}
