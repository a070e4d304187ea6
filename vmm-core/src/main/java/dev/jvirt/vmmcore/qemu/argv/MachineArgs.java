package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.Features;
import dev.jvirt.domainxml.domain.Filesystem;
import dev.jvirt.domainxml.domain.MemoryBacking;
import dev.jvirt.domainxml.domain.PowerManagement;
import java.util.ArrayList;
import java.util.List;

/** {@code -machine}, {@code -accel} and {@code -m} with its memory backend. */
final class MachineArgs {

    static final String RAM_ID = "pc.ram";

    private MachineArgs() {}

    /** {@code -machine TYPE,usb=off,...}; {@code firmware} adds pflash0/pflash1 when UEFI uses them. */
    static String machine(BuildContext ctx, Firmware firmware) {
        Features f = ctx.def.features();
        QemuOpts o = QemuOpts.of(ctx.machine).onOff("usb", false);
        if (f != null && f.vmport() != null) {
            o.onOff("vmport", f.vmport());
        }
        Boolean smm = f == null ? null : f.smm();
        if (firmware.secure()) {
            if (Boolean.FALSE.equals(smm)) {
                throw new CommandLineException("<loader secure='yes'>", "needs SMM; remove <smm state='off'/>");
            }
            smm = true;
        }
        if (smm != null) {
            o.onOff("smm", smm);
        }
        o.onOff("dump-guest-core", false);
        MemoryBacking mb = ctx.def.memoryBacking();
        if (mb != null && mb.nosharepages()) {
            o.onOff("mem-merge", false);
        }
        if (!NumaArgs.present(ctx.def)) {
            o.add("memory-backend", RAM_ID); // with guest NUMA, each cell has its own (NumaArgs)
        }
        if (firmware.pflash()) {
            o.add("pflash0", Firmware.CODE_FORMAT);
            if (firmware.nvram()) {
                o.add("pflash1", Firmware.VARS_FORMAT);
            }
        }
        if (ctx.def.clock() != null && ctx.def.clock().timers().stream()
                .anyMatch(t -> "hpet".equals(t.name()) && Boolean.FALSE.equals(t.present()))) {
            o.onOff("hpet", false);
        }
        if (f == null || !f.acpi()) {
            o.onOff("acpi", false);
        }
        return o.build();
    }

    /** {@code -accel}: {@code kvm} for {@code type='kvm'} (only where KVM can run guests), else {@code tcg}. */
    static String accel(BuildContext ctx) {
        String type = ctx.def.type();
        if ("qemu".equals(type)) {
            return "tcg";
        }
        if (!"kvm".equals(type)) {
            throw new CommandLineException("<domain type='" + type + "'>", "is not supported; use kvm or qemu");
        }
        if (!ctx.caps.kvm().usable()) {
            throw new CommandLineException("<domain type='kvm'>",
                    "KVM cannot run guests on this host (" + ctx.caps.kvm().reason() + "); use <domain type='qemu'> for TCG");
        }
        return "kvm";
    }

    /** {@code -m} in MiB (KiB rounded up), or {@code size=,slots=,maxmem=} for memory hotplug. */
    static String memory(Domain def) {
        if (def.memoryKiB() <= 0) {
            throw new CommandLineException("<memory>", "is missing or zero");
        }
        long mib = mib(def.memoryKiB());
        if (def.maxMemory() == null) {
            return Long.toString(mib);
        }
        QemuOpts o = QemuOpts.ofPair("size", mib * 1024 + "k");
        if (def.maxMemory().slots() != null) {
            o.add("slots", def.maxMemory().slots());
        }
        return o.add("maxmem", def.maxMemory().kib() + "k").build();
    }

    /**
     * The RAM backend object. Shared memory (virtiofs needs it) comes from
     * {@code <memoryBacking><access mode='shared'/>} or is chosen automatically when a virtiofs
     * filesystem is present; then RAM is a memfd.
     */
    static ObjectNode memoryBackend(Domain def) {
        MemoryBacking mb = def.memoryBacking();
        boolean virtiofs = def.devices().filesystems().stream().anyMatch(Filesystem::isVirtiofs);
        String source = mb == null || mb.sourceType() == null ? "anonymous" : mb.sourceType();
        boolean hugepages = mb != null && mb.hugepages();
        boolean shared = virtiofs || (mb != null && "shared".equals(mb.accessMode()));
        if ("file".equals(source)) {
            throw new CommandLineException("<memoryBacking><source type='file'>", "is not supported; use memfd");
        }
        if (virtiofs && mb != null && "private".equals(mb.accessMode())) {
            throw new CommandLineException("<filesystem> virtiofs", "needs shared memory, but <memoryBacking> says <access mode='private'/>");
        }
        boolean memfd = "memfd".equals(source) || shared || hugepages;
        ObjectNode o = Json.object();
        o.put("qom-type", memfd ? "memory-backend-memfd" : "memory-backend-ram");
        o.put("id", RAM_ID);
        if (hugepages) {
            o.put("hugetlb", true);
        }
        if (shared) {
            o.put("share", true);
        }
        if (mb != null && "immediate".equals(mb.allocationMode())) {
            o.put("prealloc", true);
        }
        o.put("size", mib(def.memoryKiB()) * 1024 * 1024);
        return o;
    }

    /** {@code -overcommit mem-lock=on|off}. */
    static String overcommit(Domain def) {
        return QemuOpts.ofPair("mem-lock", def.memoryBacking() != null && def.memoryBacking().locked() ? "on" : "off").build();
    }

    /** One {@code iothread} object per {@code <iothreads>}: {@code iothread1}, {@code iothread2}, ... */
    static List<String> iothreads(Domain def) {
        List<String> out = new ArrayList<>();
        for (int i = 1; def.iothreads() != null && i <= def.iothreads(); i++) {
            ObjectNode io = Json.object();
            io.put("qom-type", "iothread");
            io.put("id", "iothread" + i);
            out.add("-object");
            out.add(Json.text(io));
        }
        return out;
    }

    /** {@code <pm>}: S3/S4 switched on or off on the chipset's power-management device. */
    static List<String> powerManagement(BuildContext ctx) {
        PowerManagement pm = ctx.def.pm();
        List<String> out = new ArrayList<>();
        if (pm == null) {
            return out;
        }
        String lpc = ctx.q35 ? "ICH9-LPC" : "PIIX4_PM";
        if (pm.suspendToMem() != null) {
            out.add("-global");
            out.add(lpc + ".disable_s3=" + (pm.suspendToMem() ? 0 : 1));
        }
        if (pm.suspendToDisk() != null) {
            out.add("-global");
            out.add(lpc + ".disable_s4=" + (pm.suspendToDisk() ? 0 : 1));
        }
        return out;
    }

    static List<String> name(Domain def) {
        return List.of("-name", QemuOpts.ofPair("guest", def.name()).onOff("debug-threads", true).build());
    }

    private static long mib(long kib) {
        return (kib + 1023) / 1024;
    }
}
