package dev.jvirt.vmmcore;

import dev.jvirt.domainxml.domain.Disk;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.domainxml.domain.NetInterface;
import dev.jvirt.vmmcore.lifecycle.DiskHotplug;
import dev.jvirt.vmmcore.lifecycle.DomainDefiner;
import dev.jvirt.vmmcore.lifecycle.DomainDefinitions;
import dev.jvirt.vmmcore.lifecycle.DomainEntry;
import dev.jvirt.vmmcore.lifecycle.DomainOperations;
import dev.jvirt.vmmcore.lifecycle.DomainRegistry;
import dev.jvirt.vmmcore.lifecycle.NicHotplug;
import dev.jvirt.vmmcore.lifecycle.Operation;
import dev.jvirt.vmmcore.lifecycle.OperationLock;
import dev.jvirt.vmmcore.lifecycle.RunningGuest;
import java.time.Duration;
import java.util.List;

/**
 * The devices of domains, changed while they run or in their stored definitions (virsh
 * attach-disk, detach-disk, attach-device, detach-device, attach-interface): part of the
 * {@link Hypervisor} facade ({@link Hypervisor#devices()}), with its rules for naming a domain.
 */
public final class DomainDevices {
    private final DomainRegistry registry;
    private final DomainOperations operations;
    private final DomainDefiner definer;
    private final DomainDefinitions xml;
    private final DiskHotplug disks;
    private final NicHotplug nics;
    private final Duration busyWait;

    DomainDevices(DomainRegistry registry, DomainOperations operations, DomainDefiner definer, DomainDefinitions xml,
                  DiskHotplug disks, NicHotplug nics, Duration busyWait) {
        this.registry = registry;
        this.operations = operations;
        this.definer = definer;
        this.xml = xml;
        this.disks = disks;
        this.nics = nics;
        this.busyWait = busyWait;
    }

    /**
     * Adds a {@code <disk>} (its XML) to the domain: hot-plugged into the running guest when
     * {@code live}, and to the stored definition when {@code config} (which a shut-off domain
     * needs). A volume disk is resolved as at start.
     *
     * @throws InvalidArgumentException a bad disk, a target the domain has, neither live nor config
     * @throws InvalidStateException    live on a domain that is not running or paused
     */
    public void attachDisk(String domain, String diskXml, boolean live, boolean config) {
        Disk disk = DomainXml.parseDisk(diskXml, "the device");
        DomainEntry e = registry.resolve(domain);
        requireLiveOrConfig(e, live, config);
        Domain persistent = config ? DiskHotplug.withDisk(e.persistent(), disk) : null;
        if (live) {
            disks.attach(e, disk);
        }
        if (persistent != null) {
            definer.define(xml.format(persistent), false);
        }
    }

    /**
     * Removes the disk of target {@code target} (or of the {@code <disk>} XML's target): unplugged
     * from the running guest when {@code live} — answers false when the guest has not let go of it
     * within 20 s (the request stands) — and from the stored definition when {@code config}.
     */
    public boolean detachDisk(String domain, String targetOrXml, boolean live, boolean config) {
        String target = targetOrXml.strip().startsWith("<")
                ? targetOf(DomainXml.parseDisk(targetOrXml, "the device")) : targetOrXml;
        DomainEntry e = registry.resolve(domain);
        requireLiveOrConfig(e, live, config);
        Domain persistent = config ? DiskHotplug.withoutDisk(e.persistent(), target) : null;
        boolean done = true;
        if (live) {
            done = disks.detach(e, target);
        }
        if (persistent != null) {
            definer.define(xml.format(persistent), false);
        }
        return done;
    }

    /**
     * Adds a NIC (virsh attach-interface): hot-plugged into the running domain when {@code live} (its
     * MAC and PCI address filled in as a define would, its TAP from the network backend,
     * {@code netdev_add} and {@code device_add}), and added to the stored definition when
     * {@code config} (with the MAC the live one got). Answers the NIC as the live definition has it
     * (MAC, TAP), or as the stored one has it without {@code live}.
     */
    public NetInterface attachInterface(String domain, NetInterface nic, boolean live, boolean config) {
        DomainEntry e = registry.resolve(domain);
        requireLiveOrConfig(e, live, config);
        NetInterface attached = nic;
        if (live) {
            try (OperationLock.Held held = e.acquire(Operation.ATTACH_DEVICE, busyWait)) {
                attached = nics.attach(e.name(), operations.guest(e, Operation.ATTACH_DEVICE), nic);
            }
        }
        if (config) {
            NetInterface stored = live ? attached.withTargetDev(null) : nic;
            Domain defined = definer.define(xml.format(NicHotplug.withNic(e.persistent(), stored)), false).entry().persistent();
            if (!live) {
                List<NetInterface> all = defined.devices().interfaces();
                attached = all.get(all.size() - 1);
            }
        }
        return attached;
    }

    /**
     * Removes the NIC of {@code type} with {@code mac} (null: the domain's only one of that type;
     * virsh's words when there is none or several): unplugged from the running guest when
     * {@code live} — false when it has not let go within 20 s — and from the stored definition when
     * {@code config}.
     */
    public boolean detachInterface(String domain, String type, String mac, boolean live, boolean config) {
        DomainEntry e = registry.resolve(domain);
        requireLiveOrConfig(e, live, config);
        Domain persistent = null;
        if (config) {
            int i = NicHotplug.find(e.persistent().devices().interfaces(), type, mac);
            persistent = NicHotplug.withoutNic(e.persistent(), i);
        }
        boolean done = true;
        if (live) {
            try (OperationLock.Held held = e.acquire(Operation.DETACH_DEVICE, busyWait)) {
                RunningGuest g = operations.guest(e, Operation.DETACH_DEVICE);
                done = nics.detach(e.name(), g, NicHotplug.find(g.live().devices().interfaces(), type, mac),
                        java.time.Duration.ofSeconds(20));
            }
        }
        if (persistent != null) {
            definer.define(xml.format(persistent), false);
        }
        return done;
    }

    private static String targetOf(Disk d) {
        if (d.target() == null || d.target().dev() == null) {
            throw new InvalidArgumentException("the disk has no <target dev>");
        }
        return d.target().dev();
    }

    private static void requireLiveOrConfig(DomainEntry e, boolean live, boolean config) {
        if (!live && !config) {
            throw new InvalidArgumentException("neither --live nor --config: nothing to change");
        }
        if (config && e.persistent() == null) {
            throw new InvalidArgumentException("cannot change the persistent configuration of transient domain '" + e.name() + "'");
        }
    }
}
