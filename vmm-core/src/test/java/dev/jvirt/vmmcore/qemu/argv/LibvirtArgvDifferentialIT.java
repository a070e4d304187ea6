package dev.jvirt.vmmcore.qemu.argv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.domainxml.domain.NetInterface;
import dev.jvirt.testimages.Differential;
import dev.jvirt.testimages.HostPackages;
import dev.jvirt.testimages.PrivateLibvirt;
import dev.jvirt.vmmcore.qemu.Firmwares;
import dev.jvirt.vmmcore.qemu.SpicePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * jvirt's command line against libvirt's, fact by fact ({@link ArgvFacts}), for every file of
 * domain-xml's real-world corpus (recorded with virt-install and libvirt): libvirt's is what
 * {@code virsh domxml-to-native qemu-argv} prints in a private libvirt (in namespaces of its own,
 * see {@link PrivateLibvirt#startIsolated()}), jvirt's what {@link QemuCommandLine} builds from
 * the same text with domain-xml's defaults, with a TAP descriptor for every NIC that needs one
 * and SPICE ports chosen as a start chooses them. Tallied by the harness ({@link Differential}):
 * prints {@code N agree, M differ}, every fact of either side counted.
 *
 * <p>Both sides get the same definition. Where this libvirt may not run KVM guests (its user
 * cannot open /dev/kvm), {@code type='kvm'} is given as {@code type='qemu'} to both, and then
 * {@code host-passthrough}, which neither accepts under TCG, as {@code maximum}. Left out, as
 * the README lists: the CPU of {@code host-model} guests (libvirt expands it into the host's
 * named model, jvirt does not); a user-mode NIC's backend (domxml-to-native makes every NIC a
 * TAP); the TLS port of an autoport SPICE display (this libvirt has {@code spice_tls} on).
 * Files this libvirt refuses for reasons of its session mode or this host are listed below;
 * {@code <numatune>} (host NUMA nodes) is taken out of both sides' definition.
 */
class LibvirtArgvDifferentialIT {
    static final Path REALWORLD = Path.of(System.getProperty("basedir", "."), "../domain-xml/src/test/resources/corpus/realworld");

    /** Files libvirt refuses here for reasons outside the definition. */
    private static final Map<String, String> LIBVIRT_REFUSES = Map.of(
            "fedora37-hugepages.virt-install.xml", "libvirt's session mode has no memory tuning",
            "fedora37-hugepages.dumpxml.xml", "libvirt's session mode has no memory tuning",
            "fedora37-virtiofs.virt-install.xml", "libvirt 9.0 has no virtiofs in session mode",
            "rhel8.6-custom-cpu.dumpxml.xml", "libvirt checks the custom CPU against this host's (check='partial')");

    /** {@code <numatune>} binds to host NUMA nodes this host may not have: both sides get the file without it. */
    private static final Pattern NUMATUNE = Pattern.compile("\\s*<numatune>.*?</numatune>", Pattern.DOTALL);

    private static final Firmwares FIRMWARES = Firmwares.system(Path.of("/var/lib/jvirt/qemu/nvram"));

    private static final Pattern ROOT_TYPE_KVM = Pattern.compile("(<domain\\b[^>]*?\\btype\\s*=\\s*)(['\"])kvm\\2");
    private static final Pattern HOST_PASSTHROUGH = Pattern.compile("(<cpu\\b[^>]*?\\bmode\\s*=\\s*)(['\"])host-passthrough\\2");

    @Test
    void jvirtAndLibvirtBuildTheSameCommandLines() throws Exception {
        HostPackages.command("virsh", "libvirt-clients");
        HostPackages.file("/usr/sbin/libvirtd", "libvirt-daemon");
        List<Path> files;
        try (Stream<Path> s = Files.list(REALWORLD)) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        Differential diff = new Differential("libvirt argv differential");
        int compared = 0;
        int hostCpuRefused = 0; // custom CPU models this host's CPU lacks, which libvirt checks under KVM
        try (PrivateLibvirt lv = PrivateLibvirt.startIsolated()) {
            boolean kvm = lv.offersKvm();
            for (Path f : files) {
                String file = f.getFileName().toString();
                String xml = Files.readString(f, StandardCharsets.UTF_8);
                xml = NUMATUNE.matcher(xml).replaceAll("");
                if (!kvm) {
                    xml = replace(ROOT_TYPE_KVM, xml, "qemu");
                    xml = replace(HOST_PASSTHROUGH, xml, "maximum");
                }
                PrivateLibvirt.Result native_ = Differential.libvirtArgv(lv, file, xml);
                if (native_.exit() != 0) {
                    // with KVM, libvirt checks a custom CPU model against this host's CPU (jvirt leaves that to QEMU)
                    boolean hostCpu = kvm && native_.err().contains("incompatible with host CPU");
                    if (hostCpu && !LIBVIRT_REFUSES.containsKey(file)) {
                        hostCpuRefused++;
                    } else if (!LIBVIRT_REFUSES.containsKey(file)) {
                        diff.difference(file, "libvirt refused it: " + native_.err().strip());
                    }
                    continue;
                }
                compared++;
                Domain def = DomainXml.load(xml, file);
                Map<String, String> libvirt = ArgvFacts.of(Differential.splitShell(native_.out().strip()));
                Map<String, String> jvirt;
                try {
                    // as a start prepares it: the firmware chosen from this host's descriptors, SPICE ports chosen
                    def = SpicePorts.assign(FIRMWARES.resolve(def, TestHost.caps()));
                    jvirt = ArgvFacts.of(QemuCommandLine.build(def, TestHost.caps(), TestHost.paths(def), taps(def)));
                } catch (CommandLineException e) {
                    diff.difference(file, "jvirt refused it: " + e.getMessage());
                    diff.facts(file, Map.of(), libvirt); // each of libvirt's facts differs
                    continue;
                }
                deliberate(def, jvirt, libvirt);
                diff.facts(file, jvirt, libvirt);
            }
        }
        System.out.printf("libvirt argv differential: %d agree, %d differ (%d of %d real-world files compared, %d with every fact equal)%n",
                diff.agree(), diff.differ(), compared, files.size(), diff.subjects() - diff.subjectsDiffering());
        if (hostCpuRefused > 0) {
            System.out.println("  (" + hostCpuRefused + " left out: libvirt refuses their custom CPU model on this host's CPU under KVM)");
        }
        System.out.print(diff.report());
        assertThat(diff.differences()).isEmpty();
        assertThat(compared).isEqualTo(files.size() - LIBVIRT_REFUSES.size() - hostCpuRefused);
    }

    /** A TAP descriptor for every NIC that reaches the host through one, as the host phase gives it. */
    private static LaunchOptions taps(Domain def) {
        LaunchOptions o = LaunchOptions.defaults();
        List<NetInterface> nics = def.devices().interfaces();
        for (int i = 0; i < nics.size(); i++) {
            if (!"user".equals(nics.get(i).type())) {
                o = o.withNetBackend(DeviceIds.net(i), new NetBackend.TapFd(30 + i, null));
            }
        }
        return o;
    }

    /** The differences the README lists, taken out of both sides. */
    private static void deliberate(Domain def, Map<String, String> jvirt, Map<String, String> libvirt) {
        if (def.cpu() != null && "host-model".equals(def.cpu().mode())) {
            for (Map<String, String> side : List.of(jvirt, libvirt)) {
                side.remove("cpu model");
                side.remove("cpu features");
            }
        }
        // domxml-to-native gives every NIC a TAP, a user-mode one too
        jvirt.replaceAll((k, v) -> k.startsWith("device ") ? v.replace("\"netdev\":\"user\"", "\"netdev\":\"tap\"") : v);
        boolean autoTls = def.devices().graphics().stream().anyMatch(g -> "spice".equals(g.type()) && g.tlsPort() == null);
        if (autoTls && libvirt.containsKey("graphics spice")) {
            libvirt.put("graphics spice", libvirt.get("graphics spice").replace(",tls-port=set", "").replace(",x509-dir=set", ""));
        }
    }

    private static String replace(Pattern p, String xml, String value) {
        Matcher m = p.matcher(xml);
        return m.find() ? xml.substring(0, m.start()) + m.group(1) + m.group(2) + value + m.group(2) + xml.substring(m.end()) : xml;
    }
}
