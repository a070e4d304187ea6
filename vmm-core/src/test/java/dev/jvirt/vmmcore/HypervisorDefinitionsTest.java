package dev.jvirt.vmmcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
                .hasMessageStartingWith("domain 'vm1' already exists with uuid " + uuid);
        assertThat(hv.info("vm1").uuid()).isEqualTo(uuid);
    }

    @Test
    void aDefineSaysWhetherItReplacedADefinitionAndNoReplaceRefusesToReplace() {
        DefineResult first = hv.define(xml("vm1", null), false);
        assertThat(first.replaced()).isFalse();
        assertThat(hv.define(xml("vm1", null), false).replaced()).isTrue();
        String stored = hv.xml("vm1", true);
        assertThatThrownBy(() -> hv.define(xml("vm1", null).replace("64", "96"), true))
                .isInstanceOf(DomainConflictException.class)
                .hasMessageStartingWith("domain 'vm1' already exists with uuid " + first.domain().uuid());
        assertThat(hv.xml("vm1", true)).isEqualTo(stored);
        assertThat(hv.define(xml("vm2", null), true).replaced()).isFalse();
    }

    @Test
    void theStatsOfAShutOffDomainAreWhatItsDefinitionSaysAsLibvirtGivesThem() {
        hv.define(xml("vm1", null));
        assertThat(hv.monitoring().stats("vm1", DomainStats.ALL).stats()).containsExactly(
                java.util.Map.entry("state.state", 5L), java.util.Map.entry("state.reason", 0L),
                java.util.Map.entry("balloon.current", 65536L), java.util.Map.entry("balloon.maximum", 65536L),
                java.util.Map.entry("vcpu.current", 1L), java.util.Map.entry("vcpu.maximum", 1L),
                java.util.Map.entry("block.count", 0L));
        assertThatThrownBy(() -> hv.monitoring().blockInfo("vm1")).isInstanceOf(InvalidStateException.class);
    }

    @Test
    void theTitleIsInTheDomainsInfo() {
        hv.define(XML.formatted("vm1", "<title>web server</title>"));
        assertThat(hv.info("vm1").title()).isEqualTo("web server");
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
                .hasMessage("cannot suspend domain 'vm1': it is shut off (unknown); it must be running");
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

    @Test
    void ofConcurrentDefinesWithOneUuidExactlyOneWinsAndTheOthersAreToldWhichDomainHasIt() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 40; round++) {
                String uuid = String.format("00000000-0000-4000-8000-%012d", round);
                CyclicBarrier together = new CyclicBarrier(threads);
                List<Future<DomainInfo>> defines = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String name = "r" + round + "t" + t;
                    defines.add(pool.submit(() -> {
                        together.await();
                        return hv.define(xml(name, uuid));
                    }));
                }
                List<String> winners = new ArrayList<>();
                List<Throwable> losers = new ArrayList<>();
                for (Future<DomainInfo> f : defines) {
                    try {
                        winners.add(f.get(30, TimeUnit.SECONDS).name());
                    } catch (ExecutionException e) {
                        losers.add(e.getCause());
                    }
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                String winner = winners.get(0);
                assertThat(losers).hasSize(threads - 1).allSatisfy(e -> assertThat(e)
                        .isInstanceOf(DomainConflictException.class)
                        .hasMessageStartingWith("domain '" + winner + "' is already defined with uuid " + uuid));
                assertThat(hv.list()).filteredOn(d -> d.uuid().equals(uuid)).extracting(DomainInfo::name)
                        .containsExactly(winner);
                assertThat(hv.lookupByUuid(uuid.toUpperCase(java.util.Locale.ROOT)).name()).isEqualTo(winner);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.list(dirs.qemuDefinitions())) {
            assertThat(files.filter(f -> f.toString().endsWith(".xml"))).hasSize(40);
        }
    }

    @Test
    void aUuidIsFreeAgainOnceItsDomainIsUndefinedAndAFailedDefineLeavesNoTrace() {
        String uuid = "11111111-2222-3333-4444-555555555555";
        hv.define(xml("first", uuid));
        assertThatThrownBy(() -> hv.define(xml("second", uuid))).isInstanceOf(DomainConflictException.class)
                .hasMessageContaining("domain 'first' is already defined with uuid " + uuid);
        assertThatThrownBy(() -> hv.createTransient(xml("third", uuid))).isInstanceOf(DomainConflictException.class)
                .hasMessageContaining("domain 'first' is already defined with uuid " + uuid);
        assertThat(hv.list()).extracting(DomainInfo::name).containsExactly("first");
        assertThatThrownBy(() -> hv.info("second")).isInstanceOf(NoSuchDomainException.class);
        assertThat(dirs.qemuDefinitions().resolve("second.xml")).doesNotExist();

        hv.undefine("first");
        assertThatThrownBy(() -> hv.lookupByUuid(uuid)).isInstanceOf(NoSuchDomainException.class);
        assertThat(hv.define(xml("second", uuid)).name()).isEqualTo("second");
        assertThat(hv.lookupByUuid(uuid.replace("-", "")).name()).isEqualTo("second");
    }

    @Test
    void aStoredDefinitionWhoseUuidAnotherHasIsIgnoredOnLoad() throws Exception {
        String uuid = "11111111-2222-3333-4444-555555555555";
        hv.define(xml("a", uuid));
        Files.writeString(dirs.qemuDefinitions().resolve("b.xml"), xml("b", uuid)); // written behind jvirt's back
        try (Hypervisor again = Hypervisor.open(HypervisorConfig.of(dirs))) {
            assertThat(again.list()).extracting(DomainInfo::name).containsExactly("a");
            assertThat(again.lookupByUuid(uuid).name()).isEqualTo("a");
        }
    }

    /** A definition without a name (or with an empty one) is the user's to fix: an invalid definition naming the element, not a crash. */
    @Test
    void aDefinitionWithoutANameIsRefusedNamingTheElement() {
        for (String bad : List.of("<domain type='qemu'><memory>65536</memory></domain>",
                "<domain type='qemu'><name></name><memory>65536</memory></domain>", "<domain/>")) {
            assertThatThrownBy(() -> hv.define(bad)).as(bad).isInstanceOf(InvalidDomainException.class)
                    .hasMessageContaining("/domain").hasMessageContaining("name");
            assertThatThrownBy(() -> hv.createTransient(bad)).as(bad).isInstanceOf(InvalidDomainException.class);
        }
        assertThat(hv.list()).isEmpty();
    }
}
