package dev.jvirt.domainxml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainDefaults;
import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.testimages.Differential;
import dev.jvirt.testimages.HostPackages;
import dev.jvirt.testimages.PrivateLibvirt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Differential test against libvirt: every domain in the corpus is defined in a private libvirt
 * session daemon, read back with {@code virsh dumpxml}, and compared with jvirt's canonical form
 * (defaults filled) on the facts that matter: memory, vCPUs, UUID, OS boot, lifecycle, disks
 * (target, bus, device, source, format, read-only), interfaces (type, source, model, given
 * MACs), and presence of every device kind written in the file. jvirt must also parse
 * libvirt's output and round-trip it. Tallied by the harness ({@link Differential}): every file is
 * a subject, {@code N agree, M differ} counts facts, and the files with no difference are counted too.
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
            "fedora37-virtiofs.virt-install.xml", "libvirt 9.0 does not support virtiofs in session mode, which this test uses to stay private",
            "nic-passt.xml", "libvirt 9.0.0 refuses <backend type='passt'> (\"Invalid value for attribute 'type' in element"
                    + " 'backend'\", libvirt issue #462, fixed after 9.0)");

    @Test
    void jvirtAndLibvirtAgreeOnTheCorpus() throws Exception {
        // ./test installs libvirt (scripts/install-deps): a missing one is a broken setup, not a skip
        HostPackages.command("virsh", "libvirt-clients");
        HostPackages.file("/usr/sbin/libvirtd", "libvirt-daemon");
        Differential diff = new Differential("libvirt differential");
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
                Differential.LibvirtXml answer = Differential.libvirtXml(lv, file, xml, given.name());
                PrivateLibvirt.Result dump = answer.result();
                if (!answer.defined()) {
                    if (!MAY_BE_REFUSED.containsKey(file)) {
                        diff.difference(file, "libvirt refused it: " + dump.err().strip());
                    }
                    continue;
                }
                defined++;
                if (dump.exit() != 0) {
                    diff.difference(file, "dumpxml failed: " + dump.err().strip());
                    continue;
                }
                Domain libvirt;
                try {
                    libvirt = DomainXml.parse(dump.out(), file + " (virsh dumpxml)");
                    assertThat(DomainXml.parse(DomainXml.format(libvirt), null)).isEqualTo(libvirt);
                } catch (DefinitionException e) {
                    diff.difference(file, "jvirt cannot read libvirt's dumpxml: " + e.getMessage());
                    continue;
                }
                DomainFacts cmp = new DomainFacts(file, diff);
                cmp.compare(given, jvirt, libvirt);
                if (retype) {
                    cmp.eq("accelerator as written (jvirt's canonical form)",
                            DomainDefaults.fill(asWritten, Corpus.seeded(f)).type(), "kvm");
                    cmp.eq("accelerator libvirt was given", libvirt.type(), "qemu");
                }
                facts += cmp.count();
            }
        }
        System.out.printf("libvirt differential: %d of %d corpus domains defined, %d facts compared, %d disagreements%n",
                defined, files.size(), facts, diff.differ());
        System.out.printf("libvirt differential: %d domains agree, %d differ%n", diff.subjects() - diff.subjectsDiffering(),
                diff.subjectsDiffering());
        System.out.println(kvm
                ? "  (libvirt here may run KVM guests: type='kvm' definitions compared as written)"
                : "  (libvirt here may not run KVM guests, /dev/kvm closed to its user: " + retyped
                        + " type='kvm' definitions compared as type='qemu', the written accelerator compared separately)");
        System.out.print(diff.report());
        assertThat(diff.differences()).isEmpty();
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
}
