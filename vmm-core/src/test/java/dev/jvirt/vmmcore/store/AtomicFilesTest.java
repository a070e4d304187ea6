package dev.jvirt.vmmcore.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void writeReplacesTheFileAndLeavesNoTempFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("sub").resolve("vm1.xml");
        AtomicFiles.write(target, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "two".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(target)).isEqualTo("two");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void deleteAndDeleteTree(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a");
        AtomicFiles.write(file, new byte[0]);
        assertThat(AtomicFiles.delete(file)).isTrue();
        assertThat(AtomicFiles.delete(file)).isFalse();

        Path tree = dir.resolve("t");
        AtomicFiles.write(tree.resolve("x").resolve("y"), new byte[] {1});
        AtomicFiles.deleteTree(tree);
        assertThat(tree).doesNotExist();
        AtomicFiles.deleteTree(tree);
    }
}
