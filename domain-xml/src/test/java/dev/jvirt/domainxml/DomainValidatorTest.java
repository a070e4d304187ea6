package dev.jvirt.domainxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.domainxml.domain.DomainValidator;
import dev.jvirt.domainxml.domain.DomainXml;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per semantic check of {@link DomainValidator}. */
class DomainValidatorTest {
    private static final String HEAD = "<domain type='kvm'>\n  <name>v</name>\n  <memory>1024</memory>\n";

    static String top(String s) {
        return HEAD + (s.contains("<os") ? "" : "  <os><type>hvm</type></os>\n") + s + "\n</domain>";
    }

    static String os(String s) {
        return top("  <os>\n    " + s + "\n  </os>");
    }

    static String dev(String s) {
        return top("  <devices>\n    " + s + "\n  </devices>");
    }

    static final String DISK = "<disk type='file'><source file='/d.img'/><target dev='vda'/></disk>";

    static Arguments c(String xml, ViolationKind kind, String path, String message) {
        return Arguments.of(xml, kind, path, message);
    }

    static Stream<Arguments> cases() {
        ViolationKind M = ViolationKind.MISSING;
        ViolationKind U = ViolationKind.UNKNOWN_VALUE;
        ViolationKind R = ViolationKind.RANGE;
        ViolationKind I = ViolationKind.INCONSISTENT;
        return Stream.of(
                // domain basics
                c("<domain>\n  <name>v</name>\n  <memory>1</memory>\n</domain>", M, "/domain", "missing attribute 'type'"),
                c("<domain type='xen'>\n  <name>v</name>\n  <memory>1</memory>\n</domain>", U, "/domain", "unknown domain type 'xen'"),
                c("<domain type='kvm'>\n  <name>a/b</name>\n  <memory>1</memory>\n</domain>", ViolationKind.NAME, "/domain/name", "must not contain '/'"),
                c("<domain type='kvm'>\n  <name>..</name>\n  <memory>1</memory>\n</domain>", ViolationKind.NAME, "/domain/name", "must not be '.' or '..'"),
                c("<domain type='kvm'>\n  <name>a&#9;b</name>\n  <memory>1</memory>\n</domain>", ViolationKind.NAME, "/domain/name", "control characters"),
                c("<domain type='kvm'>\n  <name>" + "n".repeat(201) + "</name>\n  <memory>1</memory>\n</domain>", ViolationKind.NAME, "/domain/name", "longer than 200"),
                c(top("  <uuid>not-a-uuid</uuid>"), ViolationKind.UUID, "/domain/uuid", "malformed UUID 'not-a-uuid'"),
                c("<domain type='kvm'>\n  <name>v</name>\n</domain>", ViolationKind.MEMORY, "/domain/memory", "memory must be set"),
                c(top("  <currentMemory>2048</currentMemory>"), ViolationKind.MEMORY, "/domain/currentMemory", "larger than memory"),
                c(top("  <currentMemory>0</currentMemory>"), ViolationKind.MEMORY, "/domain/currentMemory", "greater than zero"),
                c(top("  <maxMemory slots='4'>512</maxMemory>"), ViolationKind.MEMORY, "/domain/maxMemory", "smaller than memory"),
                c(top("  <vcpu>0</vcpu>"), ViolationKind.VCPU, "/domain/vcpu", "at least 1"),
                c(top("  <vcpu>300</vcpu>"), ViolationKind.VCPU, "/domain/vcpu", "exceeds 255"),
                c(top("  <vcpu current='3'>2</vcpu>"), ViolationKind.VCPU, "/domain/vcpu", "current vcpus 3"),
                c(top("  <vcpu placement='dynamic'>2</vcpu>"), U, "/domain/vcpu", "vcpu placement 'dynamic'"),
                c(top("  <on_poweroff>explode</on_poweroff>"), U, "/domain/on_poweroff", "lifecycle action 'explode'"),
                c(top("  <on_reboot>coredump-restart</on_reboot>"), U, "/domain/on_reboot", "lifecycle action"),
                c(top("  <on_reboot>rename-restart</on_reboot>"), U, "/domain/on_reboot", "lifecycle action 'rename-restart'"),
                c(top("  <on_poweroff>preserve</on_poweroff>"), U, "/domain/on_poweroff", "lifecycle action 'preserve'"),
                c(top("  <maxMemory slots='4'>4096</maxMemory>"), ViolationKind.INCONSISTENT, "/domain/maxMemory", "needs guest NUMA cells"),
                c(top("  <on_crash>restrat</on_crash>"), U, "/domain/on_crash", "did you mean 'restart'"),
                c(top("  <memoryBacking><source type='shm'/></memoryBacking>"), U, "/domain/memoryBacking/source", "memory source type"),
                c(top("  <memoryBacking><access mode='public'/></memoryBacking>"), U, "/domain/memoryBacking/access", "memory access mode"),
                c(top("  <memoryBacking><allocation mode='lazy'/></memoryBacking>"), U, "/domain/memoryBacking/allocation", "allocation mode"),
                c(top("  <features><ioapic driver='xen'/></features>"), U, "/domain/features/ioapic", "ioapic driver"),
                c(top("  <iothreads>5000</iothreads>"), R, "/domain/iothreads", "out of range"),
                // os
                c(os("<type>xen</type>"), U, "/domain/os/type", "OS type 'xen'"),
                c(os("<type arch='aarch64'>hvm</type>"), U, "/domain/os/type", "architecture 'aarch64'"),
                c(top("  <os firmware='coreboot'>\n    <type>hvm</type>\n  </os>"), U, "/domain/os", "firmware 'coreboot'"),
                c(os("<boot dev='usb'/>"), U, "/domain/os/boot", "boot device 'usb'"),
                c(os("<initrd>/boot/initrd</initrd>"), I, "/domain/os/initrd", "initrd given without a kernel"),
                c(os("<cmdline>quiet</cmdline>"), I, "/domain/os/cmdline", "cmdline given without a kernel"),
                c(os("<kernel>vmlinuz</kernel>"), R, "/domain/os/kernel", "must be an absolute path"),
                c(os("<loader type='flash'>/x.fd</loader>"), U, "/domain/os/loader", "loader type 'flash'"),
                c(os("<loader readonly='yes'/>"), M, "/domain/os/loader", "loader path missing"),
                c(os("<nvram>vars.fd</nvram>"), R, "/domain/os/nvram", "must be an absolute path"),
                c(os("<bootmenu enable='yes' timeout='70000'/>"), R, "/domain/os/bootmenu", "boot menu timeout"),
                // cpu
                c(top("  <cpu mode='host-passthru'/>"), U, "/domain/cpu", "did you mean 'host-passthrough'"),
                c(top("  <cpu mode='host-model' match='loose'/>"), U, "/domain/cpu", "CPU match 'loose'"),
                c(top("  <cpu mode='host-model' check='some'/>"), U, "/domain/cpu", "CPU check 'some'"),
                c(top("  <cpu mode='custom'><feature policy='require' name='vmx'/></cpu>"), M, "/domain/cpu", "without a CPU <model>"),
                c(top("  <cpu><model fallback='maybe'>qemu64</model></cpu>"), U, "/domain/cpu/model", "fallback 'maybe'"),
                c(top("  <vcpu>2</vcpu>\n  <cpu mode='host-passthrough'><topology sockets='0' cores='2' threads='1'/></cpu>"), ViolationKind.VCPU, "/domain/cpu/topology", "at least 1"),
                c(top("  <vcpu>4</vcpu>\n  <cpu mode='host-passthrough'><topology sockets='1' dies='1' cores='2' threads='1'/></cpu>"), ViolationKind.VCPU, "/domain/cpu/topology", "= 2 does not match vcpu count 4"),
                c(top("  <cpu mode='host-model'><feature policy='require'/></cpu>"), M, "/domain/cpu/feature", "missing feature name"),
                c(top("  <cpu mode='host-model'><feature policy='need' name='vmx'/></cpu>"), U, "/domain/cpu/feature", "feature policy 'need'"),
                c(top("  <cpu mode='host-model'><feature name='vmx'/></cpu>"), M, "/domain/cpu/feature", "missing feature policy"),
                // clock
                c(top("  <clock offset='gmt'/>"), U, "/domain/clock", "clock offset 'gmt'"),
                c(top("  <clock offset='utc' timezone='Europe/Paris'/>"), I, "/domain/clock", "only used with offset='timezone'"),
                c(top("  <clock offset='utc'><timer name='rtcc'/></clock>"), U, "/domain/clock/timer", "did you mean 'rtc'"),
                c(top("  <clock offset='utc'><timer name='rtc' tickpolicy='skip'/></clock>"), U, "/domain/clock/timer", "tick policy 'skip'"),
                c(top("  <clock offset='utc'><timer name='rtc' track='host'/></clock>"), U, "/domain/clock/timer", "timer track 'host'"),
                c(top("  <clock offset='utc'><timer/></clock>"), M, "/domain/clock/timer", "missing timer name"),
                c(top("  <clock offset='utc'><timer name='tsc' track='guest'/></clock>"), I, "/domain/clock/timer", "only the rtc timer takes track"),
                c(HEAD + "</domain>", M, "/domain/os/type", "missing <os><type>hvm</type></os>"),
                c(os("<type arch='x86_64'/>"), M, "/domain/os/type", "missing <os><type>"));
    }

