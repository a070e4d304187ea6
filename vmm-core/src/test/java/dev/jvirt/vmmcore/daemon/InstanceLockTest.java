package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {

    @Test
    void secondLockNamesTheFirstOwnersPid(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run/jvirtd.lock");
        try (InstanceLock first = InstanceLock.acquire(file)) {
            assertThat(Files.readString(file).trim()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThatThrownBy(() -> InstanceLock.acquire(file))
                    .isInstanceOfSatisfying(InstanceLock.AlreadyRunningException.class,
                            e -> assertThat(e.pid()).isEqualTo(Long.toString(ProcessHandle.current().pid())))
                    .hasMessageContaining("already running");
        }
        InstanceLock.acquire(file).close(); // released: free again
    }
}
