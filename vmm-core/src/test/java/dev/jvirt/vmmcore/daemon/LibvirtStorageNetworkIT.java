package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.Differential;
import dev.jvirt.testimages.PrivateLibvirt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stock virsh's pool, volume and network commands against jvirtd's libvirt socket print what they
 * print against a private session libvirtd: the same commands run against both and the two
 * transcripts are compared whole. What differs by nature is masked on both sides: the pool's
 * directory, its UUID and the file system's figures, the MAC a network gets when it has none.
 * No network is started (that would need a bridge on the host): define, list, XML, autostart,
 * leases and undefine of a defined network.
 */
class LibvirtStorageNetworkIT {
    private static final String NETWORK = """
            <network>
              <name>wnet1</name>
              <uuid>6a1c7e5e-2f0b-4f43-9f54-0d5f8a3c1b11</uuid>
              <forward mode='nat'/>
              <bridge name='wbr1' stp='on' delay='0'/>
              <ip address='192.168.210.1' netmask='255.255.255.0'>
                <dhcp>
                  <range start='192.168.210.2' end='192.168.210.254'/>
                </dhcp>
              </ip>
            </network>
            """;

    @Test
    void poolVolumeAndNetworkCommandsPrintWhatTheyPrintAgainstLibvirtd() throws Exception {
        try (DaemonFixture f = new DaemonFixture(); PrivateLibvirt lv = PrivateLibvirt.start()) {
            Jvirtd d = f.start();
            Path net = lv.writeXml("wnet1.xml", NETWORK);
            List<String> jvirtd = List.of("virsh", "-c", "qemu+unix:///session?socket=" + d.libvirtSocket());
            List<String> libvirtd = lv.command("virsh", "-c", "qemu:///session");
            // libvirtd's session has no pool until a client makes one (virt-install makes 'default' as this does)
            Path lvPool = net.getParent().resolveSibling("images");
            for (String[] c : new String[][] {{"pool-define-as", "default", "dir", "--target", lvPool.toString()},
                    {"pool-build", "default"}, {"pool-start", "default"}, {"pool-autostart", "default"}}) {
                assertThat(LibvirtVirshIT.run(libvirtd, c)).endsWith("exit 0\n");
            }
            Path lvDirs = net.getParent().getParent();
            Path jvDirs = Files.createDirectories(f.root.resolve("pools"));
            String expected = mask(transcript(libvirtd, net, lvDirs), lvPool, lvDirs, net.getParent());
            String actual = mask(transcript(jvirtd, net, jvDirs), f.dirs.state().resolve("images"), jvDirs, net.getParent());
            Files.writeString(Path.of("target", "libvirt-storage-network-transcript.txt"), actual);
            Differential diff = new Differential("virsh transcript differential");
            diff.transcripts("virsh storage and network transcript", actual, expected);
            System.out.print(diff.report());
            assertThat(diff.differences()).isEmpty();
            assertThat(actual).isEqualTo(expected);
            assertThat(actual).contains(" default  active  yes", "Capacity:  20.00 MiB", "Allocation:  1.00 MiB",
                    "error: Storage volume not found: no storage vol with matching path 'nope'", // virsh's last try: by path
                    "error: Storage pool not found: no storage pool with matching name 'nope'",
                    "error: Network not found: no network with matching name 'nope'",
                    " wnet1  inactive  no  yes"); // padding collapsed by mask()
        }
    }

