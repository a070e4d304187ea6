package dev.jvirt.vmmcore.daemon.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.vmmcore.daemon.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code virsh nodeinfo} from /proc/cpuinfo and, for the memory, the NUMA cells' counters as libvirt sums them ({@link HostMemory}). */
public final class NodeInfo {

    private NodeInfo() {
    }

    public static ObjectNode read() {
        List<String> cpuinfo = lines("/proc/cpuinfo");
        String model = value(cpuinfo, "model name", "unknown");
        double mhz = parseDouble(value(cpuinfo, "cpu MHz", "0"));
        int cpus = (int) cpuinfo.stream().filter(l -> l.startsWith("processor")).count();
        Set<String> sockets = new HashSet<>();
        cpuinfo.stream().filter(l -> l.startsWith("physical id")).forEach(l -> sockets.add(l.substring(l.indexOf(':') + 1).trim()));
        int nSockets = Math.max(1, sockets.size());
        int cores = (int) parseDouble(value(cpuinfo, "cpu cores", Integer.toString(Math.max(1, cpus / nSockets))));
        int threads = Math.max(1, cpus / Math.max(1, nSockets * cores));
        long memKiB = HostMemory.nodeInfoKib(HostMemory.read());
        ObjectNode o = Json.object();
        o.put("cpu_model", System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch"));
        o.put("cpu_model_name", model);
        o.put("cpus", cpus == 0 ? Runtime.getRuntime().availableProcessors() : cpus);
        o.put("mhz", Math.round(mhz));
        o.put("nodes", 1);
        o.put("sockets", nSockets);
        o.put("cores", cores);
        o.put("threads", threads);
        o.put("memory_kib", memKiB);
        return o;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String value(List<String> lines, String key, String fallback) {
        for (String l : lines) {
            int colon = l.indexOf(':');
            if (colon > 0 && l.substring(0, colon).trim().equals(key)) {
                return l.substring(colon + 1).trim();
            }
        }
        return fallback;
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
