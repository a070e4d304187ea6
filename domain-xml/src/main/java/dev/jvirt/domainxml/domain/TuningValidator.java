package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.ViolationKind;
import dev.jvirt.domainxml.Violations;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks resource tuning and guest NUMA: {@code <cputune>}, {@code <numatune>}, {@code <memtune>},
 * {@code <blkiotune>}, {@code <resource>}, and {@code <cpu>}'s {@code <numa>} and {@code <cache>},
 * with libvirt's ranges.
 */
final class TuningValidator {
    /** A CPU or node list as libvirt writes it: {@code 0-3,^2,8}. */
    static final Pattern CPUSET = Pattern.compile("\\^?\\d+(-\\d+)?(,\\^?\\d+(-\\d+)?)*");
    private static final Set<String> NUMA_MODES = Set.of("strict", "preferred", "interleave", "restrictive");

    private TuningValidator() {}

    static void validate(Domain d, Violations v) {
        numa(d, v);
        hugepages(d, v);
        Tuning t = d.tuning();
        if (t == null) {
            return;
        }
        cputune(d, t.cputune(), v);
        numatune(d, t.numatune(), v);
        if (t.blkiotune() != null) {
            BlkioTune b = t.blkiotune();
            v.range(b.weight(), 10, 1000, "/domain/blkiotune/weight", "blkio weight");
            for (int i = 0; i < b.devices().size(); i++) {
                String p = Violations.indexed("/domain/blkiotune", "device", i, b.devices().size());
                if (v.required(b.devices().get(i).path(), p, "<path> of the block device")) {
                    v.absolute(b.devices().get(i).path(), p + "/path", "block device path");
                }
                v.range(b.devices().get(i).weight(), 10, 1000, p + "/weight", "blkio weight");
            }
        }
        MemTune m = t.memtune();
        if (m != null && m.hardLimitKiB() != null && m.softLimitKiB() != null && m.softLimitKiB() > m.hardLimitKiB()) {
            v.add(ViolationKind.INCONSISTENT, "/domain/memtune/soft_limit", "soft_limit (" + m.softLimitKiB()
                    + " KiB) is larger than hard_limit (" + m.hardLimitKiB() + " KiB)");
        }
        if (m != null && m.hardLimitKiB() != null && m.swapHardLimitKiB() != null && m.swapHardLimitKiB() < m.hardLimitKiB()) {
            v.add(ViolationKind.INCONSISTENT, "/domain/memtune/swap_hard_limit", "swap_hard_limit (" + m.swapHardLimitKiB()
                    + " KiB) is smaller than hard_limit (" + m.hardLimitKiB() + " KiB)");
        }
        if (t.partition() != null && !t.partition().startsWith("/")) {
            v.add(ViolationKind.UNKNOWN_VALUE, "/domain/resource/partition",
                    "resource partition '" + t.partition() + "' must be an absolute path such as /machine");
        }
    }

    private static void cputune(Domain d, CpuTune c, Violations v) {
        if (c == null) {
            return;
        }
        String base = "/domain/cputune";
        v.range(c.shares(), 2, 262144, base + "/shares", "CPU shares");
        for (Long period : new Long[] {c.period(), c.globalPeriod(), c.emulatorPeriod(), c.iothreadPeriod()}) {
            v.range(period, 1000, 1000000, base, "CPU period (µs)");
        }
        for (Long quota : new Long[] {c.quota(), c.globalQuota(), c.emulatorQuota(), c.iothreadQuota()}) {
            if (quota != null && quota >= 0 && (quota < 1000 || quota > 17592186044415L)) {
                v.add(ViolationKind.RANGE, base, "CPU quota " + quota + " must be negative (unlimited) or in [1000, 17592186044415]");
            }
        }
        pins(c.vcpupins(), "vcpupin", "vCPU", 0, d.maxVcpus() - 1, v);
        int iothreads = d.iothreads() == null ? 0 : d.iothreads();
        pins(c.iothreadpins(), "iothreadpin", "I/O thread", 1, iothreads, v);
        cpuset(c.emulatorpin(), base + "/emulatorpin", v);
    }

