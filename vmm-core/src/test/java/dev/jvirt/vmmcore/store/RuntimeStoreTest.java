package dev.jvirt.vmmcore.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.StateReason;
import dev.jvirt.vmmcore.qemu.ConsoleKind;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeStoreTest {

    @Test
    void theStatusRecordRoundTripsAndRemoveLeavesNothing(@TempDir Path dir) throws Exception {
        RuntimeStore store = new RuntimeStore(dir.resolve("qemu"));
        GuestPaths paths = store.create("vm1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(paths.dir()))).isEqualTo("rwx------");
        GuestLaunch launch = new GuestLaunch(7, 0, "/usr/bin/qemu", List.of("/usr/bin/qemu", "-S"),
                ConsoleKind.SERIAL_FIFOS, 1234L).withPid(42);
        RuntimeRecord record = RuntimeRecord.of("vm1", RuntimeRecord.Phase.STARTING, launch,
                DomainStatus.of(DomainState.PAUSED, StateReason.STARTING_UP));
        store.write(paths, record);
        assertThat(store.read(paths)).hasValueSatisfying(r -> {
            assertThat(r.phase()).isEqualTo(RuntimeRecord.Phase.STARTING);
            assertThat(r.pid()).isEqualTo(42);
            assertThat(r.reason()).isEqualTo(StateReason.STARTING_UP);
            assertThat(r.launch()).isEqualTo(launch); // id and console kind come back as written
        });
        record = RuntimeRecord.of("vm1", RuntimeRecord.Phase.ACTIVE, launch, DomainStatus.of(DomainState.PAUSED, StateReason.USER));
        store.write(paths, record);
        store.writeLiveXml(paths, "<domain/>");

        assertThat(store.read(paths)).contains(record);
        assertThat(store.readLiveXml(paths)).contains("<domain/>");
        assertThat(store.names()).containsExactly("vm1");

        store.remove(paths);
        assertThat(paths.dir()).doesNotExist();
        assertThat(store.names()).isEmpty();
        assertThat(store.read(paths)).isEmpty();
    }
}
