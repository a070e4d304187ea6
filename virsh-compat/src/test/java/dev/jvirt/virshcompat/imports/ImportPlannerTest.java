package dev.jvirt.virshcompat.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.virshcompat.imports.ImportPlan.Action;
import dev.jvirt.virshcompat.imports.ImportPlan.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImportPlannerTest {

    private static final String URI = "qemu:///session";
    private static final String POOL_UUID = "11111111-1111-1111-1111-111111111111";
    private static final String NET_UUID = "22222222-2222-2222-2222-222222222222";
    private static final String DOM_XML = "<domain type='qemu'><name>web1</name><uuid>33333333-3333-3333-3333-333333333333</uuid>"
            + "<devices><disk type='volume' device='disk'><source pool='default' volume='web1.qcow2'/><target dev='vda'/></disk>"
            + "<interface type='network'><source network='default'/></interface></devices></domain>";

    /** Every definition runs, every file is readable; what jvirt was asked to check is kept. */
    private static final class Accepting implements JvirtHoldings.Checks {
        String checked;

        @Override
        public Optional<String> refusal(String domainXml) {
            checked = domainXml;
            return Optional.empty();
        }

        @Override
        public boolean readable(String path) {
            return true;
        }
    }

    private static LibvirtInventory inventory(boolean running) {
        return new LibvirtInventory(URI,
                List.of(new LibvirtInventory.Domain("web1", "33333333-3333-3333-3333-333333333333", DOM_XML, running, 42, true,
                        Map.of("default/web1.qcow2", "/var/lib/libvirt/images/web1.qcow2"))),
                List.of(new LibvirtInventory.Network("default", NET_UUID,
                        "<network><name>default</name><uuid>" + NET_UUID + "</uuid><bridge name='virbr0'/></network>", true, true)),
                List.of(new LibvirtInventory.Pool("default", POOL_UUID,
                        "<pool type='dir'><name>default</name><uuid>" + POOL_UUID + "</uuid></pool>", true, true)),
                List.of());
    }

    private static JvirtHoldings empty() {
        return new JvirtHoldings(Map.of(), Map.of(), Map.of());
    }

    @Test
    void clashingPoolAndNetworkAreRenamedAndTheDomainFollows() {
        Accepting checks = new Accepting();
        JvirtHoldings jvirt = new JvirtHoldings(Map.of(), Map.of("default", "99999999-0000-0000-0000-000000000000"),
                Map.of("default", "88888888-0000-0000-0000-000000000000"));
        ImportPlan plan = ImportPlanner.plan(inventory(false), jvirt, checks);
        assertThat(plan.steps()).extracting(Step::object)
                .containsExactly("pool default -> libvirt-default", "network default -> libvirt-default", "domain web1");
        assertThat(plan.steps()).extracting(Step::action).containsOnly(Action.DEFINE);
        Step domain = plan.steps().get(2);
        assertThat(domain.xml()).contains("pool=\"libvirt-default\"").contains("network=\"libvirt-default\"")
                .contains("digest=\"" + DefinitionXml.digest(DOM_XML) + "\"");
        assertThat(plan.steps().get(1).xml()).as("libvirt's bridge name left to jvirt").doesNotContain("virbr0");
        assertThat(checks.checked).as("jvirt checks the volume as the file it resolves to")
                .contains("file=\"/var/lib/libvirt/images/web1.qcow2\"").doesNotContain("volume=");
    }

    @Test
    void anEmulatedTpmsStateIsCarriedWhenLibvirtHasMadeIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path swtpm)
            throws Exception {
        String uuid = "44444444-4444-4444-4444-444444444444";
        String xml = "<domain type='qemu'><name>tpm1</name><uuid>" + uuid + "</uuid><devices><tpm model='tpm-crb'>"
                + "<backend type='emulator' version='2.0'/></tpm></devices></domain>";
        LibvirtInventory lv = new LibvirtInventory(URI, List.of(new LibvirtInventory.Domain("tpm1", uuid, xml, false, 0, false,
                Map.of())), List.of(), List.of(), List.of());
        Step none = ImportPlanner.plan(lv, empty(), new Accepting(), false, swtpm.toString()).steps().get(0);
        assertThat(none.tpmState()).isNull();
        assertThat(none.notes()).anyMatch(n -> n.startsWith("TPM state: libvirt has none in " + swtpm.resolve(uuid + "/tpm2")));
        java.nio.file.Files.createDirectories(swtpm.resolve(uuid).resolve("tpm2"));
        Step carried = ImportPlanner.plan(lv, empty(), new Accepting(), false, swtpm.toString()).steps().get(0);
        assertThat(carried.action()).isEqualTo(Action.DEFINE);
        assertThat(carried.tpmState()).isEqualTo(swtpm.resolve(uuid + "/tpm2").toString());
        assertThat(carried.notes()).contains("TPM state copied from " + carried.tpmState());
        assertThat(ImportPlanner.plan(lv, empty(), new Accepting()).steps().get(0).tpmState()).as("no swtpm directory known").isNull();
    }

    @Test
    void whatAnEarlierImportDefinedIsUnchanged() {
        JvirtHoldings jvirt = new JvirtHoldings(
                Map.of("web1", new JvirtHoldings.Held("33333333-3333-3333-3333-333333333333", DefinitionXml.digest(DOM_XML))),
                Map.of("default", NET_UUID), Map.of("default", POOL_UUID));
        ImportPlan plan = ImportPlanner.plan(inventory(false), jvirt, new Accepting());
        assertThat(plan.steps()).extracting(Step::action).containsOnly(Action.UNCHANGED);
        assertThat(plan.toDefine()).isEmpty();
    }

    @Test
    void aDomainNamedAsAnotherJvirtDomainIsRefused() {
        JvirtHoldings jvirt = new JvirtHoldings(Map.of("web1", new JvirtHoldings.Held("44444444-0000-0000-0000-000000000000", null)),
                Map.of(), Map.of());
        ImportPlan plan = ImportPlanner.plan(inventory(false), jvirt, new Accepting());
        assertThat(plan.refused()).singleElement().satisfies(s -> assertThat(s.notes())
                .containsExactly("jvirt has another domain named 'web1' (undefine or rename it there first)"));
    }

    @Test
    void aDomainWhoseNetworkAndPoolAreNotImportedIsRefusedWithBoth() {
        LibvirtInventory only = new LibvirtInventory(URI, inventory(false).domains(), List.of(), List.of(), List.of("gone"));
        ImportPlan plan = ImportPlanner.plan(only, empty(), new Accepting());
        assertThat(plan.table()).contains(" domain gone   refuse   libvirt at qemu:///session has no domain 'gone'")
                .contains("uses network 'default', which jvirt does not have (add --networks)")
                .contains("uses pool 'default', which jvirt does not have (add --pools)");
    }

    @Test
    void jvirtsRefusalAndAnUnreadableDiskAreSaid() {
        JvirtHoldings.Checks refusing = new JvirtHoldings.Checks() {
            @Override
            public Optional<String> refusal(String domainXml) {
                return Optional.of("<devices><hostdev>: jvirt cannot start it yet");
            }

            @Override
            public boolean readable(String path) {
                return true;
            }
        };
        ImportPlan plan = ImportPlanner.plan(inventory(false), empty(), refusing);
        assertThat(plan.refused()).singleElement().satisfies(s -> assertThat(s.notes().get(0))
                .isEqualTo("jvirt cannot run it: <devices><hostdev>: jvirt cannot start it yet"));
        JvirtHoldings.Checks unreadable = new JvirtHoldings.Checks() {
            @Override
            public Optional<String> refusal(String domainXml) {
                return Optional.empty();
            }

            @Override
            public boolean readable(String path) {
                return false;
            }
        };
        assertThat(ImportPlanner.plan(inventory(false), empty(), unreadable).refused().get(0).notes().get(0))
                .startsWith("disk /var/lib/libvirt/images/web1.qcow2 cannot be read by user ");
    }

    @Test
    void aRunningDomainIsDefinedWithAWarningAndItsAutostartCarried() {
        Step d = ImportPlanner.plan(inventory(true), empty(), new Accepting()).steps().get(2);
        assertThat(d.action()).isEqualTo(Action.DEFINE);
        assertThat(d.autostart()).isTrue();
        assertThat(d.notes()).contains("running under libvirt (QEMU pid 42): definition only; jvirt will not start it while that "
                + "QEMU holds its disks", "autostart");
    }

    @Test
    void moveDisksCopiesTheVolumesIntoJvirtsDefaultPoolButNotARunningGuests() {
        JvirtHoldings jvirt = new JvirtHoldings(Map.of(), Map.of(), Map.of(ImportPlanner.MOVE_TO, "88888888-0000-0000-0000-000000000000"));
        Step d = ImportPlanner.plan(inventory(false), jvirt, new Accepting(), true).steps().get(2);
        assertThat(d.copies()).containsExactly(new ImportPlan.Copy("libvirt-default", "web1.qcow2", "default"));
        assertThat(d.xml()).contains("pool=\"default\" volume=\"web1.qcow2\"");
        assertThat(d.notes()).contains("volume libvirt-default/web1.qcow2 copied to default/web1.qcow2");
        Step running = ImportPlanner.plan(inventory(true), jvirt, new Accepting(), true).steps().get(2);
        assertThat(running.copies()).isEmpty();
        assertThat(running.notes()).contains("disks not copied: a running guest's images cannot be copied whole");
        assertThat(ImportPlanner.plan(inventory(false), empty(), new Accepting(), true).steps().get(2).notes())
                .contains("--move-disks copies into jvirt's pool 'default', which jvirt does not have");
    }
}
