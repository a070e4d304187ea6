package dev.jvirt.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The wire shapes against themselves and against docs/api.md: each one written and read back is
 * itself (a sample with no default value in any field, so a field the writer leaves out or the
 * reader skips shows), every field it writes is named in the docs row of its endpoint, and every
 * shape has a sample here. The server's side is held to the same shapes by vmm-core's
 * ApiContractIT (what jvirtd answers, read and written again, is what it sent).
 */
class ShapeContractTest {

    /** A shape's sample, how to read it, and where docs/api.md describes it. */
    record Case(Shape sample, Function<JsonObject, Shape> reader, String docsRow) {
    }

    static final List<Case> CASES = List.of(
            new Case(new Domains.Summary(3L, "web1", "7cda699a-4596-4392-8afa-c56a3e764cfd", "running", "booted", true, true,
                    "web server"), Domains.Summary::from, "`GET /1.0/domains`"),
            new Case(new Domains.Info(3L, "web1", "7cda699a-4596-4392-8afa-c56a3e764cfd", "paused", "user", true, true,
                    "hvm", "kvm", 2, 1_000_000_007L, 131072, 65536, 4242L), Domains.Info::from, "`GET /1.0/domains/NAME`"),
            new Case(new Domains.StateReason("shut off", "destroyed"), Domains.StateReason::from,
                    "`GET /1.0/domains/NAME/state`"),
            new Case(new Domains.Ref("web1", "7cda699a-4596-4392-8afa-c56a3e764cfd", true, true), Domains.Ref::from, "`POST /1.0/domains`"),
            new Case(new Domains.BlockDevice("file", "disk", "vda", "/var/lib/x.qcow2"), Domains.BlockDevice::from,
                    "`GET /1.0/domains/NAME/blockdevices`"),
            new Case(new Domains.Interface("vnet0", "bridge", "br0", "virtio", "52:54:00:12:34:56"), Domains.Interface::from,
                    "`GET /1.0/domains/NAME/interfaces`"),
            new Case(new Domains.Stats("web1", Map.of("state.state", 1L)), Domains.Stats::from, "`GET /1.0/domains/NAME/stats`"),
            new Case(new Domains.BlockInfo("vda", "/var/lib/x.qcow2", 16_777_216, 200_704, 196_616, "none"),
                    Domains.BlockInfo::from, "`GET /1.0/domains/NAME/blockinfo`"),
            new Case(new Domains.Argv(List.of("qemu-system-x86_64", "-name", "guest=web1")), Domains.Argv::from,
                    "`POST /1.0/domxml-to-native`"),
            new Case(new Domains.Event("web1", "stopped", "destroyed", "2026-11-23T13:58:23.011Z"), Domains.Event::from,
                    "`GET /1.0/events`"),
            new Case(new Host.ServerInfo("1.0", "0.1.0", "vmm:///session", "host1", 77), Host.ServerInfo::from, "`GET /1.0`"),
            new Case(new Host.NodeInfo("x86_64", "AMD EPYC", 8, 2400, 2, 1, 4, 2, 16_000_000), Host.NodeInfo::from,
                    "`GET /1.0/host/nodeinfo`"),
            new Case(new Host.Memory(24_683_664, 22_969_460, 239_344, 536_104, List.of(new Host.Cell(1, 10_446_664, 8_718_820))),
                    Host.Memory::from, "`GET /1.0/host/memory`"),
            new Case(new Host.Cell(1, 10_446_664, 8_718_820), Host.Cell::from, "`GET /1.0/host/memory`"),
            new Case(new Requests.Define("<domain/>", true), Requests.Define::from, "`POST /1.0/domains`"),
            new Case(new Requests.Create("<domain/>", true), Requests.Create::from, "`POST /1.0/domains/create`"),
            new Case(new Requests.Start(true), Requests.Start::from, "`POST /1.0/domains/NAME/start`"),
            new Case(new Requests.Shutdown(30, "agent"), Requests.Shutdown::from, "`POST /1.0/domains/NAME/shutdown`"),
            new Case(new Guests.ExecRequest(List.of("/bin/echo", "hi"), "aGkK", 60), Guests.ExecRequest::from,
                    "`POST /1.0/domains/NAME/guest-exec`"),
            new Case(new Guests.ExecResult(3, "aGkK", "b29wcwo=", true), Guests.ExecResult::from,
                    "`POST /1.0/domains/NAME/guest-exec`"),
            new Case(new Guests.NestedStatus(true, true, "done", "done", "active", "5.0.2", List.of("lxd.service is inactive"),
                    List.of(new Guests.Container("c1", "Running", List.of("10.23.0.5/24 (eth0)"), List.of("limits.cpu=1")))),
                    Guests.NestedStatus::from, "`GET /1.0/domains/NAME/nested-status`"),
            new Case(new Guests.Container("c1", "Running", List.of("10.23.0.5/24 (eth0)"), List.of("limits.cpu=1")),
                    Guests.Container::from, "`GET /1.0/domains/NAME/nested-status`"),
            new Case(new Requests.Destroy(true), Requests.Destroy::from, "`POST /1.0/domains/NAME/destroy`"),
            new Case(new Requests.Autostart(true), Requests.Autostart::from, "`PUT /1.0/domains/NAME/autostart`"),
            new Case(new Requests.TpmState(Map.of("tpm2-00.permall", "AAEC")), Requests.TpmState::from,
                    "`PUT /1.0/domains/NAME/tpm-state`"),
            new Case(new Requests.QemuMonitor("info status", true), Requests.QemuMonitor::from,
                    "`POST /1.0/domains/NAME/qemu-monitor`"),
            new Case(new Requests.ToNative("<domain/>", "qemu-argv"), Requests.ToNative::from, "`POST /1.0/domxml-to-native`"),
            new Case(new Storage.Pool("default", "632db011-d4fa-4a45-8cf0-a7f3236581a1", "dir", true, true, true, 100L << 30,
                    40L << 30, 60L << 30), Storage.Pool::from, "`GET /1.0/storage-pools/NAME`"),
            new Case(new Storage.Volume("default", "web1.qcow2", "/var/lib/jvirt/images/web1.qcow2", "file", "qcow2", 10L << 30,
                    200_704, "/var/lib/jvirt/images/base.qcow2", "qcow2", true, "in use by guest 'web1'"), Storage.Volume::from,
                    "`GET /1.0/storage-pools/NAME/volumes/VOL`"),
            new Case(new Storage.Job(3, "upload", "default", "web1.qcow2", "failed", 1L << 20, 1L << 30, "connection lost"),
                    Storage.Job::from, "`GET /1.0/storage-jobs/ID`"),
            new Case(new Storage.Deleted(List.of("web1")), Storage.Deleted::from, "`DELETE /1.0/storage-pools/NAME/volumes/VOL`"),
            new Case(new Storage.PoolXml("<pool/>"), Storage.PoolXml::from, "`POST /1.0/storage-pools`"),
            new Case(new Storage.Build("overwrite"), Storage.Build::from, "`POST /1.0/storage-pools/NAME/build`"),
            new Case(new Storage.CreateVolume("<volume/>", "web1.qcow2", "10G", "qcow2", "metadata", "base.qcow2", "qcow2"),
                    Storage.CreateVolume::from, "`POST /1.0/storage-pools/NAME/volumes`"),
            new Case(new Storage.Resize("2G", true, true), Storage.Resize::from, "`POST /1.0/storage-pools/NAME/volumes/VOL/resize`"),
            new Case(new Storage.Clone("copy.qcow2", "other", "raw", "<volume/>"), Storage.Clone::from,
                    "`POST /1.0/storage-pools/NAME/volumes/VOL/clone`"),
            new Case(new Storage.Wipe("random"), Storage.Wipe::from, "`POST /1.0/storage-pools/NAME/volumes/VOL/wipe`"),
            new Case(new Devices.Change("<disk/>", "vdb", true, true), Devices.Change::from, "`POST /1.0/domains/NAME/devices/detach`"),
            new Case(new Devices.Result(true), Devices.Result::from, "`POST /1.0/domains/NAME/devices`"),
            new Case(new Saves.Save("/var/tmp/web1.save", "<domain/>", true), Saves.Save::from, "`POST /1.0/domains/NAME/save`"),
            new Case(new Saves.Restore("/var/tmp/web1.save", "<domain/>", true), Saves.Restore::from, "`POST /1.0/restore`"),
            new Case(new Saves.ManagedSave(true), Saves.ManagedSave::from, "`GET /1.0/domains/NAME/managed-save`"),
            new Case(new Saves.Job("Unbounded", "Save", 1200, 134_217_728L, 67_108_864L, 67_108_864L, 500_000_000L, "cancelled"),
                    Saves.Job::from, "`GET /1.0/domains/NAME/job`"),
            new Case(new Snapshots.Create("<domainsnapshot/>", "s1", "before the upgrade", true, true, Map.of("vda", "/var/tmp/vda.s1")),
                    Snapshots.Create::from, "`POST /1.0/domains/NAME/snapshots`"),
            new Case(new Snapshots.Info("s1", "before the upgrade", "running", 1_765_000_000L, "s0", true, "internal", 2, 3),
                    Snapshots.Info::from, "`GET /1.0/domains/NAME/snapshots`"),
            new Case(new Snapshots.Revert(true), Snapshots.Revert::from, "`POST /1.0/domains/NAME/snapshots/SNAP/revert`"),
            new Case(new Snapshots.Current("s1"), Snapshots.Current::from, "`GET /1.0/domains/NAME/snapshot-current`"),
            new Case(new Tuning.Memory(98304, true, true, true), Tuning.Memory::from, "`POST /1.0/domains/NAME/memory`"),
            new Case(new Tuning.Describe("front web server", true, true, true), Tuning.Describe::from,
                    "`POST /1.0/domains/NAME/description`"),
            new Case(new Tuning.Text("front web server"), Tuning.Text::from, "`GET /1.0/domains/NAME/description`"),
            new Case(new Tuning.SetVcpus(2, true, true, true), Tuning.SetVcpus::from, "`POST /1.0/domains/NAME/vcpus`"),
            new Case(new Tuning.Display("spice", "127.0.0.1", 5901, 5902L), Tuning.Display::from,
                    "`GET /1.0/domains/NAME/displays`"),
            new Case(new Tuning.Pin(List.of(0, 1), true, true), Tuning.Pin::from, "`POST /1.0/domains/NAME/vcpus/N/pin`"),
            new Case(new Tuning.Keys(List.of("alt", "sysrq", "h"), 100), Tuning.Keys::from, "`POST /1.0/domains/NAME/send-key`"),
            new Case(new Tuning.Rename("web2"), Tuning.Rename::from, "`POST /1.0/domains/NAME/rename`"),
            new Case(new Tuning.Iothread(1, List.of(0, 1)), Tuning.Iothread::from, "`GET /1.0/domains/NAME/iothreads`"),
            new Case(new Tuning.BlockResize("vda", 134217728), Tuning.BlockResize::from,
                    "`POST /1.0/domains/NAME/block-resize`"),
            new Case(new Tuning.Media("hdc", "/srv/iso/x.iso", true), Tuning.Media::from, "`POST /1.0/domains/NAME/media`"),
            new Case(new Tuning.VcpuCount(2, 1, 2, 1), Tuning.VcpuCount::from, "`GET /1.0/domains/NAME/vcpus/count`"),
            new Case(new Tuning.Vcpu(1, 1, "running", 7_300_000_000L, List.of(0, 1)), Tuning.Vcpu::from,
                    "`GET /1.0/domains/NAME/vcpus`"),
            new Case(new Tuning.Vcpus(2, List.of(new Tuning.Vcpu(1, 1, "running", 7_300_000_000L, List.of(0, 1)))),
                    Tuning.Vcpus::from, "`GET /1.0/domains/NAME/vcpus`"),
            new Case(new Networks.Summary("nat1", "7cda699a-4596-4392-8afa-c56a3e764cfd", true, true, true, "jvbr0"),
                    Networks.Summary::from, "`GET /1.0/networks`"),
            new Case(new Networks.Lease("nat1", 1_765_000_000L, "52:54:00:12:34:56", "ipv4", "10.63.0.10", 24, "one",
                    "01:52:54:00:12:34:56", "7"), Networks.Lease::from, "`GET /1.0/networks/NAME/leases`"),
            new Case(new Networks.Address("ipv4", "10.63.0.10", 24), Networks.Address::from,
                    "`GET /1.0/domains/NAME/interface-addresses`"),
            new Case(new Networks.InterfaceAddresses("jvtap0", "52:54:00:12:34:56",
                    List.of(new Networks.Address("ipv4", "10.63.0.10", 24))), Networks.InterfaceAddresses::from,
                    "`GET /1.0/domains/NAME/interface-addresses`"),
            new Case(new Networks.Define("<network/>"), Networks.Define::from, "`POST /1.0/networks`"),
            new Case(new Networks.Update("add", "ip-dhcp-host", -1, "<host mac='52:54:00:12:34:56' ip='10.63.0.20'/>", true,
                    true), Networks.Update::from, "`POST /1.0/networks/NAME/update`"),
            new Case(new Networks.Attach("network", "nat1", "52:54:00:12:34:56", "virtio", true, true), Networks.Attach::from,
                    "`POST /1.0/domains/NAME/interfaces`"),
            new Case(new Networks.Detach("network", "52:54:00:12:34:56", true, true), Networks.Detach::from,
                    "`POST /1.0/domains/NAME/interfaces/detach`"),
            new Case(new Networks.Destroy(true), Networks.Destroy::from, "`POST /1.0/networks/NAME/destroy`"),
            new Case(new ApiError("qemu-error", "QMP said no", "try again", Json.object("class", "GenericError", "desc", "no")),
                    ApiError::from, "## Errors"));

