package dev.jvirt.vmmcore.daemon.routes;

import dev.jvirt.api.Host;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's memory as libvirt reads it: /proc/meminfo for the totals (nodememstats), and each
 * NUMA cell's {@code nodeN/meminfo} under /sys/devices/system/node for the per-cell figures that
 * nodeinfo's memory size and freecell sum (libvirt's numa_node_size64).
 */
public final class HostMemory {
    private static final Pattern NODE = Pattern.compile("node(\\d+)");
    private static final Pattern NODE_LINE = Pattern.compile("Node \\d+ (\\w+):\\s+(\\d+) kB");

    private HostMemory() {
    }

    public static Host.Memory read() {
        return read(Path.of("/proc/meminfo"), Path.of("/sys/devices/system/node"));
    }

    static Host.Memory read(Path meminfo, Path nodes) {
        List<String> lines = lines(meminfo);
        return new Host.Memory(kib(lines, "MemTotal"), kib(lines, "MemFree"), kib(lines, "Buffers"), kib(lines, "Cached"),
                cells(nodes));
    }

    /** nodeinfo's "Memory size": the cells' total, or MemTotal on a kernel without NUMA. */
    static long nodeInfoKib(Host.Memory m) {
        return m.cells().isEmpty() ? m.totalKib() : m.cells().stream().mapToLong(Host.Cell::totalKib).sum();
    }

    private static List<Host.Cell> cells(Path nodes) {
        List<Host.Cell> cells = new ArrayList<>();
        if (!Files.isDirectory(nodes)) {
            return cells;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(nodes, "node*")) {
            for (Path d : dirs) {
                Matcher m = NODE.matcher(d.getFileName().toString());
                if (m.matches() && Files.isRegularFile(d.resolve("meminfo"))) {
                    long total = 0;
                    long free = 0;
                    for (String l : lines(d.resolve("meminfo"))) {
                        Matcher f = NODE_LINE.matcher(l.strip());
                        if (f.matches() && f.group(1).equals("MemTotal")) {
                            total = Long.parseLong(f.group(2));
                        } else if (f.matches() && f.group(1).equals("MemFree")) {
                            free = Long.parseLong(f.group(2));
                        }
                    }
                    cells.add(new Host.Cell(Long.parseLong(m.group(1)), total, free));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        cells.sort(Comparator.comparingLong(Host.Cell::cell));
        return cells;
    }

    private static long kib(List<String> lines, String key) {
        for (String l : lines) {
            int colon = l.indexOf(':');
            if (colon > 0 && l.substring(0, colon).equals(key)) {
                String v = l.substring(colon + 1).replace("kB", "").strip();
                return Long.parseLong(v);
            }
        }
        return 0;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
