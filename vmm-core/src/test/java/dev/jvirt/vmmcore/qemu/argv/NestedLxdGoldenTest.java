package dev.jvirt.vmmcore.qemu.argv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.domainxml.InvalidDefinitionException;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainDefaults;
import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.domainxml.domain.NestedLxd;
import dev.jvirt.vmmcore.qemu.CloudInitSeeds;
import dev.jvirt.vmmcore.qemu.argv.NestedLxdDevices.Nesting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The nested-LXD option from XML to what a start runs: for each {@code nested-lxd/NAME.xml}
 * (completed by domain-xml's defaults, as a define does), the definition with
 * {@link NestedLxdDevices#apply} must build the argv in {@code NAME.args} (the seed CD-ROM, the
 * guest agent channel, the nesting CPU flags for KVM), and its seed must hold
 * {@code NAME.user-data} and {@code NAME.meta-data}. {@code NAME.opts} says what the host's KVM
 * nests ({@code nesting=vmx|svm|none}; none when absent). Regenerate with
 * {@code -Djvirt.golden.update=true} and review the diff.
 */
class NestedLxdGoldenTest {

    static final Path DIR = Path.of(System.getProperty("basedir", "."), "src/test/resources/nested-lxd");
    static final boolean UPDATE = Boolean.getBoolean("jvirt.golden.update");
    private static final Set<String> OUTPUTS = Set.of("args", "user-data", "meta-data", "opts");

    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        return cases().stream().map(name -> DynamicTest.dynamicTest(name, () -> check(name)));
    }

    @Test
    void noUnusedGoldenFiles() throws IOException {
        Set<String> cases = new TreeSet<>(cases());
        try (Stream<Path> files = Files.list(DIR)) {
            List<Path> unused = files.filter(p -> !p.getFileName().toString().endsWith(".xml"))
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        int dot = n.indexOf('.');
                        return !cases.contains(n.substring(0, dot)) || !OUTPUTS.contains(n.substring(dot + 1));
                    }).toList();
            assertThat(unused).as("golden files without a NAME.xml").isEmpty();
        }
    }

    @Test
    void withoutTheOptionTheDefinitionIsUnchanged() {
        Domain d = DomainDefaults.fill(DomainXml.parse("""
                <domain type='kvm'><name>plain</name><memory unit='MiB'>64</memory>
                <metadata><app:x xmlns:app='https://example.com/app'/></metadata></domain>""", "plain.xml"), new Random(1));
        assertThat(NestedLxdDevices.apply(d, Path.of("/x/cidata.iso"), Nesting.VMX)).isSameAs(d);
    }

    @Test
    void anotherNamespaceIsNotTheOption() {
        Domain d = DomainXml.parse("""
                <domain type='qemu'><name>other</name><memory unit='MiB'>64</memory>
                <metadata><j:nested-lxd xmlns:j='https://example.com/not-jvirt'/></metadata></domain>""", "other.xml");
        assertThat(NestedLxd.of(d)).isEmpty();
    }

    @Test
    void badAttributesAreRefusedAtDefine() {
        for (String attrs : List.of("storage='ceph'", "subnet='10.23.0.0/33'", "subnet='10.23.0.1'", "nesting='yes'",
                "bridge='bad bridge name'", "image='relative/path.tar.gz'", "colour='red'")) {
            String xml = "<domain type='qemu'><name>bad</name><memory unit='MiB'>64</memory><os><type arch='x86_64' machine='pc'>hvm</type></os><metadata>"
                    + "<jvirt:nested-lxd xmlns:jvirt='" + NestedLxd.NAMESPACE + "' " + attrs + "/></metadata></domain>";
            assertThatThrownBy(() -> DomainXml.load(xml, "bad.xml")).as(attrs)
                    .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("nested-lxd");
        }
    }

    @Test
    void aSubnetOnTheGuestsOwnUserNetworkIsRefused() {
        String xml = "<domain type='qemu'><name>clash</name><memory unit='MiB'>64</memory><os><type arch='x86_64' machine='pc'>hvm</type></os>"
                + "<metadata><jvirt:nested-lxd xmlns:jvirt='" + NestedLxd.NAMESPACE + "' subnet='10.0.2.1/24'/></metadata>"
                + "<devices><interface type='user'><model type='virtio'/></interface></devices></domain>";
        assertThatThrownBy(() -> DomainXml.load(xml, "clash.xml")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("overlaps 10.0.2.0/24");
        DomainXml.load(xml.replace("10.0.2.1/24", "10.0.3.1/24"), "fine.xml");
        DomainXml.load(xml.replace("<interface type='user'><model type='virtio'/></interface>", ""), "nouser.xml");
    }

    private static void check(String name) throws IOException {
        Domain def = DomainDefaults.fill(TestHost.parse(DIR.resolve(name + ".xml")), new Random(17));
        Nesting nesting = Nesting.NONE;
        Path opts = DIR.resolve(name + ".opts");
        if (Files.exists(opts)) {
            String line = Files.readString(opts, StandardCharsets.UTF_8).strip();
            nesting = Nesting.valueOf(line.substring(line.indexOf('=') + 1).toUpperCase(Locale.ROOT));
        }
        Path seed = new CloudInitSeeds(Path.of("/var/lib/jvirt/qemu/nested-lxd")).path(def.name());
        Domain started = NestedLxdDevices.apply(def, seed, nesting);
        List<String> argv = QemuCommandLine.build(started, TestHost.caps(), TestHost.paths(started), LaunchOptions.defaults());
        CloudInitSeeds.Seed content = CloudInitSeeds.content(def, NestedLxd.of(def).orElseThrow());
        compare(DIR.resolve(name + ".args"), String.join("\n", argv) + "\n");
        compare(DIR.resolve(name + ".user-data"), content.userData());
        compare(DIR.resolve(name + ".meta-data"), content.metaData());
    }

    private static void compare(Path golden, String actual) throws IOException {
        if (UPDATE) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(golden).as("golden file (regenerate with -Djvirt.golden.update=true)").exists();
        assertThat(actual).as(golden.getFileName().toString()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    private static List<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().collect(Collectors.toList());
        }
    }
}
