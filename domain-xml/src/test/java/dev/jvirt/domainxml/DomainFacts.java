package dev.jvirt.domainxml;

import dev.jvirt.domainxml.domain.Disk;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.NetInterface;
import dev.jvirt.testimages.Differential;
import java.util.List;
import java.util.Objects;

/**
 * The differential harness's facts of a domain: jvirt's canonical form against libvirt's
 * {@code virsh dumpxml} read back by jvirt, on what matters (memory, vCPUs, UUID, OS boot,
 * lifecycle, disks, interfaces, every device kind the definition names, and {@link PlatformFacts}'
 * platform features). One place, used by domain-xml's corpus differential
 * ({@code LibvirtDifferentialIT}) and by virsh-compat's import test (domain-xml's test-jar), tallied
 * by test-images' {@link Differential} (the harness: each disagreement is "LABEL: WHAT: jvirt X,
 * libvirt Y"); {@link #count()} counts this subject's facts.
 */
public final class DomainFacts {

    private final String file;
    private final Differential diff;
    private int count;

    /** Facts about {@code file} (a file, a domain), tallied in {@code diff}. */
    public DomainFacts(String file, Differential diff) {
        this.file = file;
        this.diff = diff;
    }

    /** One fact: equal on both sides. */
    public void eq(String what, Object jvirt, Object libvirt) {
        count++;
        diff.fact(file, what, jvirt, libvirt);
    }

    void atLeast(String what, int jvirt, int libvirt) {
        count++;
        diff.check(file, what, libvirt >= jvirt, "jvirt has " + jvirt + ", libvirt only " + libvirt);
    }

    public int count() {
        return count;
    }

    /** Compares jvirt's canonical form {@code j} and libvirt's {@code l} of the definition {@code given}. */
    public void compare(Domain given, Domain j, Domain l) {
        DomainFacts f = this;
        PlatformFacts.compare(given, j, l, this::eq);
        f.eq("memory KiB", j.memoryKiB(), l.memoryKiB());
        f.eq("currentMemory KiB", j.currentMemoryKiB(), l.currentMemoryKiB());
        f.eq("maxMemory", j.maxMemory(), l.maxMemory());
        f.eq("vcpus", j.vcpu().count(), l.vcpu().count());
        f.eq("current vcpus", j.vcpu().current(), l.vcpu().current());
        if (given.uuid() != null) {
            f.eq("uuid", j.uuid(), l.uuid());
        }
        f.eq("type", j.type(), l.type());
        f.eq("arch", j.os().arch(), l.os().arch());
        f.eq("boot devices", j.os().bootDevices(), l.os().bootDevices());
        f.eq("kernel", j.os().kernel(), l.os().kernel());
        f.eq("initrd", j.os().initrd(), l.os().initrd());
        f.eq("cmdline", j.os().cmdline(), l.os().cmdline());
        f.eq("on_poweroff", j.onPoweroff(), l.onPoweroff());
        f.eq("on_reboot", j.onReboot(), l.onReboot());
        f.eq("on_crash", j.onCrash(), l.onCrash());
        f.eq("number of disks", j.devices().disks().size(), l.devices().disks().size());
        for (int i = 0; i < Math.min(j.devices().disks().size(), l.devices().disks().size()); i++) {
            Disk a = j.devices().disks().get(i);
            Disk b = l.devices().disks().get(i);
            String d = "disk " + a.target().dev();
            f.eq(d + " target", a.target().dev(), b.target().dev());
            f.eq(d + " bus", a.target().bus(), b.target().bus());
            f.eq(d + " device", a.deviceOrDefault(), b.deviceOrDefault());
            f.eq(d + " source", a.source(), b.source());
            f.eq(d + " readonly", a.readonly(), b.readonly());
            f.eq(d + " boot order", a.bootOrder(), b.bootOrder());
            if (!"volume".equals(a.type())) {
                f.eq(d + " format", a.driver().type(), b.driver() == null ? null : b.driver().type());
            }
            if (a.address() instanceof dev.jvirt.domainxml.domain.Address.Drive) {
                f.eq(d + " drive address", a.address(), b.address());
            }
        }
        f.eq("number of interfaces", j.devices().interfaces().size(), l.devices().interfaces().size());
        for (int i = 0; i < Math.min(j.devices().interfaces().size(), l.devices().interfaces().size()); i++) {
            NetInterface a = j.devices().interfaces().get(i);
            NetInterface b = l.devices().interfaces().get(i);
            String n = "interface " + (i + 1);
            f.eq(n + " type", a.type(), b.type());
            f.eq(n + " model", a.model(), b.model());
            f.eq(n + " source", List.of(String.valueOf(a.sourceNetwork()), String.valueOf(a.sourceBridge()), String.valueOf(a.sourceDev())),
                    List.of(String.valueOf(b.sourceNetwork()), String.valueOf(b.sourceBridge()), String.valueOf(b.sourceDev())));
            f.eq(n + " boot order", a.bootOrder(), b.bootOrder());
            String givenMac = given.devices().interfaces().get(i).mac();
            if (givenMac != null) {
                f.eq(n + " MAC", givenMac.toLowerCase(java.util.Locale.ROOT), b.mac());
            }
        }
        var gd = given.devices();
        var ld = l.devices();
        f.atLeast("filesystems", gd.filesystems().size(), ld.filesystems().size());
        f.atLeast("serials", gd.serials().size(), ld.serials().size());
        f.atLeast("consoles", gd.consoles().size(), ld.consoles().size());
        f.atLeast("channels", gd.channels().size(), ld.channels().size());
        f.atLeast("inputs", gd.inputs().size(), ld.inputs().size());
        f.atLeast("graphics", gd.graphics().size(), ld.graphics().size());
        f.atLeast("sounds", gd.sounds().size(), ld.sounds().size());
        f.atLeast("videos", gd.videos().size(), ld.videos().size());
        f.atLeast("watchdogs", gd.watchdogs().size(), ld.watchdogs().size());
        f.atLeast("rngs", gd.rngs().size(), ld.rngs().size());
        f.atLeast("panics", gd.panics().size(), ld.panics().size());
        f.atLeast("controllers", gd.controllers().size(), ld.controllers().size());
        f.eq("serials after defaults", j.devices().serials().size(), ld.serials().size());
        f.eq("memballoon", j.devices().memballoon().model(), ld.memballoon() == null ? null : ld.memballoon().model());
        for (var c : j.devices().controllers()) {
            f.count++;
            diff.check(file, "controller " + c.type() + " " + c.indexOrZero(),
                    ld.controllers().stream().anyMatch(x -> Objects.equals(x.type(), c.type()) && x.indexOrZero() == c.indexOrZero()),
                    "jvirt adds it, libvirt does not");
        }
    }
}