    private static void pins(List<CpuTune.Pin> pins, String name, String what, int min, int max, Violations v) {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < pins.size(); i++) {
            CpuTune.Pin pin = pins.get(i);
            String p = Violations.indexed("/domain/cputune", name, i, pins.size());
            if (v.required(pin.id(), p, "the " + what + " it pins")) {
                if (pin.id() < min || pin.id() > max) {
                    v.add(ViolationKind.RANGE, p, name + " names " + what + " " + pin.id() + ", but the domain has "
                            + (max < min ? "none" : what + "s " + min + " to " + max));
                } else if (!seen.add(pin.id())) {
                    v.add(ViolationKind.DUPLICATE, p, what + " " + pin.id() + " is pinned twice");
                }
            }
            if (v.required(pin.cpuset(), p, "attribute 'cpuset'")) {
                cpuset(pin.cpuset(), p, v);
            }
        }
    }

    static void cpuset(String set, String path, Violations v) {
        if (set != null && !CPUSET.matcher(set).matches()) {
            v.add(ViolationKind.UNKNOWN_VALUE, path, "malformed CPU list '" + set + "' (expected e.g. 0-3,^2,8)");
        }
    }

    private static void numatune(Domain d, NumaTune n, Violations v) {
        if (n == null) {
            return;
        }
        if (n.memory() != null) {
            String p = "/domain/numatune/memory";
            v.oneOf(n.memory().mode(), NUMA_MODES, p, "NUMA memory mode");
            v.oneOf(n.memory().placement(), Set.of("static", "auto"), p, "NUMA placement");
            cpuset(n.memory().nodeset(), p, v);
            if (n.memory().nodeset() == null && !"auto".equals(n.memory().placement())) {
                v.add(ViolationKind.MISSING, p, "missing nodeset (or placement='auto')");
            }
        }
        int cells = d.cpu() == null ? 0 : d.cpu().numa().size();
        for (int i = 0; i < n.memnodes().size(); i++) {
            NumaTune.MemNode m = n.memnodes().get(i);
            String p = Violations.indexed("/domain/numatune", "memnode", i, n.memnodes().size());
            if (v.required(m.cellid(), p, "attribute 'cellid'") && (m.cellid() < 0 || m.cellid() >= cells)) {
                v.add(ViolationKind.INCONSISTENT, p, "memnode cellid " + m.cellid() + " names no guest NUMA cell (the domain has "
                        + cells + " in <cpu><numa>)");
            }
            v.oneOf(m.mode(), NUMA_MODES, p, "NUMA memory mode");
            if (v.required(m.nodeset(), p, "attribute 'nodeset'")) {
                cpuset(m.nodeset(), p, v);
            }
        }
    }

    private static void hugepages(Domain d, Violations v) {
        MemoryBacking mb = d.memoryBacking();
        if (mb == null) {
            return;
        }
        for (int i = 0; i < mb.pages().size(); i++) {
            MemoryBacking.Page p = mb.pages().get(i);
            String path = Violations.indexed("/domain/memoryBacking/hugepages", "page", i, mb.pages().size());
            if (p.sizeKiB() < 4 || Long.bitCount(p.sizeKiB()) != 1) {
                v.add(ViolationKind.MEMORY, path, "huge page size " + p.sizeKiB() + " KiB is not a power of two (2048 KiB and 1 GiB are the x86 ones)");
            }
            cpuset(p.nodeset(), path, v);
        }
    }

    private static void numa(Domain d, Violations v) {
        Cpu c = d.cpu();
        if (c == null) {
            return;
        }
        if (c.cache() != null) {
            v.oneOf(c.cache().mode(), Set.of("emulate", "passthrough", "disable"), "/domain/cpu/cache", "CPU cache mode");
            if (c.cache().level() != null && c.cache().level() != 3) {
                v.add(ViolationKind.UNKNOWN_VALUE, "/domain/cpu/cache", "only cache level 3 can be described, not " + c.cache().level());
            }
        }
        List<Cpu.NumaCell> cells = c.numa();
        Set<Integer> vcpus = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            Cpu.NumaCell cell = cells.get(i);
            String p = Violations.indexed("/domain/cpu/numa", "cell", i, cells.size());
            if (cell.id() != null && cell.id() != i) {
                v.add(ViolationKind.INCONSISTENT, p, "NUMA cell id " + cell.id() + " out of order: cells are numbered 0, 1, ... "
                        + "in order (expected " + i + ")");
            }
            if (cell.memoryKiB() <= 0) {
                v.add(ViolationKind.MEMORY, p, "NUMA cell memory must be greater than zero");
            }
            v.oneOf(cell.memAccess(), Set.of("shared", "private"), p, "memAccess");
            if (cell.cpus() != null) {
                cpuset(cell.cpus(), p, v);
                cellCpus(cell.cpus(), d.maxVcpus(), vcpus, p, v);
            }
            for (int j = 0; j < cell.distances().size(); j++) {
                Cpu.Sibling s = cell.distances().get(j);
                String sp = Violations.indexed(p + "/distances", "sibling", j, cell.distances().size());
                if (v.required(s.id(), sp, "attribute 'id'") && (s.id() < 0 || s.id() >= cells.size())) {
                    v.add(ViolationKind.INCONSISTENT, sp, "sibling id " + s.id() + " names no NUMA cell");
                }
                if (v.required(s.value(), sp, "attribute 'value'")) {
                    boolean local = s.id() != null && s.id() == i;
                    if (local ? s.value() != 10 : s.value() < 10 || s.value() > 255) {
                        v.add(ViolationKind.RANGE, sp, local ? "the distance of a cell to itself must be 10, not " + s.value()
                                : "NUMA distance " + s.value() + " must be in [10, 255]");
                    }
                }
            }
        }
    }

    /** Each vCPU in at most one cell, and below the vCPU count. */
    private static void cellCpus(String list, int max, Set<Integer> used, String path, Violations v) {
        if (!CPUSET.matcher(list).matches() || list.contains("^")) {
            return;
        }
        for (String part : list.split(",")) {
            String[] r = part.split("-");
            long lo = Long.parseLong(r[0]);
            long hi = r.length > 1 ? Long.parseLong(r[1]) : lo;
            if (hi >= max || lo > hi) {
                v.add(ViolationKind.VCPU, path, "NUMA cell cpus '" + list + "' go beyond the " + max + " vCPUs of the domain");
                return;
            }
            for (long x = lo; x <= hi; x++) {
                if (!used.add((int) x)) {
                    v.add(ViolationKind.DUPLICATE, path, "vCPU " + x + " is in two NUMA cells");
                    return;
                }
            }
        }
    }
}