    @Test
    void everyShapeWrittenAndReadBackIsItself() {
        for (Case c : CASES) {
            assertThat(c.reader().apply(JsonObject.parse(Json.write(c.sample().toJson()))))
                    .as(c.sample().getClass().getName()).isEqualTo(c.sample());
        }
    }

    @Test
    void everySampleSetsEveryFieldAwayFromItsDefault() throws Exception {
        for (Case c : CASES) {
            for (RecordComponent rc : c.sample().getClass().getRecordComponents()) {
                Object v = rc.getAccessor().invoke(c.sample());
                assertThat(v).as(c.sample().getClass().getSimpleName() + "." + rc.getName())
                        .isNotNull().isNotEqualTo(false).isNotEqualTo(0L).isNotEqualTo(0).isNotEqualTo("");
            }
        }
    }

    @Test
    void everyFieldIsDocumentedInItsEndpointsRow() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "api.md"));
        List<String> missing = new ArrayList<>();
        for (Case c : CASES) {
            String where = section(docs, c.docsRow());
            for (String key : keys(c.sample().toJson())) {
                if (!where.contains("\"" + key + "\"")) {
                    missing.add(c.docsRow() + ": \"" + key + "\" (" + c.sample().getClass().getSimpleName() + ")");
                }
            }
        }
        assertThat(missing).as("fields that docs/api.md does not name where it describes their shape").isEmpty();
    }

    @Test
    void everyShapeHasACase() {
        Set<String> covered = new TreeSet<>();
        for (Case c : CASES) {
            covered.add(c.sample().getClass().getName());
        }
        Set<String> shapes = new TreeSet<>();
        shapes.add(ApiError.class.getName());
        for (Class<?> holder : List.of(Domains.class, Host.class, Requests.class, Storage.class, Devices.class, Tuning.class,
                Networks.class, Guests.class, Saves.class, Snapshots.class)) {
            for (Class<?> nested : holder.getDeclaredClasses()) {
                if (Shape.class.isAssignableFrom(nested)) {
                    shapes.add(nested.getName());
                }
            }
        }
        assertThat(covered).isEqualTo(shapes);
    }

    /** The table row that starts with {@code row}, or the section under a heading. */
    private static String section(String docs, String row) {
        if (row.startsWith("#")) {
            int start = docs.indexOf("\n" + row + "\n");
            assertThat(start).as("docs/api.md has " + row).isNotNegative();
            int end = docs.indexOf("\n## ", start + row.length() + 2);
            return docs.substring(start, end < 0 ? docs.length() : end);
        }
        StringBuilder rows = new StringBuilder();
        for (String line : docs.split("\n")) {
            if (line.startsWith("| " + row + " |")) {
                rows.append(line).append('\n');
            }
        }
        assertThat(rows).as("docs/api.md has a row for " + row).isNotEmpty();
        return rows.toString();
    }

    /** Every field name, nested objects' too. */
    @SuppressWarnings("unchecked")
    private static List<String> keys(Map<String, Object> json) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, Object> e : new LinkedHashMap<>(json).entrySet()) {
            keys.add(e.getKey());
            if (e.getValue() instanceof Map) {
                keys.addAll(keys((Map<String, Object>) e.getValue()));
            }
        }
        return keys;
    }
}
