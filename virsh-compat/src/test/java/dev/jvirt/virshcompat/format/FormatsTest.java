package dev.jvirt.virshcompat.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.api.Domains;
import dev.jvirt.api.Host;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * virsh's exact text. Every expected string here was printed by virsh 9.0 (libvirt 9.0.0,
 * Debian 12) against a private session libvirtd with the same domains, and copied verbatim.
 */
class FormatsTest {

    private static final String WEB1_UUID = "3ff5ba4d-7a63-47b6-9ff8-3634c8e2a410";

    @Test
    void listTableWithARunningAndAShutOffDomain() {
        String virsh = """
                 Id   Name                  State
                --------------------------------------
                 2    web1                  running
                 -    db-server-long-name   shut off
                """;
        assertThat(Formats.domainTable(List.of(
                new Domains.Summary(2L, "web1", WEB1_UUID, "running", "booted", true, false),
                new Domains.Summary(null, "db-server-long-name", "u2", "shut off", "unknown", true, false))))
                .isEqualTo(virsh);
    }

    @Test
    void emptyListIsHeaderAndShortRule() {
        String virsh = """
                 Id   Name   State
                --------------------
                """;
        assertThat(Formats.domainTable(List.of())).isEqualTo(virsh);
    }

    @Test
    void ruleFollowsTheWidestState() {
        assertThat(Formats.domainTable(List.of(new Domains.Summary(2L, "web1", "u", "running", "booted", true, false))))
                .isEqualTo(" Id   Name   State\n----------------------\n 2    web1   running\n");
        assertThat(Formats.domainTable(List.of(new Domains.Summary(2L, "web1", "u", "paused", "user", true, false))))
                .isEqualTo(" Id   Name   State\n---------------------\n 2    web1   paused\n");
    }

    @Test
    void domInfoOfARunningDomain() {
        String virsh = """
                Id:             2
                Name:           web1
                UUID:           3ff5ba4d-7a63-47b6-9ff8-3634c8e2a410
                OS Type:        hvm
                State:          running
                CPU(s):         1
                CPU time:       0.9s
                Max memory:     131072 KiB
                Used memory:    131072 KiB
                Persistent:     yes
                Autostart:      disable
                Managed save:   no
                Security model: none
                Security DOI:   0
                """;
        assertThat(Formats.domInfo(new Domains.Info(2L, "web1", WEB1_UUID, "running", "booted", true, false,
                "hvm", "kvm", 1, 912_345_678L, 131072, 131072, 4242L))).isEqualTo(virsh);
    }

    @Test
    void domInfoOfAShutOffDomainHasNoCpuTimeAndShowsConfiguredMemory() {
        String virsh = """
                Id:             -
                Name:           web1
                UUID:           71b2ba7c-e742-49ef-ae63-9223935c44d6
                OS Type:        hvm
                State:          shut off
                CPU(s):         1
                Max memory:     131072 KiB
                Used memory:    131072 KiB
                Persistent:     yes
                Autostart:      disable
                Managed save:   no
                Security model: none
                Security DOI:   0
                """;
        assertThat(Formats.domInfo(new Domains.Info(null, "web1", "71b2ba7c-e742-49ef-ae63-9223935c44d6",
                "shut off", "unknown", true, false, "hvm", "kvm", 1, 0, 131072, 0, null))).isEqualTo(virsh);
    }

    @Test
    void domStateWithAndWithoutReason() {
        assertThat(Formats.domState("running", "booted", false)).isEqualTo("running");
        assertThat(Formats.domState("running", "booted", true)).isEqualTo("running (booted)");
        assertThat(Formats.domState("paused", "user", true)).isEqualTo("paused (user)");
        assertThat(Formats.domState("shut off", null, true)).isEqualTo("shut off (unknown)");
    }

    @Test
    void domBlkListPlainAndDetailed() {
        List<Domains.BlockDevice> disks = List.of(new Domains.BlockDevice("file", "disk", "vda", "/tmp/vref/d1.qcow2"),
                new Domains.BlockDevice("file", "cdrom", "sda", null));
        assertThat(Formats.blockDevices(disks, false)).isEqualTo("""
                 Target   Source
                ------------------------------
                 vda      /tmp/vref/d1.qcow2
                 sda      -
                """);
        assertThat(Formats.blockDevices(disks, true)).isEqualTo("""
                 Type   Device   Target   Source
                ----------------------------------------------
                 file   disk     vda      /tmp/vref/d1.qcow2
                 file   cdrom    sda      -
                """);
    }

    @Test
    void domIfList() {
        assertThat(Formats.interfaces(List.of(new Domains.Interface(null, "user", null, "virtio", "52:54:00:11:22:33"))))
                .isEqualTo("""
                         Interface   Type   Source   Model    MAC
                        ---------------------------------------------------------
                         -           user   -        virtio   52:54:00:11:22:33
                        """);
    }

    @Test
    void nodeInfo() {
        assertThat(Formats.nodeInfo(new Host.NodeInfo("x86_64", "AMD EPYC", 2, 2445, 1, 1, 2, 1, 5728472))).isEqualTo("""
                CPU model:           x86_64
                CPU(s):              2
                CPU frequency:       2445 MHz
                CPU socket(s):       1
                Core(s) per socket:  2
                Thread(s) per core:  1
                NUMA cell(s):        1
                Memory size:         5728472 KiB
                """);
    }

    @Test
    void titleColumnShowsThatEveryCellButTheLastIsPadded() {
        // virsh list --all --title: an empty last cell still follows the padded State.
        assertThat(VshTable.withHeader("Id", "Name", "State", "Title").row("-", "web1", "shut off", "").render())
                .isEqualTo(" Id   Name   State      Title\n-------------------------------\n -    web1   shut off   \n");
    }
}
