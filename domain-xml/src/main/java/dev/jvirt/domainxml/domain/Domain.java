package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.VerbatimElement;
import java.util.List;

/**
 * A libvirt-format domain (virtual machine) definition, {@code <domain>}.
 *
 * <p>Absent optional parts are null (or empty lists). Sizes are in KiB whatever unit the text
 * used. Read one with {@link DomainXml#parse}, complete it with {@link DomainDefaults#fill},
 * check it with {@link DomainValidator#validate}, and write it with {@link DomainXml#format}.
 *
 * @param type hypervisor type: {@code kvm} or {@code qemu} (TCG)
 * @param name unique name
 * @param uuid UUID text (canonical lower-case form after defaults), or null
 * @param title short title, or null
 * @param description free text, or null
 * @param metadata children of {@code <metadata>}, kept verbatim
 * @param maxMemory {@code <maxMemory>} for memory hotplug, or null
 * @param memoryKiB {@code <memory>} in KiB (0 when absent, which validation rejects)
 * @param currentMemoryKiB {@code <currentMemory>} in KiB, or null
 * @param memoryBacking {@code <memoryBacking>}, or null
 * @param vcpu {@code <vcpu>}, or null (means one vCPU)
 * @param iothreads {@code <iothreads>} count, or null
 * @param os {@code <os>}, or null
 * @param features {@code <features>}, or null
 * @param cpu {@code <cpu>}, or null
 * @param clock {@code <clock>}, or null
 * @param onPoweroff {@code <on_poweroff>} action, or null
 * @param onReboot {@code <on_reboot>} action, or null
 * @param onCrash {@code <on_crash>} action, or null
 * @param pm {@code <pm>}, or null
 * @param devices {@code <devices>}, never null
 * @param tuning {@code <blkiotune>}, {@code <memtune>}, {@code <cputune>}, {@code <numatune>}
 *     and {@code <resource>}, or null when none is given
 * @param sysinfo {@code <sysinfo>} elements in order
 * @param seclabels {@code <seclabel>} elements in order
 * @param qemuCommandline {@code <qemu:commandline>}, or null
 * @param extensions elements libvirt's schema allows here that jvirt keeps as written without
 *     interpreting them (e.g. {@code <perf>}, {@code <keywrap>}), in order
 * @param comments XML comments before the root element (libvirt writes one into its saved files), verbatim
 */
