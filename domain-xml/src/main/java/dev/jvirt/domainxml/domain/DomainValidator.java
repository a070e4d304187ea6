package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.InvalidDefinitionException;
import dev.jvirt.domainxml.Parsed;
import dev.jvirt.domainxml.Violation;
import dev.jvirt.domainxml.ViolationKind;
import dev.jvirt.domainxml.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Semantic checks of a {@link Domain}: names, UUID, memory, vCPUs and topology, OS and
 * firmware, clock, lifecycle actions, and (through {@link DeviceValidator}) every device.
 * Pure; returns every violation found rather than stopping at the first.
 */
public final class DomainValidator {
    static final Set<String> TYPES = Set.of("kvm", "qemu");
    /** preserve and rename-restart are in libvirt's schema but its QEMU driver refuses them, as does jvirt. */
    private static final Set<String> ACTIONS = Set.of("destroy", "restart");
    private static final Set<String> CRASH_ACTIONS = Set.of("destroy", "restart", "preserve",
            "coredump-destroy", "coredump-restart");
    private static final Set<String> CPU_MODES = Set.of("host-passthrough", "host-model", "custom", "maximum");
    private static final Set<String> CPU_POLICIES = Set.of("force", "require", "optional", "disable", "forbid");
    private static final Set<String> ARCHES = Set.of("x86_64", "i686");
    private static final Set<String> BOOT_DEVS = Set.of("hd", "cdrom", "network", "fd");
    private static final Set<String> CLOCK_OFFSETS = Set.of("utc", "localtime", "timezone", "variable");
    private static final Set<String> TIMERS = Set.of("platform", "pit", "rtc", "hpet", "tsc", "kvmclock", "hypervclock");
    private static final Set<String> TICK_POLICIES = Set.of("delay", "catchup", "merge", "discard");
    /** Most vCPUs QEMU's x86 machines take without extended APIC IDs. */
    static final int MAX_VCPUS = 255;

    private DomainValidator() {}

    /** All violations; positions are unknown (0) because a bare record has no source. */
    public static List<Violation> validate(Domain d) {
        Violations v = new Violations();
        top(d, v);
        os(d, v);
        cpu(d, v);
        clock(d.clock(), v);
        DeviceValidator.validate(d, v);
        TuningValidator.validate(d, v);
        PlatformValidator.validate(d, v);
        DeviceExtrasValidator.validate(d, v);
        NestedLxd.validate(d, v);
        return v.list();
    }

    /** All violations, with line:column from the source where the element exists there. */
    public static List<Violation> validate(Parsed<Domain> p) {
        List<Violation> out = new ArrayList<>();
        for (Violation x : validate(p.definition())) {
            out.add(p.locate(x));
        }
        return out;
    }

    /** Throws {@link InvalidDefinitionException} listing the violations, if there are any. */
    public static void requireValid(Parsed<Domain> p) {
        List<Violation> vs = validate(p);
        if (!vs.isEmpty()) {
            throw new InvalidDefinitionException(p.sourceName(), vs);
        }
    }

