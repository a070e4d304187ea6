package dev.jvirt.vmmcore.daemon.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.api.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's memory read as libvirt reads it, from files in the kernel's formats. The figures are
 * a host where the one NUMA cell holds less than MemTotal (virsh nodeinfo said 10446664 KiB, not
 * /proc/meminfo's 24683664).
 */
class HostMemoryTest {
    @TempDir
    Path dir;

    @Test
    void totalsComeFromMeminfoAndCellsFromTheNodeDirectories() throws Exception {
        Path meminfo = dir.resolve("meminfo");
        Files.writeString(meminfo, "MemTotal:       24683664 kB\nMemFree:        22969460 kB\nMemAvailable:   23000000 kB\n"
                + "Buffers:          239344 kB\nCached:           536104 kB\nSwapCached:            0 kB\n");
        Path node0 = Files.createDirectories(dir.resolve("node/node0"));
        Files.writeString(node0.resolve("meminfo"), "Node 0 MemTotal:       10446664 kB\nNode 0 MemFree:         8718820 kB\n"
                + "Node 0 MemUsed:         1727844 kB\n");
        Files.createDirectories(dir.resolve("node/power"));

        Host.Memory m = HostMemory.read(meminfo, dir.resolve("node"));

        assertThat(m).isEqualTo(new Host.Memory(24683664, 22969460, 239344, 536104, List.of(new Host.Cell(0, 10446664, 8718820))));
        assertThat(HostMemory.nodeInfoKib(m)).isEqualTo(10446664);
    }

    @Test
    void withoutNumaNodeinfoIsMemTotal() throws Exception {
        Path meminfo = dir.resolve("meminfo");
        Files.writeString(meminfo, "MemTotal:       2048000 kB\nMemFree:        1024000 kB\n");

        Host.Memory m = HostMemory.read(meminfo, dir.resolve("absent"));

        assertThat(m.cells()).isEmpty();
        assertThat(HostMemory.nodeInfoKib(m)).isEqualTo(2048000);
    }
}