public record Domain(
        String type,
        String name,
        String uuid,
        String title,
        String description,
        List<VerbatimElement> metadata,
        MaxMemory maxMemory,
        long memoryKiB,
        Long currentMemoryKiB,
        MemoryBacking memoryBacking,
        Vcpu vcpu,
        Integer iothreads,
        Os os,
        Features features,
        Cpu cpu,
        Clock clock,
        String onPoweroff,
        String onReboot,
        String onCrash,
        PowerManagement pm,
        Devices devices,
        Tuning tuning,
        List<Sysinfo> sysinfo,
        List<Seclabel> seclabels,
        QemuCommandline qemuCommandline,
        List<VerbatimElement> extensions,
        List<String> comments) {

    /** Normalises lists and the device set. */
    public Domain {
        metadata = metadata == null ? List.of() : List.copyOf(metadata);
        devices = devices == null ? Devices.EMPTY : devices;
        tuning = tuning == null || tuning.isEmpty() ? null : tuning;
        sysinfo = sysinfo == null ? List.of() : List.copyOf(sysinfo);
        seclabels = seclabels == null ? List.of() : List.copyOf(seclabels);
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        comments = comments == null ? List.of() : List.copyOf(comments);
    }

    /** {@code <maxMemory slots='16' unit='KiB'>}: the hotplug ceiling. */
    public record MaxMemory(long kib, Integer slots) {}

    /** Number of vCPUs at boot: {@code vcpu.current} if set, else {@code vcpu.count}, else 1. */
    public int vcpus() {
        if (vcpu == null) {
            return 1;
        }
        return vcpu.current() != null ? vcpu.current() : vcpu.count();
    }

    /** Maximum number of vCPUs: {@code vcpu.count}, else 1. */
    public int maxVcpus() {
        return vcpu == null ? 1 : vcpu.count();
    }

    /** True for {@code type='kvm'}. */
    public boolean isKvm() {
        return "kvm".equals(type);
    }

    /** True when the machine type is a Q35 one (PCIe root), false for i440fx and unknown. */
    public boolean isQ35() {
        return os != null && os.machine() != null && os.machine().contains("q35");
    }

    /** A copy with other devices. */
    public Domain withDevices(Devices d) {
        return new Domain(type, name, uuid, title, description, metadata, maxMemory, memoryKiB,
                currentMemoryKiB, memoryBacking, vcpu, iothreads, os, features, cpu, clock, onPoweroff,
                onReboot, onCrash, pm, d, tuning, sysinfo, seclabels, qemuCommandline, extensions, comments);
    }

    /** A copy with another {@code <os>} (the driver fills the firmware it chose). */
    public Domain withOs(Os o) {
        return new Domain(type, name, uuid, title, description, metadata, maxMemory, memoryKiB,
                currentMemoryKiB, memoryBacking, vcpu, iothreads, o, features, cpu, clock, onPoweroff,
                onReboot, onCrash, pm, devices, tuning, sysinfo, seclabels, qemuCommandline, extensions, comments);
    }

    /** A copy with other {@code <seclabel>}s. */
    public Domain withSeclabels(List<Seclabel> s) {
        return new Domain(type, name, uuid, title, description, metadata, maxMemory, memoryKiB,
                currentMemoryKiB, memoryBacking, vcpu, iothreads, os, features, cpu, clock, onPoweroff,
                onReboot, onCrash, pm, devices, tuning, sysinfo, s, qemuCommandline, extensions, comments);
    }

    /** A copy with another {@code <cpu>} (the nested-LXD option asks for the nesting flags). */
    public Domain withCpu(Cpu c) {
        return new Domain(type, name, uuid, title, description, metadata, maxMemory, memoryKiB,
                currentMemoryKiB, memoryBacking, vcpu, iothreads, os, features, c, clock, onPoweroff,
                onReboot, onCrash, pm, devices, tuning, sysinfo, seclabels, qemuCommandline, extensions, comments);
    }

    /** A copy with another UUID. */
    public Domain withUuid(String u) {
        return new Domain(type, name, u, title, description, metadata, maxMemory, memoryKiB,
                currentMemoryKiB, memoryBacking, vcpu, iothreads, os, features, cpu, clock, onPoweroff,
                onReboot, onCrash, pm, devices, tuning, sysinfo, seclabels, qemuCommandline, extensions, comments);
    }

    /** A copy with other {@code <memory>} and {@code <currentMemory>} (setmem, setmaxmem). */
    public Domain withMemory(long memory, Long current) {
        return new Domain(type, name, uuid, title, description, metadata, maxMemory, memory,
                current, memoryBacking, vcpu, iothreads, os, features, cpu, clock, onPoweroff,
                onReboot, onCrash, pm, devices, tuning, sysinfo, seclabels, qemuCommandline, extensions, comments);
    }

    /** A copy with another {@code <title>} and {@code <description>} (virsh desc); null for none. */
    public Domain withTitleAndDescription(String newTitle, String newDescription) {
        return new Domain(type, name, uuid, newTitle, newDescription, metadata, maxMemory, memoryKiB,
                currentMemoryKiB, memoryBacking, vcpu, iothreads, os, features, cpu, clock, onPoweroff,
                onReboot, onCrash, pm, devices, tuning, sysinfo, seclabels, qemuCommandline, extensions, comments);
    }

    /** A copy with another {@code <vcpu>} (setvcpus). */
    public Domain withVcpu(Vcpu v) {
        return new Domain(type, name, uuid, title, description, metadata, maxMemory, memoryKiB,
                currentMemoryKiB, memoryBacking, v, iothreads, os, features, cpu, clock, onPoweroff,
                onReboot, onCrash, pm, devices, tuning, sysinfo, seclabels, qemuCommandline, extensions, comments);
    }

    /** A copy with another name (domrename). */
    public Domain withName(String n) {
        return new Domain(type, n, uuid, title, description, metadata, maxMemory, memoryKiB,
                currentMemoryKiB, memoryBacking, vcpu, iothreads, os, features, cpu, clock, onPoweroff,
                onReboot, onCrash, pm, devices, tuning, sysinfo, seclabels, qemuCommandline, extensions, comments);
    }
}