    private static void top(Domain d, Violations v) {
        if (v.required(d.type(), "/domain", "attribute 'type' (kvm or qemu)")) {
            v.oneOf(d.type(), TYPES, "/domain", "domain type");
        }
        v.name(d.name(), "/domain/name", "domain");
        v.uuid(d.uuid(), "/domain/uuid");
        if (d.memoryKiB() <= 0) {
            v.add(ViolationKind.MEMORY, "/domain/memory", "memory must be set and greater than zero");
        }
        if (d.currentMemoryKiB() != null && d.memoryKiB() > 0 && d.currentMemoryKiB() > d.memoryKiB()) {
            v.add(ViolationKind.MEMORY, "/domain/currentMemory", "currentMemory (" + d.currentMemoryKiB()
                    + " KiB) is larger than memory (" + d.memoryKiB() + " KiB)");
        }
        if (d.currentMemoryKiB() != null && d.currentMemoryKiB() == 0) {
            v.add(ViolationKind.MEMORY, "/domain/currentMemory", "currentMemory must be greater than zero");
        }
        if (d.maxMemory() != null && (d.cpu() == null || d.cpu().numa().isEmpty())) {
            v.add(ViolationKind.INCONSISTENT, "/domain/maxMemory", "memory hotplug (maxMemory) needs guest NUMA cells "
                    + "in <cpu><numa> (libvirt refuses it without them too)");
        }
        if (d.maxMemory() != null && d.maxMemory().kib() < d.memoryKiB()) {
            v.add(ViolationKind.MEMORY, "/domain/maxMemory", "maxMemory (" + d.maxMemory().kib()
                    + " KiB) is smaller than memory (" + d.memoryKiB() + " KiB)");
        }
        Vcpu c = d.vcpu();
        if (c != null) {
            if (c.count() < 1) {
                v.add(ViolationKind.VCPU, "/domain/vcpu", "vcpu count must be at least 1, got " + c.count());
            } else if (c.count() > MAX_VCPUS) {
                v.add(ViolationKind.VCPU, "/domain/vcpu", "vcpu count " + c.count() + " exceeds " + MAX_VCPUS);
            }
            if (c.current() != null && (c.current() < 1 || c.current() > c.count())) {
                v.add(ViolationKind.VCPU, "/domain/vcpu", "current vcpus " + c.current() + " must be between 1 and " + c.count());
            }
            v.oneOf(c.placement(), Set.of("static", "auto"), "/domain/vcpu", "vcpu placement");
        }
        v.oneOf(d.onPoweroff(), ACTIONS, "/domain/on_poweroff", "lifecycle action");
        v.oneOf(d.onReboot(), ACTIONS, "/domain/on_reboot", "lifecycle action");
        v.oneOf(d.onCrash(), CRASH_ACTIONS, "/domain/on_crash", "crash action");
        MemoryBacking mb = d.memoryBacking();
        if (mb != null) {
            v.oneOf(mb.sourceType(), Set.of("file", "anonymous", "memfd"), "/domain/memoryBacking/source", "memory source type");
            v.oneOf(mb.accessMode(), Set.of("shared", "private"), "/domain/memoryBacking/access", "memory access mode");
            v.oneOf(mb.allocationMode(), Set.of("immediate", "ondemand"), "/domain/memoryBacking/allocation", "allocation mode");
        }
        if (d.features() != null) {
            v.oneOf(d.features().ioapicDriver(), Set.of("kvm", "qemu"), "/domain/features/ioapic", "ioapic driver");
        }
        v.range(d.iothreads(), 0, 1024, "/domain/iothreads", "iothreads");
    }

    private static void os(Domain d, Violations v) {
        Os os = d.os();
        if (os == null || os.type() == null || os.type().isEmpty()) {
            v.add(ViolationKind.MISSING, "/domain/os/type", "missing <os><type>hvm</type></os> (libvirt requires it too)");
            if (os == null) {
                return;
            }
        }
        v.oneOf(os.type(), Set.of("hvm"), "/domain/os/type", "OS type");
        v.oneOf(os.arch(), ARCHES, "/domain/os/type", "architecture");
        v.oneOf(os.firmware(), Set.of("bios", "efi"), "/domain/os", "firmware");
        for (int i = 0; i < os.bootDevices().size(); i++) {
            String p = Violations.indexed("/domain/os", "boot", i, os.bootDevices().size());
            v.oneOf(os.bootDevices().get(i), BOOT_DEVS, p, "boot device");
        }
        if (os.kernel() == null && os.initrd() != null) {
            v.add(ViolationKind.INCONSISTENT, "/domain/os/initrd", "initrd given without a kernel");
        }
        if (os.kernel() == null && os.cmdline() != null) {
            v.add(ViolationKind.INCONSISTENT, "/domain/os/cmdline", "cmdline given without a kernel");
        }
        v.absolute(os.kernel(), "/domain/os/kernel", "kernel");
        v.absolute(os.initrd(), "/domain/os/initrd", "initrd");
        if (os.loader() != null) {
            v.oneOf(os.loader().type(), Set.of("rom", "pflash"), "/domain/os/loader", "loader type");
            v.absolute(os.loader().path(), "/domain/os/loader", "loader");
            if (os.loader().path() == null && !"efi".equals(os.firmware())) {
                v.add(ViolationKind.MISSING, "/domain/os/loader", "loader path missing (or use firmware='efi')");
            }
        }
        if (os.nvram() != null) {
            v.absolute(os.nvram().path(), "/domain/os/nvram", "nvram");
            v.absolute(os.nvram().template(), "/domain/os/nvram", "nvram template");
        }
        if (os.bootMenu() != null) {
            v.range(os.bootMenu().timeout(), 0, 65535, "/domain/os/bootmenu", "boot menu timeout");
        }
    }

