package dev.jvirt.virshcompat.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.virshcompat.FakeJvirtd;
import dev.jvirt.virshcompat.JvirshRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Host commands against a scripted daemon; the expected text is what virsh 9.0 printed for the
 * same figures (recorded from a private libvirt session on this kind of host).
 */
class HostCommandsTest {

    private final FakeJvirtd fake = new FakeJvirtd();

    HostCommandsTest() throws Exception {
    }

    @BeforeEach
    void memory() {
        fake.json("GET", "/1.0/host/memory", "{\"total_kib\":24683664,\"free_kib\":22969460,\"buffers_kib\":239344,"
                + "\"cached_kib\":536104,\"cells\":[{\"cell\":0,\"total_kib\":10446664,\"free_kib\":8730540}]}");
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    private JvirshRun run(String... args) {
        return fake.jvirsh(args);
    }

    @Test
    void nodememstatsPrintsMeminfosTotalsAndACellsAsVirsh() {
        assertThat(run("nodememstats").out()).isEqualTo("""
                total  :             24683664 KiB
                free   :             22969460 KiB
                buffers:               239344 KiB
                cached :               536104 KiB

                """);
        String cell = """
                total  :             10446664 KiB
                free   :              8730540 KiB

                """;
        assertThat(run("nodememstats", "--cell", "0").out()).isEqualTo(cell);
        assertThat(run("nodememstats", "0").out()).isEqualTo(cell);
        JvirshRun bad = run("nodememstats", "5");
        assertThat(bad.err()).isEqualTo("error: Unable to get number of memory stats\n"
                + "error: invalid argument: NUMA cell 5 does not exist; this host's NUMA cells are 0-0\n");
        assertThat(bad.status()).isEqualTo(1);
    }

    @Test
    void freecellPrintsTheCellsFreeMemoryAsVirsh() {
        assertThat(run("freecell").out()).isEqualTo("Total: 8730540 KiB\n\n");
        assertThat(run("freecell", "0").out()).isEqualTo("0: 8730540 KiB\n\n");
        assertThat(run("freecell", "--cellno", "0").out()).isEqualTo("0: 8730540 KiB\n\n");
        assertThat(run("freecell", "--all").out()).isEqualTo("""
                    0:    8730540 KiB
                --------------------
                Total:    8730540 KiB

                """);
        JvirshRun both = run("freecell", "--all", "--cellno", "0");
        assertThat(both.err()).isEqualTo("error: Options --all and --cellno are mutually exclusive\n");
        assertThat(both.status()).isEqualTo(1);
        assertThat(run("freecell", "5").status()).isEqualTo(1);
    }

    @Test
    void nodeinfoMemoryIsWhatTheDaemonComputesLikeLibvirt() {
        fake.json("GET", "/1.0/host/nodeinfo", "{\"cpu_model\":\"x86_64\",\"cpus\":2,\"mhz\":2596,\"nodes\":1,\"sockets\":1,"
                + "\"cores\":2,\"threads\":1,\"memory_kib\":10446664}");
        assertThat(run("nodeinfo").out()).isEqualTo("""
                CPU model:           x86_64
                CPU(s):              2
                CPU frequency:       2596 MHz
                CPU socket(s):       1
                Core(s) per socket:  2
                Thread(s) per core:  1
                NUMA cell(s):        1
                Memory size:         10446664 KiB

                """);
    }
}
