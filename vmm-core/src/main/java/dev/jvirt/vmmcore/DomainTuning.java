package dev.jvirt.vmmcore;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.vmmcore.lifecycle.DomainDefiner;
import dev.jvirt.vmmcore.lifecycle.DomainDefinitions;
import dev.jvirt.vmmcore.lifecycle.DomainEntry;
import dev.jvirt.vmmcore.lifecycle.DomainOperations;
import dev.jvirt.vmmcore.lifecycle.DomainRegistry;
import dev.jvirt.vmmcore.lifecycle.GuestThreads;
import dev.jvirt.vmmcore.lifecycle.GuestTuning;
import dev.jvirt.vmmcore.lifecycle.Operation;
import dev.jvirt.vmmcore.lifecycle.OperationLock;
import dev.jvirt.vmmcore.lifecycle.RunningGuest;
import java.time.Duration;
import java.util.List;

/**
 * Live tuning of domains and what it reads (virsh setmem, setmaxmem, vcpucount, vcpuinfo,
 * inject-nmi, screenshot, desc): part of the {@link Hypervisor} facade ({@link Hypervisor#tuning()}),
 * naming domains as the facade does. {@code live} changes the running guest, {@code config} the
 * stored definition; both null is virsh's {@code --current} (the guest while it is active, else
 * the definition).
 */
public final class DomainTuning {
    private final DomainRegistry registry;
    private final DomainOperations operations;
    private final DomainDefiner definer;
    private final DomainDefinitions xml;
    private final GuestTuning guests;
    private final GuestThreads threads;
    private final Duration busyWait;

    DomainTuning(DomainRegistry registry, DomainOperations operations, DomainDefiner definer, DomainDefinitions xml,
                 GuestTuning guests, GuestThreads threads, Duration busyWait) {
        this.registry = registry;
        this.operations = operations;
        this.definer = definer;
        this.xml = xml;
        this.guests = guests;
        this.threads = threads;
        this.busyWait = busyWait;
    }

    /**
     * Sets the domain's current memory (setmem): the balloon's target when live, {@code <currentMemory>}
     * when config; neither may exceed its {@code <memory>}.
     */
    public void setMemory(String domain, long kib, Boolean live, Boolean config) {
        positive(kib);
        DomainEntry e = registry.resolve(domain);
        boolean[] lc = liveConfig(e, live, config);
        Domain persistent = lc[1] ? persistent(e) : null;
        if (persistent != null && kib > persistent.memoryKiB()) {
            throw new InvalidArgumentException("cannot set memory higher than max memory");
        }
        if (lc[0]) {
            try (OperationLock.Held held = e.acquire(Operation.TUNE, busyWait)) {
                guests.balloon(e.name(), operations.guest(e, Operation.TUNE), kib);
            }
        }
        if (persistent != null) {
            definer.define(xml.format(persistent.withMemory(persistent.memoryKiB(), kib)), false);
        }
    }

    /**
     * Sets the domain's maximum memory (setmaxmem) in its stored definition; the current memory
     * follows it down. A running guest's maximum cannot change (libvirt's rule).
     */
    public void setMaxMemory(String domain, long kib, Boolean live, Boolean config) {
        positive(kib);
        DomainEntry e = registry.resolve(domain);
        boolean[] lc = liveConfig(e, live, config);
        if (lc[0]) {
            throw new OperationInvalidException("cannot resize the maximum memory on an active domain");
        }
        Domain d = persistent(e);
        long current = d.currentMemoryKiB() != null ? d.currentMemoryKiB() : d.memoryKiB();
        definer.define(xml.format(d.withMemory(kib, Math.min(current, kib))), false);
    }

    /**
     * The domain's title ({@code title}) or description: of the running guest's live definition
     * when {@code config} is false and it runs, else of the stored one. Null when it has none.
     */
    public String description(String domain, boolean title, boolean config) {
        DomainEntry.Snapshot s = registry.resolve(domain).snapshot();
        Domain d = !config && s.guest() != null ? s.guest().live() : s.persistent();
        if (d == null) {
            throw new OperationInvalidException("transient domains do not have any persistent config");
        }
        return title ? d.title() : d.description();
    }

    /** Sets (null or empty: removes) the domain's title or description, live and/or in its stored definition. */
    public void describe(String domain, boolean title, String text, Boolean live, Boolean config) {
        String value = text == null || text.isEmpty() ? null : text;
        if (title && value != null && value.contains("\n")) {
            throw new InvalidArgumentException("the title must be a single line");
        }
        DomainEntry e = registry.resolve(domain);
        boolean[] lc = liveConfig(e, live, config);
        Domain persistent = lc[1] ? persistent(e) : null;
        if (lc[0]) {
            try (OperationLock.Held held = e.acquire(Operation.TUNE, busyWait)) {
                guests.describe(e.name(), operations.guest(e, Operation.TUNE), title, value);
            }
        }
        if (persistent != null) {
            definer.define(xml.format(title ? persistent.withTitleAndDescription(value, persistent.description())
                    : persistent.withTitleAndDescription(persistent.title(), value)), false);
        }
    }

