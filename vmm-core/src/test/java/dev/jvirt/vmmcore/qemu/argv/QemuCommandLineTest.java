package dev.jvirt.vmmcore.qemu.argv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.DefinitionException;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.vmmcore.HostCapabilities;
import dev.jvirt.vmmcore.qemu.ConsoleKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class QemuCommandLineTest {

    private static Domain golden(String name) {
        return TestHost.parse(QemuCommandLineGoldenTest.DIR.resolve(name + ".xml"));
    }

    @Test
    void hotplugReusesTheExactJsonOfTheCommandLine() {
        Domain def = golden("disk-backing-chain");
        CommandLinePlan plan = QemuCommandLine.plan(def, TestHost.caps(), TestHost.paths(def), LaunchOptions.defaults());
        DeviceSpec disk = plan.device("virtio-disk0").orElseThrow();
        List<String> own = new ArrayList<>();
        disk.appendTo(own);
        assertThat(String.join("\n", plan.argv())).contains(String.join("\n", own));
        assertThat(disk.backends()).extracting(b -> ((Backend.Blockdev) b).nodeName()).containsExactly(
                "virtio-disk0-b2-storage", "virtio-disk0-b2-format", "virtio-disk0-b1-storage",
                "virtio-disk0-b1-format", "virtio-disk0-storage", "virtio-disk0-format");
        ObjectNode dev = disk.device();
        assertThat(dev.get("drive").asText()).isEqualTo("virtio-disk0-format");
        dev.put("id", "changed");
        assertThat(disk.device().get("id").asText()).as("specs are immutable").isEqualTo("virtio-disk0");
    }

    @Test
    void everyDevicesHotplugCommandsCarryTheJsonItsCommandLineOptionsCarry() throws IOException {
        Map<String, String> optionOf = Map.of("blockdev-add", "-blockdev", "object-add", "-object",
                "netdev_add", "-netdev", "device_add", "-device");
        int checked = 0;
        for (String name : argvCases()) {
            Domain def = golden(name);
            CommandLinePlan plan = QemuCommandLine.plan(def, TestHost.caps(), TestHost.paths(def),
                    TestHost.options(QemuCommandLineGoldenTest.DIR.resolve(name + ".opts")));
            Set<String> options = new java.util.HashSet<>();
            for (int i = 0; i + 1 < plan.argv().size(); i++) {
                options.add(plan.argv().get(i) + " " + plan.argv().get(i + 1));
            }
            for (DeviceSpec d : plan.devices()) {
                if (d.device() == null || d.backends().stream().anyMatch(b -> !(b instanceof Backend.JsonBackend))) {
                    continue;
                }
                List<QmpCommand> commands = plan.hotplug(d.id());
                assertThat(commands).as(name + " " + d.id()).hasSize(d.backends().size() + 1);
                assertThat(commands.get(commands.size() - 1).execute()).isEqualTo("device_add");
                for (QmpCommand c : commands) {
                    assertThat(options).as(name + " " + d.id() + " " + c.execute())
                            .contains(optionOf.get(c.execute()) + " " + c.argumentsJson());
                    checked++;
                }
            }
        }
        assertThat(checked).as("devices with hotplug commands across the golden cases").isGreaterThan(100);
    }

    @Test
    void aChardevBackedDeviceHasNoHotplugCommandsAndTheConsoleKindIsTheBuildersDecision() {
        Domain serial = golden("console-only-becomes-serial");
        CommandLinePlan plan = QemuCommandLine.plan(serial, TestHost.caps(), TestHost.paths(serial), LaunchOptions.defaults());
        assertThat(plan.console()).isEqualTo(ConsoleKind.SERIAL_FIFOS);
        assertThatThrownBy(() -> plan.hotplug("serial0")).isInstanceOf(CommandLineException.class)
                .hasMessageContaining("chardev");
        assertThatThrownBy(() -> plan.hotplug("nosuch0")).hasMessageContaining("not in the definition");
        Domain virtio = golden("console-virtio-with-file-serial");
        assertThat(QemuCommandLine.plan(virtio, TestHost.caps(), TestHost.paths(virtio), LaunchOptions.defaults()).console())
                .isEqualTo(ConsoleKind.SOCKET);
        Domain none = golden("boot-order-per-device");
        assertThat(QemuCommandLine.plan(none, TestHost.caps(), TestHost.paths(none), LaunchOptions.defaults()).console())
                .isEqualTo(ConsoleKind.NONE);
    }

    @Test
    void aHotpluggedNicTakesItsTapAsAMonitorFd() {
        Domain def = golden("net-mixed-user-and-bridge");
        LaunchOptions o = LaunchOptions.defaults().withNetBackend("net1", new NetBackend.MonitorFd("tap-net1", "vhost-net1"));
        DeviceSpec nic = QemuCommandLine.plan(def, TestHost.caps(), TestHost.paths(def), o).device("net1").orElseThrow();
        ObjectNode netdev = ((Backend.Netdev) nic.backends().get(0)).node();
        assertThat(netdev.toString()).isEqualTo(
                "{\"type\":\"tap\",\"fd\":\"tap-net1\",\"vhost\":true,\"vhostfd\":\"vhost-net1\",\"id\":\"hostnet1\"}");
        assertThat(nic.device().get("netdev").asText()).isEqualTo("hostnet1");
        assertThat(nic.device().get("id").asText()).isEqualTo("net1");
    }

    @Test
    void everyDeviceIdIsUniqueAndWellFormed() throws IOException {
        for (String name : argvCases()) {
            Domain def = golden(name);
            CommandLinePlan plan = QemuCommandLine.plan(def, TestHost.caps(), TestHost.paths(def),
                    TestHost.options(QemuCommandLineGoldenTest.DIR.resolve(name + ".opts")));
            List<String> ids = plan.devices().stream().map(DeviceSpec::id).toList();
            assertThat(ids).as(name).doesNotHaveDuplicates();
            assertThat(ids).as(name).allMatch(id -> id.matches("[a-z][a-z0-9.-]*"));
        }
    }

    @Test
    void sameInputSameOutput() {
        Domain def = golden("virt-install-like-q35-kvm");
        LaunchOptions o = LaunchOptions.defaults().withNetBackend("net0", new NetBackend.TapName("vnet0"));
        assertThat(QemuCommandLine.build(def, TestHost.caps(), TestHost.paths(def), o))
                .isEqualTo(QemuCommandLine.build(golden("virt-install-like-q35-kvm"), TestHost.caps(), TestHost.paths(def), o));
    }

    @Test
    void kvmThatCannotRunGuestsIsRefusedWithTheReason() {
        Domain def = golden("minimal-q35-kvm");
        HostCapabilities caps = TestHost.caps(TestHost.EMULATOR, HostCapabilities.KvmSupport.no("the CPU has no vmx or svm"));
        assertThatThrownBy(() -> QemuCommandLine.build(def, caps, TestHost.paths(def), LaunchOptions.defaults()))
                .isInstanceOf(CommandLineException.class)
                .hasMessageContaining("the CPU has no vmx or svm").hasMessageContaining("type='qemu'");
    }

    @Test
    void aDeviceTheEmulatorLacksIsRefused() {
        Domain def = golden("watchdog-i6300esb-poweroff");
        HostCapabilities caps = new HostCapabilities(TestHost.EMULATOR, "7.2.0", Set.of("pc", "pc-i440fx-7.2"),
                Map.of("pc", "pc-i440fx-7.2"), Set.of("virtio-blk-pci"), HostCapabilities.KvmSupport.yes());
        assertThatThrownBy(() -> QemuCommandLine.build(def, caps, TestHost.paths(def), LaunchOptions.defaults()))
                .isInstanceOf(CommandLineException.class).hasMessageContaining("watchdog 0").hasMessageContaining("i6300esb");
    }

    @Test
    void anEmulatorOtherThanTheProbedOneIsRefused() {
        Domain def = golden("virt-install-like-q35-kvm");
        HostCapabilities caps = TestHost.caps("/opt/qemu/bin/qemu-system-x86_64", HostCapabilities.KvmSupport.yes());
        assertThatThrownBy(() -> QemuCommandLine.build(def, caps, TestHost.paths(def), LaunchOptions.defaults()))
                .isInstanceOf(CommandLineException.class).hasMessageStartingWith("<emulator>");
    }

    @Test
    void daemonizeIsAnOption() {
        Domain def = golden("minimal-pc-tcg");
        assertThat(QemuCommandLine.build(def, TestHost.caps(), TestHost.paths(def), LaunchOptions.defaults().withDaemonize(false)))
                .doesNotContain("-daemonize").contains("-S", "-pidfile");
    }

    /** What the driver passes is a definition with defaults filled: every golden case the validator accepts must still build. */
    @Test
    void goldenCasesBuildAfterDomainXmlDefaults() throws IOException {
        int built = 0;
        for (String name : argvCases()) {
            Path xml = QemuCommandLineGoldenTest.DIR.resolve(name + ".xml");
            Domain loaded;
            try {
                loaded = DomainXml.load(Files.readString(xml), name);
            } catch (DefinitionException e) {
                continue; // stricter validation than this builder's (e.g. virtiofs without shared memory)
            }
            QemuCommandLine.build(loaded, TestHost.caps(), TestHost.paths(loaded),
                    TestHost.options(QemuCommandLineGoldenTest.DIR.resolve(name + ".opts")));
            built++;
        }
        assertThat(built).isGreaterThanOrEqualTo(40);
    }

    private static List<String> argvCases() throws IOException {
        try (Stream<Path> s = Files.list(QemuCommandLineGoldenTest.DIR)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".args"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        }
    }
}
