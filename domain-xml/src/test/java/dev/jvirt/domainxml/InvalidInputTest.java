package dev.jvirt.domainxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.domainxml.domain.DomainXml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every invalid input is refused with one exact, one-line message carrying path and line:column. */
class InvalidInputTest {

    private static Map<String, String> expected() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("misspelt attribute", "domain.xml:11:7: /domain/devices/disk[2]/target: unknown attribute 'bux' (did you mean 'bus'?)");
        m.put("misspelt element", "domain.xml:6:7: /domain/devices/disk/sorce: unknown element <sorce> (did you mean 'source'?)");
        m.put("misspelt top element", "domain.xml:3:3: /domain/memroy: unknown element <memroy> (did you mean 'memory'?)");
        m.put("unknown element no suggestion", "domain.xml:5:5: /domain/devices/gizmo: unknown element <gizmo>");
        m.put("namespaced element outside metadata", "domain.xml:3:3: /domain/app:settings: unknown element <app:settings>");
        m.put("qemu element in another namespace", "domain.xml:3:3: /domain/qemu:commandline: <qemu:commandline> is not in libvirt's QEMU namespace (xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0')");
        m.put("missing name", "domain.xml:1:1: /domain: missing <name>: every domain needs a name (add <name>NAME</name>)");
        m.put("empty name", "domain.xml:2:3: /domain/name: empty <name>: every domain needs a name");
        m.put("misspelt hyperv enlightenment", "domain.xml:5:7: /domain/features/hyperv/relaxd: unknown element <relaxd> (did you mean 'relaxed'?)");
        m.put("hyperv state not on/off", "domain.xml:5:7: /domain/features/hyperv/vapic: attribute 'state' must be 'on' or 'off', got 'yes'");
        m.put("misspelt sysinfo section", "domain.xml:4:5: /domain/sysinfo/sytem: unknown element <sytem> (did you mean 'system'?)");
        m.put("numa cell without memory", "domain.xml:5:7: /domain/cpu/numa/cell: missing attribute 'memory'");
        m.put("numa cell unknown unit", "domain.xml:5:7: /domain/cpu/numa/cell: unknown unit 'GiBs' (did you mean 'GiB'?)");
        m.put("misspelt numatune attribute", "domain.xml:4:5: /domain/numatune/memory: unknown attribute 'placment' (did you mean 'placement'?)");
        m.put("cputune shares not a number", "domain.xml:4:5: /domain/cputune/shares: <shares> must be an integer, got 'many'");
        m.put("misspelt tpm backend attribute", "domain.xml:6:7: /domain/devices/tpm/backend: unknown attribute 'verison' (did you mean 'version'?)");
        m.put("tlsPort not a number", "domain.xml:5:5: /domain/devices/graphics: attribute 'tlsPort' must be an integer, got 'auto'");
        m.put("alias without name", "domain.xml:6:7: /domain/devices/interface/alias: missing attribute 'name'");
        m.put("firmware feature enabled not yes/no", "domain.xml:5:7: /domain/os/firmware/feature: attribute 'enabled' must be 'yes' or 'no', got 'true'");
        m.put("misspelt resource child", "domain.xml:4:5: /domain/resource/partiton: unknown element <partiton> (did you mean 'partition'?)");
        m.put("misspelt memtune child", "domain.xml:4:5: /domain/memtune/hard_limt: unknown element <hard_limt> (did you mean 'hard_limit'?)");
        m.put("interface target managed not yes/no", "domain.xml:6:7: /domain/devices/interface/target: attribute 'managed' must be 'yes' or 'no', got 'off'");
        m.put("xinclude", "domain.xml:2:3: /domain/xi:include: unknown element <xi:include>");
        m.put("unclosed tag", "domain.xml:4:8: malformed XML: Unexpected close tag </domain>; expected </memory>.");
        m.put("not xml", "domain.xml:1:1: malformed XML: Unexpected character 't' (code 116) in prolog; expected '<'");
        m.put("empty input", "domain.xml:1:1: malformed XML: Unexpected EOF in prolog");
        m.put("doctype", "domain.xml:2:1: DOCTYPE declarations are not allowed");
        m.put("undeclared entity", "domain.xml:2:13: malformed XML: Undeclared general entity \"xxe\"");
        m.put("wrong root", "domain.xml:1:1: /network: expected root element <domain>, found <network>");
        m.put("unknown unit", "domain.xml:3:3: /domain/memory: unknown unit 'GIB2' (did you mean 'GiB'?)");
        m.put("misspelt unit", "domain.xml:3:3: /domain/memory: unknown unit 'MiBB' (did you mean 'MiB'?)");
        m.put("memory not a number", "domain.xml:3:3: /domain/memory: size must be a non-negative integer, got 'lots'");
        m.put("memory overflow", "domain.xml:3:3: /domain/memory: size 100000 EiB is too large");
        m.put("negative memory", "domain.xml:3:3: /domain/memory: size must be a non-negative integer, got '-5'");
        m.put("vcpu not a number", "domain.xml:3:3: /domain/vcpu: vCPU count must be an integer, got 'two'");
        m.put("bad yes/no", "domain.xml:4:5: /domain/os/bootmenu: attribute 'enable' must be 'yes' or 'no', got 'true'");
        m.put("bad on/off", "domain.xml:4:5: /domain/features/vmport: attribute 'state' must be 'on' or 'off', got 'disabled'");
        m.put("duplicate name", "domain.xml:3:3: /domain/name[2]: element <name> may appear only once here");
        m.put("stray text", "domain.xml:3:3: /domain/devices: unexpected text 'oops'");
        m.put("bad pci slot", "domain.xml:6:7: /domain/devices/interface/address: attribute 'slot' must be an integer, got '0xZZ'");
        m.put("pci without slot", "domain.xml:6:7: /domain/devices/interface/address: missing attribute 'slot'");
        m.put("unknown address type", "domain.xml:6:7: /domain/devices/interface/address: unsupported address type 'pcie' (did you mean 'pci'?)");
        m.put("boot without order", "domain.xml:6:7: /domain/devices/disk/boot: missing attribute 'order'");
        m.put("two memballoons", "domain.xml:6:5: /domain/devices/memballoon[2]: element <memballoon> may appear only once here");
        m.put("unknown attribute on root", "domain.xml:1:1: /domain: unknown attribute 'tpye' (did you mean 'type'?)");
        m.put("misspelt interface child", "domain.xml:7:7: /domain/devices/interface/modle: unknown element <modle> (did you mean 'model'?)");
        m.put("network unknown attribute", "net.xml:3:3: /network/bridge: unknown attribute 'stpp' (did you mean 'stp'?)");
        m.put("network misspelt dhcp", "net.xml:4:5: /network/ip/dhpc: unknown element <dhpc> (did you mean 'dhcp'?)");
        m.put("pool bad size", "pool.xml:3:3: /pool/capacity: size must be a non-negative integer, got '1.5'");
        m.put("pool misspelt target", "pool.xml:3:3: /pool/traget: unknown element <traget> (did you mean 'target'?)");
        m.put("volume unknown unit", "vol.xml:3:3: /volume/capacity: unknown unit 'gigs'");
        m.put("volume misspelt format", "vol.xml:5:5: /volume/target/fromat: unknown element <fromat> (did you mean 'format'?)");
        m.put("boot without dev", "domain.xml:3:5: /domain/os/boot: missing attribute 'dev'");
        m.put("pool device without path", "pool.xml:3:5: /pool/source/device: missing attribute 'path'");
        return m;
    }

    @Test
    void everyCaseHasAnExpectedMessage() {
        assertThat(expected().keySet()).containsExactlyElementsOf(InvalidInputCases.cases().keySet());
        assertThat(expected()).hasSizeGreaterThanOrEqualTo(25);
    }

    @TestFactory
    Stream<DynamicTest> refusedWithExactMessage() {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, String> want = expected();
        InvalidInputCases.cases().forEach((name, c) -> tests.add(DynamicTest.dynamicTest(name, () -> {
            @SuppressWarnings("unchecked")
            Function<String, Object> parser = (Function<String, Object>) c[1];
            assertThatThrownBy(() -> parser.apply((String) c[0]))
                    .isInstanceOf(DefinitionException.class)
                    .hasMessage(want.get(name))
                    .satisfies(e -> {
                        assertThat(e.getMessage()).doesNotContain("\n");
                        assertThat(((DefinitionException) e).line()).isPositive();
                        assertThat(((DefinitionException) e).column()).isPositive();
                    });
        })));
        return tests.stream();
    }

    @Test
    void exceptionCarriesItsPartsAsFields() {
        String xml = InvalidInputCases.dom("    <disk type='file'>\n      <target dev='sda' bux='sata'/>\n    </disk>");
        assertThatThrownBy(() -> DomainXml.parse(xml, "a.xml"))
                .isInstanceOfSatisfying(DefinitionException.class, e -> {
                    assertThat(e.sourceName()).isEqualTo("a.xml");
                    assertThat(e.line()).isEqualTo(6);
                    assertThat(e.column()).isEqualTo(7);
                    assertThat(e.path()).isEqualTo("/domain/devices/disk/target");
                    assertThat(e.problem()).isEqualTo("unknown attribute 'bux'");
                    assertThat(e.suggestion()).isEqualTo("bus");
                });
    }

    @Test
    void withoutSourceNameTheMessageStartsWithTheLine() {
        assertThatThrownBy(() -> DomainXml.parse("<domain><nmae>x</nmae></domain>", null))
                .hasMessage("1:9: /domain/nmae: unknown element <nmae> (did you mean 'name'?)");
    }

    @Test
    void oversizedInputIsRefusedBeforeParsing() {
        String big = "<domain type='kvm'><description>" + "x".repeat(1 << 20) + "</description></domain>";
        assertThatThrownBy(() -> DomainXml.parse(big, "big.xml"))
                .isInstanceOf(DefinitionException.class)
                .hasMessage("big.xml: input is 1048631 characters; definitions over 1048576 characters (1 MiB) are refused");
    }

    @Test
    void deeplyNestedMetadataIsRefused() {
        String deep = "<domain type='kvm'><metadata>" + "<a>".repeat(100) + "</a>".repeat(100) + "</metadata></domain>";
        assertThatThrownBy(() -> DomainXml.parse(deep, "deep.xml"))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("malformed XML");
    }

    @Test
    void billionLaughsIsRefused() {
        String xml = "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;'>]>"
                + "<domain type='kvm'><name>&b;</name></domain>";
        assertThatThrownBy(() -> DomainXml.parse(xml, null))
                .isInstanceOf(DefinitionException.class)
                .hasMessage("1:22: DOCTYPE declarations are not allowed");
    }

    @Test
    void metadataMayHoldAnything() {
        String xml = "<domain type='kvm'><name>m</name><metadata><x:any xmlns:x='urn:x' whatever='1'><x:deep/></x:any>"
                + "</metadata><memory>1</memory></domain>";
        assertThat(DomainXml.parse(xml, null).metadata()).hasSize(1);
    }
}
