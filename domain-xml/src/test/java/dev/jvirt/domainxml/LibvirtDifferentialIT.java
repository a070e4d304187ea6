package dev.jvirt.domainxml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.domainxml.domain.Disk;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainDefaults;
import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.domainxml.domain.NetInterface;
import dev.jvirt.testimages.HostPackages;
import dev.jvirt.testimages.PrivateLibvirt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Differential test against libvirt: every domain in the corpus is defined in a private libvirt
 * session daemon, read back with {@code virsh dumpxml}, and compared with jvirt's canonical form
 * (defaults filled) on the facts that matter: memory, vCPUs, UUID, OS boot, lifecycle, disks
 * (target, bus, device, source, format, read-only), interfaces (type, source, model, given
 * MACs), and presence of every device kind written in the file. jvirt must also parse
 * libvirt's output and round-trip it.
 *
 * <p>Where this libvirt may not run KVM guests (its daemon runs as {@code nobody}, and
 * {@code /dev/kvm} is 0600 root on some machines, open on others), it refuses every
 * {@code type='kvm'} definition. Those are then given to both sides as {@code type='qemu'}
 * (the accelerator is the only thing changed), and that jvirt keeps the written {@code kvm}
 * is compared on its own, so the figure is the same on either kind of machine.
 */
class LibvirtDifferentialIT {
    /** Files libvirt may refuse here for reasons outside the definition, with the reason. */
    private static final Map<String, String> MAY_BE_REFUSED = Map.of(
            "virtiofs-share.xml", "libvirt 9.0 does not support virtiofs in session mode, which this test uses to stay private",
            "fedora37-virtiofs.virt-install.xml", "libvirt 9.0 does not support virtiofs in session mode, which this test uses to stay private");

    @Test
    void jvirtAndLibvirtAgreeOnTheCorpus() throws Exception {
        // ./test installs libvirt (scripts/install-deps): a missing one is a broken setup, not a skip
        HostPackages.command("virsh", "libvirt-clients");
        HostPackages.file("/usr/sbin/libvirtd", "libvirt-daemon");
        List<String> problems = new ArrayList<>();
        int defined = 0;
        int facts = 0;
        int retyped = 0;
        boolean kvm;
        // the hand-written corpus and the one recorded with virt-install and libvirt (corpus/realworld)
        List<Path> files = new ArrayList<>(Corpus.DOMAIN.files());
        files.addAll(Corpus.REALWORLD.files());
        try (PrivateLibvirt lv = PrivateLibvirt.start()) {
            kvm = lv.offersKvm();
            for (Path f : files) {
                String file = f.getFileName().toString();
                String written = Corpus.read(f);
                Domain asWritten = DomainXml.parse(written, file);
                String xml = written;
                boolean retype = !kvm && "kvm".equals(asWritten.type());
                if (retype) {
                    xml = asTcg(written, file);
                    retyped++;
                }
                Domain given = DomainXml.parse(xml, file);
                Domain jvirt = DomainDefaults.fill(given, Corpus.seeded(f));
                PrivateLibvirt.Result def = lv.virsh("define", lv.writeXml(file, xml).toString());
                if (def.exit() != 0) {
                    if (!MAY_BE_REFUSED.containsKey(file)) {
                        problems.add(file + ": libvirt refused it: " + def.err().strip());
                    }
                    continue;
                }
                defined++;
                PrivateLibvirt.Result dump = lv.virsh("dumpxml", given.name());
                lv.virsh("undefine", given.name(), "--nvram");
                if (dump.exit() != 0) {
                    problems.add(file + ": dumpxml failed: " + dump.err().strip());
                    continue;
                }
                Domain libvirt;
                try {
                    libvirt = DomainXml.parse(dump.out(), file + " (virsh dumpxml)");
                    assertThat(DomainXml.parse(DomainXml.format(libvirt), null)).isEqualTo(libvirt);
                } catch (DefinitionException e) {
                    problems.add("jvirt cannot read libvirt's dumpxml: " + e.getMessage());
                    continue;
                }
                Facts cmp = new Facts(file, problems);
                compare(given, jvirt, libvirt, cmp);
                PlatformFacts.compare(given, jvirt, libvirt, cmp::eq);
                if (retype) {
                    cmp.eq("accelerator as written (jvirt's canonical form)",
                            DomainDefaults.fill(asWritten, Corpus.seeded(f)).type(), "kvm");
                    cmp.eq("accelerator libvirt was given", libvirt.type(), "qemu");
                }
                facts += cmp.count;
            }
        }
        System.out.printf("libvirt differential: %d of %d corpus domains defined, %d facts compared, %d disagreements%n",
                defined, files.size(), facts, problems.size());
        System.out.println(kvm
                ? "  (libvirt here may run KVM guests: type='kvm' definitions compared as written)"
                : "  (libvirt here may not run KVM guests, /dev/kvm closed to its user: " + retyped
                        + " type='kvm' definitions compared as type='qemu', the written accelerator compared separately)");
        problems.forEach(p -> System.out.println("  " + p));
        assertThat(problems).isEmpty();
        assertThat(defined).isGreaterThanOrEqualTo(files.size() - MAY_BE_REFUSED.size());
    }

    private static final Pattern ROOT_TYPE_KVM = Pattern.compile("(<domain\\b[^>]*?\\btype\\s*=\\s*)(['\"])kvm\\2");

    /** The same definition with only the root element's {@code type='kvm'} made {@code 'qemu'}. */
    static String asTcg(String xml, String file) {
        Matcher m = ROOT_TYPE_KVM.matcher(xml);
        if (!m.find()) {
            throw new IllegalStateException(file + ": no <domain type='kvm'> start tag to rewrite");
        }
        return xml.substring(0, m.start()) + m.group(1) + m.group(2) + "qemu" + m.group(2) + xml.substring(m.end());
    }

    /** Counts and records comparisons. */
    private static final class Facts {
        final String file;
        final List<String> problems;
        int count;

        Facts(String file, List<String> problems) {
            this.file = file;
            this.problems = problems;
        }

        void eq(String what, Object jvirt, Object libvirt) {
            count++;
            if (!Objects.equals(jvirt, libvirt)) {
                problems.add(file + ": " + what + ": jvirt " + jvirt + ", libvirt " + libvirt);
            }
        }

        void atLeast(String what, int jvirt, int libvirt) {
            count++;
            if (libvirt < jvirt) {
                problems.add(file + ": " + what + ": jvirt has " + jvirt + ", libvirt only " + libvirt);
            }
        }
    }

    private static void compare(Domain given, Domain j, Domain l, Facts f) {
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
            if (ld.controllers().stream().noneMatch(x -> Objects.equals(x.type(), c.type()) && x.indexOrZero() == c.indexOrZero())) {
                f.problems.add(f.file + ": jvirt adds controller " + c.type() + " " + c.indexOrZero() + " that libvirt does not");
            }
        }
    }
}
