package dev.jvirt.vmmcore.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvirt.vmmcore.GuestControlException;
import dev.jvirt.vmmcore.InvalidArgumentException;
import dev.jvirt.vmmcore.IothreadInfo;
import dev.jvirt.vmmcore.VcpuInfo;
import dev.jvirt.vmmcore.qemu.ThreadAffinity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The threads of a running guest's QEMU as libvirt's QEMU driver reads and pins them: the vCPU
 * threads ({@code query-cpus-fast}) with their last host CPU, CPU time and affinity from
 * /proc/PID/task/TID (vcpuinfo, vcpupin), the I/O threads ({@code query-iothreads},
 * iothreadinfo), and the emulator threads — every other one (emulatorpin).
 */
public final class GuestThreads {
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;
    private final Path proc;

    public GuestThreads(Path proc) {
        this.proc = proc;
    }

    /** The running guest's vCPUs: QEMU's threads, their last host CPU, CPU time and affinity. */
    public List<VcpuInfo> vcpus(String name, RunningGuest g) {
        JsonNode cpus = GuestMonitor.call(g, name, "query-cpus-fast", null);
        long pid = g.process().pid();
        List<VcpuInfo> out = new ArrayList<>();
        for (JsonNode c : cpus) {
            long tid = c.path("thread-id").asLong();
            Path task = proc.resolve(Long.toString(pid)).resolve("task").resolve(Long.toString(tid));
            int lastCpu = -1;
            long time = 0;
            List<Integer> affinity = List.of();
            try {
                String stat = Files.readString(task.resolve("stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // after "pid (comm) ": f[0] is field 3 (state); utime 14, stime 15, processor 39
                time = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
                lastCpu = Integer.parseInt(f[36]);
                affinity = allowedCpus(Files.readString(task.resolve("status")));
            } catch (IOException | RuntimeException e) {
                // the thread went (the guest is stopping): what QEMU said is all there is
            }
            out.add(new VcpuInfo(c.path("cpu-index").asInt(), lastCpu, "running", time, affinity));
        }
        return out;
    }

    /** Pins the thread of vCPU {@code vcpu} to host CPUs {@code cpus} (vcpupin --live). */
    public void pinVcpu(String name, RunningGuest g, int vcpu, List<Integer> cpus) {
        JsonNode list = GuestMonitor.call(g, name, "query-cpus-fast", null);
        for (JsonNode c : list) {
            if (c.path("cpu-index").asInt() == vcpu) {
                setAffinity(name, c.path("thread-id").asLong(), cpus);
                return;
            }
        }
        throw new InvalidArgumentException("vcpu " + vcpu + " is out of range of live cpu count " + list.size()); // libvirt's words
    }

    /** The host CPUs QEMU's emulator threads (all but the vCPUs') may run on: its main thread's. */
    public List<Integer> emulatorAffinity(String name, RunningGuest g) {
        try {
            return allowedCpus(Files.readString(proc.resolve(Long.toString(g.process().pid())).resolve("status")));
        } catch (IOException e) {
            throw new GuestControlException("cannot read the affinity of QEMU of domain '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Pins every thread of QEMU but the vCPUs' to {@code cpus} (emulatorpin --live). */
    public void pinEmulator(String name, RunningGuest g, List<Integer> cpus) {
        java.util.Set<Long> vcpuThreads = new java.util.HashSet<>();
        for (JsonNode c : GuestMonitor.call(g, name, "query-cpus-fast", null)) {
            vcpuThreads.add(c.path("thread-id").asLong());
        }
        Path tasks = proc.resolve(Long.toString(g.process().pid())).resolve("task");
        try (var s = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) s::iterator) {
                long tid = Long.parseLong(t.getFileName().toString());
                if (!vcpuThreads.contains(tid)) {
                    setAffinity(name, tid, cpus);
                }
            }
        } catch (IOException e) {
            throw new GuestControlException("cannot list the threads of QEMU of domain '" + name + "': " + e.getMessage(), e);
        }
    }

    private static void setAffinity(String name, long tid, List<Integer> cpus) {
        try {
            ThreadAffinity.set(tid, cpus);
        } catch (IOException e) {
            throw new GuestControlException("cannot pin thread " + tid + " of domain '" + name + "': " + e.getMessage(), e);
        }
    }

    /** The running guest's I/O threads ({@code query-iothreads}, ids {@code iothreadN}) and their threads' affinity. */
    public List<IothreadInfo> iothreads(String name, RunningGuest g) {
        List<IothreadInfo> out = new ArrayList<>();
        long pid = g.process().pid();
        for (JsonNode t : GuestMonitor.call(g, name, "query-iothreads", null)) {
            String id = t.path("id").asText("");
            if (!id.matches("iothread\\d+")) {
                continue;
            }
            List<Integer> affinity = List.of();
            try {
                affinity = allowedCpus(Files.readString(proc.resolve(Long.toString(pid)).resolve("task")
                        .resolve(Long.toString(t.path("thread-id").asLong())).resolve("status")));
            } catch (IOException e) {
                // the thread went (the guest is stopping)
            }
            out.add(new IothreadInfo(Integer.parseInt(id.substring("iothread".length())), affinity));
        }
        out.sort(java.util.Comparator.comparingInt(IothreadInfo::id));
        return out;
    }

    /** {@code Cpus_allowed_list:\t0-1,3} of /proc/PID/task/TID/status as CPU numbers. */
    static List<Integer> allowedCpus(String status) {
        List<Integer> cpus = new ArrayList<>();
        for (String line : status.split("\n")) {
            if (line.startsWith("Cpus_allowed_list:")) {
                for (String range : line.substring(line.indexOf(':') + 1).strip().split(",")) {
                    if (range.isEmpty()) {
                        continue;
                    }
                    int dash = range.indexOf('-');
                    int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                    int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
                    for (int c = from; c <= to; c++) {
                        cpus.add(c);
                    }
                }
            }
        }
        return cpus;
    }
}
