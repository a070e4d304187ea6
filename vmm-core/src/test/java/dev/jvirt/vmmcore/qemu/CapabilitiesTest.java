package dev.jvirt.vmmcore.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvirt.vmmcore.HostCapabilities;
import dev.jvirt.vmmcore.store.CapabilitiesCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing QMP's answers, the binary's identity, and the on-disk cache. */
class CapabilitiesTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void parsesVersionMachinesWithAliasesAndDevices() throws Exception {
        JsonNode version = json.readTree("{\"qemu\":{\"major\":7,\"minor\":2,\"micro\":22},\"package\":\"Debian\"}");
        JsonNode machines = json.readTree("[{\"name\":\"pc-i440fx-7.2\",\"alias\":\"pc\",\"is-default\":true},"
                + "{\"name\":\"pc-q35-7.2\",\"alias\":\"q35\"},{\"name\":\"microvm\"}]");
        JsonNode types = json.readTree("[{\"name\":\"virtio-blk-pci\",\"parent\":\"virtio-blk-pci-base\"},"
                + "{\"name\":\"isa-serial\"}]");
        BinaryIdentity id = new BinaryIdentity("/usr/bin/qemu-system-x86_64", 1, 2, 3);

        ProbedBinary p = QmpCapabilitiesProbe.parse(id, "/usr/bin/qemu-system-x86_64", version, machines, types);

        assertThat(p.qemuVersion()).isEqualTo("7.2.22");
        assertThat(p.machines()).containsExactlyInAnyOrder("pc-i440fx-7.2", "pc", "pc-q35-7.2", "q35", "microvm");
        HostCapabilities caps = p.with(HostCapabilities.KvmSupport.no("test"));
        assertThat(caps.resolveMachine("pc")).isEqualTo("pc-i440fx-7.2");
        assertThat(caps.resolveMachine("q35")).isEqualTo("pc-q35-7.2");
        assertThat(caps.deviceTypes()).containsExactlyInAnyOrder("virtio-blk-pci", "isa-serial");
    }

    @Test
    void theIdentityChangesWithTheBinary(@TempDir Path dir) throws Exception {
        Path bin = Files.writeString(dir.resolve("qemu"), "v1");
        BinaryIdentity before = BinaryIdentity.of(bin);
        assertThat(BinaryIdentity.of(bin)).isEqualTo(before);
        Files.setLastModifiedTime(bin, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        BinaryIdentity after = BinaryIdentity.of(bin);
        assertThat(after).isNotEqualTo(before);
        assertThat(after.key()).isNotEqualTo(before.key()).matches("[0-9a-f]{32}");
    }

    @Test
    void theCacheAnswersOnlyForTheSameIdentity(@TempDir Path dir) throws Exception {
        CapabilitiesCache cache = new CapabilitiesCache(dir.resolve("cache"));
        BinaryIdentity id = new BinaryIdentity("/usr/bin/qemu", 10, 20, 30);
        ProbedBinary p = new ProbedBinary(id, "/usr/bin/qemu", "7.2.0", java.util.Set.of("pc", "pc-i440fx-7.2"),
                java.util.Map.of("pc", "pc-i440fx-7.2"), java.util.Set.of("virtio-net-pci"));
        cache.store(p);

        assertThat(cache.lookup(id)).contains(p);
        assertThat(cache.lookup(new BinaryIdentity("/usr/bin/qemu", 10, 21, 30))).isEmpty();
    }
}
