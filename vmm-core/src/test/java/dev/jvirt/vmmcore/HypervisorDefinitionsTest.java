package dev.jvirt.vmmcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Definitions, queries and the state machine of the facade: nothing here starts QEMU. */
class HypervisorDefinitionsTest {
    private static final String XML = """
            <domain type='qemu'>
              <name>%s</name>
              %s
              <memory unit='MiB'>64</memory>
              <os><type arch='x86_64' machine='pc'>hvm</type><kernel>/boot/none</kernel></os>
            </domain>
            """;
    @TempDir
    Path dir;
    private StateDirs dirs;
    private Hypervisor hv;

    @BeforeEach
    void open() {
        dirs = new StateDirs(dir.resolve("state"), dir.resolve("run"));
        hv = Hypervisor.open(HypervisorConfig.of(dirs));
    }

    @AfterEach
    void close() {
        hv.close();
    }

    private static String xml(String name, String uuid) {
        return XML.formatted(name, uuid == null ? "" : "<uuid>" + uuid + "</uuid>");
    }

    @Test
    void defineStoresTheCompletedDefinitionAndAnotherHypervisorFindsIt() throws Exception {
        DomainInfo info = hv.define(xml("vm1", null));
        hv.setAutostart("vm1", true);

        assertThat(info.status().describe()).isEqualTo("shut off (unknown)");
        assertThat(info.persistent()).isTrue();
        assertThat(info.uuid()).matches("[0-9a-f-]{36}");
        assertThat(info.memoryKiB()).isEqualTo(64 * 1024);
        String stored = Files.readString(dirs.qemuDefinitions().resolve("vm1.xml"));
        assertThat(stored).contains(info.uuid());
        assertThat(hv.xml("vm1", false)).isEqualTo(stored);

        try (Hypervisor again = Hypervisor.open(HypervisorConfig.of(dirs))) {
            assertThat(again.list()).extracting(DomainInfo::name).containsExactly("vm1");
            assertThat(again.info("vm1").autostart()).isTrue();
            assertThat(again.info("vm1").uuid()).isEqualTo(info.uuid());
        }
    }

    @Test
    void redefiningWithoutAUuidKeepsItAndAnotherUuidIsAConflict() {
        String uuid = hv.define(xml("vm1", null)).uuid();
        assertThat(hv.define(xml("vm1", null)).uuid()).isEqualTo(uuid);
        assertThatThrownBy(() -> hv.define(xml("vm1", "11111111-2222-3333-4444-555555555555")))
                .isInstanceOf(DomainConflictException.class)
                .hasMessageContaining("already exists with UUID " + uuid);
    }

    @Test
    void invalidXmlIsRejectedWithWhereAndWhatAndNothingIsStored() {
        assertThatThrownBy(() -> hv.define("<domain type='qemu'>\n  <name>x</name>\n  <memroy>1</memroy>\n</domain>"))
                .isInstanceOf(InvalidDomainException.class)
                .hasMessageContaining("3:")
                .hasMessageContaining("memroy");
        assertThat(hv.list()).isEmpty();
        assertThat(dirs.qemuDefinitions().resolve("x.xml")).doesNotExist();
    }

    @Test
    void operationsOnAShutOffDomainAreTypedErrors() {
        hv.define(xml("vm1", null));
        assertThatThrownBy(() -> hv.suspend("vm1")).isInstanceOf(InvalidStateException.class)
                .hasMessage("cannot suspend domain 'vm1': it is shut off (unknown); suspend needs it running");
        assertThatThrownBy(() -> hv.destroy("vm1")).isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> hv.shutdown("vm1", Duration.ZERO)).isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> hv.resume("vm1")).isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> hv.info("nope")).isInstanceOf(NoSuchDomainException.class)
                .hasMessage("domain 'nope' not found");
    }

    @Test
    void undefineForgetsAShutOffDomainAndPublishesEvents() throws Exception {
        java.util.List<DomainEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        hv.subscribe(events::add);
        hv.define(xml("vm1", null));
        hv.setAutostart("vm1", true);
        hv.undefine("vm1");

        assertThat(hv.list()).isEmpty();
        assertThat(dirs.qemuDefinitions().resolve("vm1.xml")).doesNotExist();
        assertThat(dirs.qemuAutostart().resolve("vm1")).doesNotExist();
        assertThatThrownBy(() -> hv.undefine("vm1")).isInstanceOf(NoSuchDomainException.class);
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (events.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(events).extracting(DomainEvent::kind)
                .containsExactly(DomainEvent.Kind.DEFINED, DomainEvent.Kind.UNDEFINED);
    }
}