    private static void cpu(Domain d, Violations v) {
        Cpu c = d.cpu();
        if (c == null) {
            return;
        }
        v.oneOf(c.mode(), CPU_MODES, "/domain/cpu", "CPU mode");
        v.oneOf(c.match(), Set.of("minimum", "exact", "strict"), "/domain/cpu", "CPU match");
        v.oneOf(c.check(), Set.of("none", "partial", "full"), "/domain/cpu", "CPU check");
        // a custom CPU may give only a topology (or NUMA cells) and leave the model to the hypervisor,
        // as libvirt allows; features need a model to apply to
        if ((c.mode() == null || "custom".equals(c.mode())) && (c.model() == null || c.model().name() == null)
                && !c.features().isEmpty()) {
            v.add(ViolationKind.MISSING, "/domain/cpu", "CPU features are given without a CPU <model> to apply them to");
        }
        if (c.model() != null) {
            v.oneOf(c.model().fallback(), Set.of("allow", "forbid"), "/domain/cpu/model", "fallback");
        }
        Cpu.Topology t = c.topology();
        if (t != null) {
            String p = "/domain/cpu/topology";
            for (Integer x : new Integer[] {t.sockets(), t.dies(), t.cores(), t.threads()}) {
                if (x != null && x < 1) {
                    v.add(ViolationKind.VCPU, p, "topology values must be at least 1");
                    return;
                }
            }
            if (t.product() != d.maxVcpus()) {
                v.add(ViolationKind.VCPU, p, "topology " + t.sockets() + "×" + (t.dies() == null ? 1 : t.dies()) + "×"
                        + t.cores() + "×" + t.threads() + " = " + t.product() + " does not match vcpu count " + d.maxVcpus());
            }
        }
        for (int i = 0; i < c.features().size(); i++) {
            Cpu.Feature f = c.features().get(i);
            String p = Violations.indexed("/domain/cpu", "feature", i, c.features().size());
            v.required(f.name(), p, "feature name");
            if (v.required(f.policy(), p, "feature policy")) {
                v.oneOf(f.policy(), CPU_POLICIES, p, "feature policy");
            }
        }
    }

    private static void clock(Clock c, Violations v) {
        if (c == null) {
            return;
        }
        v.oneOf(c.offset(), CLOCK_OFFSETS, "/domain/clock", "clock offset");
        if (c.timezone() != null && !"timezone".equals(c.offset())) {
            v.add(ViolationKind.INCONSISTENT, "/domain/clock", "timezone is only used with offset='timezone'");
        }
        for (int i = 0; i < c.timers().size(); i++) {
            Clock.Timer t = c.timers().get(i);
            String p = Violations.indexed("/domain/clock", "timer", i, c.timers().size());
            if (v.required(t.name(), p, "timer name")) {
                v.oneOf(t.name(), TIMERS, p, "timer");
            }
            v.oneOf(t.tickpolicy(), TICK_POLICIES, p, "tick policy");
            v.oneOf(t.track(), Set.of("boot", "guest", "wall", "realtime"), p, "timer track");
            if (t.track() != null && !"rtc".equals(t.name())) {
                v.add(ViolationKind.INCONSISTENT, p, "only the rtc timer takes track");
            }
            if ((t.frequency() != null || t.mode() != null) && !"tsc".equals(t.name())) {
                v.add(ViolationKind.INCONSISTENT, p, "only the tsc timer takes frequency and mode");
            }
            v.oneOf(t.mode(), Set.of("auto", "native", "emulate", "paravirt", "smpsafe"), p, "tsc mode");
            if (t.catchup() != null && !"catchup".equals(t.tickpolicy())) {
                v.add(ViolationKind.INCONSISTENT, p, "<catchup> needs tickpolicy='catchup'");
            }
        }
    }
}