    /**
     * Sets the domain's vCPU count (setvcpus): live by hotplug, config as {@code <vcpu current>};
     * with {@code maximum} the stored definition's maximum ({@code <vcpu>}), which a running guest cannot change.
     */
    public void setVcpus(String domain, int count, boolean maximum, Boolean live, Boolean config) {
        if (count < 1) {
            throw new InvalidArgumentException("a domain needs at least 1 vCPU");
        }
        DomainEntry e = registry.resolve(domain);
        boolean[] lc = liveConfig(e, live, config);
        if (maximum && lc[0]) {
            throw new OperationInvalidException("maximum vcpu count of a live domain can't be modified");
        }
        Domain persistent = lc[1] ? persistent(e) : null;
        if (persistent != null && !maximum && count > persistent.maxVcpus()) {
            throw new InvalidArgumentException("requested vcpus is greater than max allowable vcpus for the persistent "
                    + "domain: " + count + " > " + persistent.maxVcpus());
        }
        if (lc[0]) {
            try (OperationLock.Held held = e.acquire(Operation.TUNE, busyWait)) {
                guests.setVcpus(e.name(), operations.guest(e, Operation.TUNE), count);
            }
        }
        if (persistent != null) {
            dev.jvirt.domainxml.domain.Vcpu v = persistent.vcpu();
            int max = maximum ? count : persistent.maxVcpus();
            int current = maximum ? Math.min(persistent.vcpus(), count) : count;
            definer.define(xml.format(persistent.withVcpu(new dev.jvirt.domainxml.domain.Vcpu(max,
                    current == max ? null : current, v == null ? null : v.placement(), v == null ? null : v.cpuset()))), false);
        }
    }

    /**
     * Renames a shut-off persistent domain (domrename): its definition is stored under the new name
     * with the same UUID (and autostart), the old one removed; a failure puts the old one back.
     * Not atomic towards other clients: between the two steps the domain is briefly undefined.
     */
    public void rename(String domain, String newName) {
        DomainEntry e = registry.resolve(domain);
        Domain d = e.persistent();
        if (d == null) {
            throw new OperationInvalidException("cannot rename a transient domain");
        }
        if (e.snapshot().status().isActive()) {
            throw new OperationInvalidException("cannot rename active domain");
        }
        if (newName.equals(e.name())) {
            throw new OperationInvalidException("Can't rename domain to itself");
        }
        registry.find(newName).filter(DomainEntry::isPersistent).ifPresent(other -> {
            throw new DomainConflictException("domain '" + newName + "' already exists with uuid " + other.persistent().uuid());
        });
        boolean autostart = e.autostart();
        String oldXml = xml.format(d);
        String newXml = xml.format(d.withName(newName));
        definer.undefine(e);
        try {
            definer.define(newXml, true);
        } catch (RuntimeException failed) {
            definer.define(oldXml, false);
            if (autostart) {
                definer.setAutostart(registry.resolve(d.name()), true);
            }
            throw failed;
        }
        if (autostart) {
            definer.setAutostart(registry.resolve(newName), true);
        }
    }

    /** The domain's vCPU counts, stored and (while it runs) live. */
    public VcpuCount vcpuCount(String domain) {
        DomainEntry.Snapshot s = registry.resolve(domain).snapshot();
        Domain config = s.persistent();
        RunningGuest g = s.guest();
        return new VcpuCount(config == null ? null : config.maxVcpus(), config == null ? null : config.vcpus(),
                g == null ? null : g.live().maxVcpus(), g == null ? null : g.live().vcpus());
    }

    /** The running domain's vCPUs as QEMU runs them. */
    public List<VcpuInfo> vcpus(String domain) {
        DomainEntry e = registry.resolve(domain);
        return threads.vcpus(e.name(), operations.guest(e, Operation.QUERY_GUEST));
    }

    /** The running domain's graphical displays (VNC, SPICE) as QEMU serves them. */
    public List<DisplayInfo> displays(String domain) {
        DomainEntry e = registry.resolve(domain);
        return guests.displays(e.name(), operations.guest(e, Operation.QUERY_GUEST));
    }

    /** Pins vCPU {@code vcpu} of the running domain to host CPUs {@code cpus} (vcpupin; live only). */
    public void pinVcpu(String domain, int vcpu, List<Integer> cpus, Boolean live, Boolean config) {
        DomainEntry e = registry.resolve(domain);
        boolean[] lc = pinScope(e, cpus, live, config, "vcpupin");
        if (lc[0]) {
            try (OperationLock.Held held = e.acquire(Operation.TUNE, busyWait)) {
                threads.pinVcpu(e.name(), operations.guest(e, Operation.TUNE), vcpu, cpus);
            }
        }
    }

    /** The host CPUs the running domain's emulator threads may run on (emulatorpin). */
    public List<Integer> emulatorAffinity(String domain) {
        DomainEntry e = registry.resolve(domain);
        return threads.emulatorAffinity(e.name(), operations.guest(e, Operation.QUERY_GUEST));
    }