    @ParameterizedTest
    @MethodSource({"cases", "dev.jvirt.domainxml.DeviceValidatorCases#cases", "dev.jvirt.domainxml.PlatformValidatorCases#cases"})
    void reportsTheViolation(String xml, ViolationKind kind, String path, String message) {
        List<Violation> vs = DomainValidator.validate(DomainXml.read(xml, "v.xml"));
        assertThat(vs).anySatisfy(v -> {
            assertThat(v.kind()).isEqualTo(kind);
            assertThat(v.path()).isEqualTo(path);
            assertThat(v.message()).contains(message);
            assertThat(v.line()).as("line of " + path).isPositive();
        });
    }

    @Test
    void aSmallValidDomainHasNoViolations() {
        assertThat(DomainValidator.validate(DomainXml.parse(dev(DISK), null))).isEmpty();
    }

    @Test
    void loadThrowsWithEveryViolationAndPointsAtTheFirst() {
        String xml = dev("<interface type='user'><mac address='01:00:5e:00:00:01'/></interface>\n"
                + "    <interface type='user'><mac address='zz'/></interface>");
        assertThatThrownBy(() -> DomainXml.load(xml, "v.xml"))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> {
                    assertThat(e.violations()).hasSize(2);
                    assertThat(e.getMessage()).isEqualTo("v.xml:6:28: /domain/devices/interface[1]/mac: MAC address "
                            + "'01:00:5e:00:00:01' is multicast; a NIC needs a unicast address (even first octet) (and 1 more problems)");
                });
    }

    @Test
    void violationDescribesItselfOnOneLine() {
        Violation v = new Violation(ViolationKind.MAC, "/domain/devices/interface/mac", 7, 9, "bad");
        assertThat(v.describe("d.xml")).isEqualTo("d.xml:7:9: /domain/devices/interface/mac: bad");
        assertThat(v.describe(null)).isEqualTo("7:9: /domain/devices/interface/mac: bad");
    }
}
