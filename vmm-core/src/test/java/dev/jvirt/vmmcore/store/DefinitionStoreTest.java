package dev.jvirt.vmmcore.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionStoreTest {

    @Test
    void savesLoadsAndDeletesDefinitionsWithTheirAutostartMarker(@TempDir Path dir) throws Exception {
        DefinitionStore store = new DefinitionStore(dir.resolve("qemu"), dir.resolve("qemu/autostart"));
        store.save("b", "<domain>b</domain>");
        store.save("a", "<domain>a</domain>");
        Files.writeString(dir.resolve("qemu/.a.xml.tmp-x"), "half-written");
        store.setAutostart("a", true);

        assertThat(store.loadAll()).containsExactly(
                java.util.Map.entry("a", "<domain>a</domain>"), java.util.Map.entry("b", "<domain>b</domain>"));
        assertThat(store.isAutostart("a")).isTrue();
        assertThat(store.isAutostart("b")).isFalse();

        store.delete("a");
        assertThat(store.loadAll()).containsOnlyKeys("b");
        assertThat(store.isAutostart("a")).isFalse();
        assertThat(dir.resolve("qemu/a.xml")).doesNotExist();
    }

    @Test
    void anAbsentDirectoryHoldsNothing(@TempDir Path dir) {
        assertThat(new DefinitionStore(dir.resolve("none"), dir.resolve("none/autostart")).loadAll()).isEmpty();
    }
}