    /** Pins the running domain's emulator threads (all but its vCPUs') to host CPUs {@code cpus} (emulatorpin; live only). */
    public void pinEmulator(String domain, List<Integer> cpus, Boolean live, Boolean config) {
        DomainEntry e = registry.resolve(domain);
        boolean[] lc = pinScope(e, cpus, live, config, "emulatorpin");
        if (lc[0]) {
            try (OperationLock.Held held = e.acquire(Operation.TUNE, busyWait)) {
                threads.pinEmulator(e.name(), operations.guest(e, Operation.TUNE), cpus);
            }
        }
    }

    private static boolean[] pinScope(DomainEntry e, List<Integer> cpus, Boolean live, Boolean config, String command) {
        if (cpus.isEmpty()) {
            throw new InvalidArgumentException("the CPU list is empty");
        }
        boolean[] lc = liveConfig(e, live, config);
        if (lc[1]) {
            throw new InvalidArgumentException(command + " of the stored definition (<cputune>) is not supported by jvirt; "
                    + "pin the running guest (--live) or edit the <cputune> of the definition");
        }
        return lc;
    }

    /** Presses keys (QEMU qcodes or qnum numbers) together on the running domain's keyboard (send-key). */
    public void sendKey(String domain, List<String> keys, int holdMillis) {
        if (keys.isEmpty() || keys.size() > 16) {
            throw new InvalidArgumentException("send-key takes 1 to 16 keys, not " + keys.size());
        }
        DomainEntry e = registry.resolve(domain);
        guests.sendKey(e.name(), operations.guest(e, Operation.TUNE), keys, holdMillis);
    }

    /**
     * The domain's I/O threads: of the running guest as QEMU runs them, else the stored
     * definition's {@code <iothreads>} (on every host CPU, as nothing pins them).
     */
    public List<IothreadInfo> iothreads(String domain, List<Integer> hostCpus) {
        DomainEntry e = registry.resolve(domain);
        DomainEntry.Snapshot s = e.snapshot();
        if (s.guest() != null) {
            return threads.iothreads(e.name(), s.guest());
        }
        Domain d = persistent(e);
        List<IothreadInfo> out = new java.util.ArrayList<>();
        for (int i = 1; d.iothreads() != null && i <= d.iothreads(); i++) {
            out.add(new IothreadInfo(i, hostCpus));
        }
        return out;
    }

    /** Resizes the image of the running domain's disk (target or source path) to {@code bytes}; answers its target. */
    public String blockResize(String domain, String disk, long bytes) {
        if (bytes <= 0) {
            throw new InvalidArgumentException("the new size must be more than 0 bytes");
        }
        DomainEntry e = registry.resolve(domain);
        try (OperationLock.Held held = e.acquire(Operation.TUNE, busyWait)) {
            return guests.blockResize(e.name(), operations.guest(e, Operation.TUNE), disk, bytes);
        }
    }

    /**
     * Ejects ({@code file} null) or inserts the medium of the running domain's CD-ROM drive (change-media,
     * live only); answers whether it had one before.
     */
    public boolean changeMedia(String domain, String target, String file, boolean force) {
        DomainEntry e = registry.resolve(domain);
        try (OperationLock.Held held = e.acquire(Operation.TUNE, busyWait)) {
            return guests.changeMedia(e.name(), operations.guest(e, Operation.TUNE), target, file, force);
        }
    }

    /** Injects a non-maskable interrupt into the running domain (inject-nmi). */
    public void injectNmi(String domain) {
        DomainEntry e = registry.resolve(domain);
        guests.injectNmi(e.name(), operations.guest(e, Operation.TUNE));
    }

    /** The running domain's display {@code screen} as a PPM image (screenshot). */
    public byte[] screenshot(String domain, int screen) {
        DomainEntry e = registry.resolve(domain);
        return guests.screenshot(e.name(), operations.guest(e, Operation.QUERY_GUEST), screen);
    }

    private static Domain persistent(DomainEntry e) {
        Domain d = e.persistent();
        if (d == null) {
            throw new OperationInvalidException("transient domains do not have any persistent config");
        }
        return d;
    }

    private static void positive(long kib) {
        if (kib <= 0) {
            throw new InvalidArgumentException("the memory size must be more than 0 KiB");
        }
    }

    /** virsh's --current when neither is given: the guest while it is active, else the stored definition. */
    private static boolean[] liveConfig(DomainEntry e, Boolean live, Boolean config) {
        if (live == null && config == null) {
            boolean active = e.snapshot().status().isActive();
            return new boolean[] {active, !active};
        }
        boolean l = Boolean.TRUE.equals(live);
        boolean c = Boolean.TRUE.equals(config);
        if (l && !e.snapshot().status().isActive()) {
            throw new OperationInvalidException("domain is not running");
        }
        return new boolean[] {l, c};
    }
}