    /** {@code dirs}: where the second and third pools go (a directory the daemon's user may write). */
    private static String transcript(List<String> virsh, Path net, Path dirs) throws Exception {
        String p2 = dirs.resolve("p2").toString();
        String p3 = dirs.resolve("p3").toString();
        List<String[]> commands = List.of(
                new String[] {"pool-list", "--all"},
                new String[] {"pool-list", "--all", "--details"},
                new String[] {"pool-info", "default"},
                new String[] {"vol-create-as", "default", "v1", "10M", "--format", "qcow2"},
                new String[] {"vol-info", "v1", "--pool", "default"},
                new String[] {"vol-info", "v1", "--pool", "default", "--physical"},
                new String[] {"vol-list", "default"},
                new String[] {"vol-list", "default", "--details"},
                new String[] {"vol-resize", "v1", "20M", "--pool", "default"},
                new String[] {"vol-info", "v1", "--pool", "default"},
                new String[] {"vol-create-as", "default", "v1", "10M"},
                new String[] {"vol-create-as", "default", "r1", "1M", "--format", "raw"},
                new String[] {"vol-info", "r1", "--pool", "default"},
                new String[] {"vol-info", "nope", "--pool", "default"},
                new String[] {"pool-info", "nope"},
                new String[] {"vol-delete", "v1", "--pool", "default"},
                new String[] {"vol-delete", "r1", "--pool", "default"},
                new String[] {"vol-list", "default"},
                new String[] {"pool-autostart", "default", "--disable"},
                new String[] {"pool-list", "--all", "--no-autostart"},
                new String[] {"pool-autostart", "default"},
                new String[] {"pool-refresh", "default"},
                new String[] {"pool-define-as", "p2", "dir", "--target", p2},
                new String[] {"pool-list", "--all"},
                new String[] {"pool-build", "p2"},
                new String[] {"pool-start", "p2"},
                new String[] {"pool-start", "p2"},
                new String[] {"vol-create-as", "p2", "x", "1M", "--format", "qcow2"},
                new String[] {"pool-destroy", "p2"},
                new String[] {"vol-list", "p2"},
                new String[] {"pool-info", "p2"},
                new String[] {"pool-start", "p2"},
                new String[] {"vol-list", "p2"},
                new String[] {"vol-delete", "x", "--pool", "p2"},
                new String[] {"pool-destroy", "p2"},
                new String[] {"pool-delete", "p2"},
                new String[] {"pool-undefine", "p2"},
                new String[] {"pool-create-as", "p3", "dir", "--target", p3, "--build"},
                new String[] {"pool-list", "--all", "--transient"},
                new String[] {"pool-autostart", "p3"},
                new String[] {"pool-undefine", "p3"},
                new String[] {"pool-destroy", "p3"},
                new String[] {"pool-list", "--all"},
                new String[] {"net-list", "--all"},
                new String[] {"net-define", net.toString()},
                new String[] {"net-list", "--all"},
                new String[] {"net-list", "--inactive"},
                new String[] {"net-info", "wnet1"},
                new String[] {"net-dumpxml", "wnet1"},
                new String[] {"net-dumpxml", "--inactive", "wnet1"},
                new String[] {"net-autostart", "wnet1"},
                new String[] {"net-list", "--all", "--autostart"},
                new String[] {"net-autostart", "wnet1", "--disable"},
                new String[] {"net-uuid", "wnet1"},
                new String[] {"net-name", "6a1c7e5e-2f0b-4f43-9f54-0d5f8a3c1b11"},
                new String[] {"net-dhcp-leases", "wnet1"},
                new String[] {"net-destroy", "wnet1"},
                new String[] {"net-info", "nope"},
                new String[] {"net-dumpxml", "nope"},
                new String[] {"net-undefine", "wnet1"},
                new String[] {"net-list", "--all"});
        StringBuilder t = new StringBuilder();
        for (String[] c : commands) {
            t.append(LibvirtVirshIT.run(virsh, c));
        }
        return t.toString();
    }

    /** The pools' and the XML's directories, the pool's UUID, the file system's figures, a generated MAC and table padding masked. */
    private static String mask(String t, Path pool, Path dirs, Path xmlDir) {
        List<String> out = new ArrayList<>();
        String masked = t.replace(xmlDir.toString(), "XML").replace(pool.toString(), "POOL").replace(dirs.toString(), "DIRS");
        for (String line : masked.split("\n", -1)) {
            if (line.startsWith("UUID:") && !line.contains("6a1c7e5e")) {
                line = "UUID: (masked)";
            }
            if (line.startsWith("Capacity:") && line.contains("GiB") || line.startsWith("Allocation:") && line.contains("GiB")
                    || line.startsWith("Available:")) {
                line = line.replaceAll(":\\s+.*", ": (masked)");
            }
            if ((line.startsWith(" default ") || line.startsWith(" p")) && line.contains("GiB")) {
                line = line.replaceAll("\\s+\\d+\\.\\d+ \\w+", " (size)");
            }
            if (line.matches("-+")) {
                line = "(rule)"; // its width follows the columns' widths
            }
            // a table's padding follows its widest cell, a path of a different length on each side
            out.add(line.replaceAll("<mac address='[0-9a-f:]+'/>", "<mac address='(masked)'/>").replaceAll("(\\S) {2,}", "$1  "));
        }
        return String.join("\n", out);
    }
}
