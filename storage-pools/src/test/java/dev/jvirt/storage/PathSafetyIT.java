package dev.jvirt.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names and links that would lead out of a pool are refused, and nothing is written outside it. */
class PathSafetyIT {
    @TempDir
    Path tmp;
    private TestStorage st;
    private Volumes vols;
    private Path outside;

    @BeforeEach
    void setUp() throws Exception {
        st = new TestStorage(tmp);
        vols = st.pools.volumes();
        st.dirPool("p");
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("victim"), "keep me");
    }

    @AfterEach
    void tearDown() {
        st.close();
    }

    @Test
    void escapingNamesAreRefusedForEveryOperation() throws Exception {
        Path src = tmp.resolve("src.raw");
        TestStorage.sparseImage(src, 1 << 20, 1);
        for (String bad : List.of("../x", "../outside/victim", "/etc/x", outside.resolve("victim").toString(), "-o", "-f", "..", ".",
                "a/b", "", ".hidden")) {
            VolumeRef r = new VolumeRef("p", bad);
            assertThatThrownBy(() -> vols.create("p", VolumeSpec.of(bad, "raw", 1 << 20, Preallocation.OFF))).as(bad)
                    .isInstanceOf(InvalidStorageRequestException.class).hasMessageContaining("invalid volume name");
            assertThatThrownBy(() -> vols.uploadFile(r, src, null)).as(bad).isInstanceOf(InvalidStorageRequestException.class);
            assertThatThrownBy(() -> vols.delete(r, true)).as(bad).isInstanceOf(InvalidStorageRequestException.class);
            assertThatThrownBy(() -> vols.resize(r, 2 << 20, false)).as(bad).isInstanceOf(InvalidStorageRequestException.class);
            assertThatThrownBy(() -> vols.wipe(r, WipeAlgorithm.ZERO, null)).as(bad).isInstanceOf(InvalidStorageRequestException.class);
            assertThatThrownBy(() -> st.pools.resolve("p", bad, "g1")).as(bad).isInstanceOf(InvalidStorageRequestException.class);
        }
        assertThat(Files.readString(outside.resolve("victim"))).isEqualTo("keep me");
        assertThat(Path.of("/etc/x")).doesNotExist();
        try (var s = Files.list(outside)) {
            assertThat(s.toList()).containsExactly(outside.resolve("victim"));
        }
        try (var s = Files.list(tmp.resolve("p"))) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void aSymlinkInThePoolIsNotFollowed() throws Exception {
        Path victim = outside.resolve("victim");
        Files.createSymbolicLink(tmp.resolve("p/link.img"), victim);
        VolumeRef r = new VolumeRef("p", "link.img");
        Path src = tmp.resolve("src.raw");
        TestStorage.sparseImage(src, 4096, 0);
        assertThat(vols.list("p")).isEmpty();
        assertThatThrownBy(() -> vols.uploadFile(r, src, null)).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> vols.wipe(r, WipeAlgorithm.ZERO, null)).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> vols.resize(r, 1 << 20, false)).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> vols.delete(r, true)).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> vols.info(r)).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> st.pools.resolve("p", "link.img", "g1")).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> vols.create("p", VolumeSpec.of("link.img", "raw", 1 << 20, Preallocation.OFF)))
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> vols.cloneVolume(r, "p", "copy.img", null, null)).hasMessageContaining("symbolic link");
        assertThat(Files.readString(victim)).isEqualTo("keep me");
        assertThat(Files.isSymbolicLink(tmp.resolve("p/link.img"))).isTrue();
        try (var s = Files.list(outside)) {
            assertThat(s.toList()).containsExactly(victim);
        }
    }

    @Test
    void aPoolWhoseTargetIsASymlinkIsKeptInsideItsRealDirectory() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Files.createSymbolicLink(tmp.resolve("alias"), real);
        st.pools.define("<pool type='dir'><name>q</name><target><path>" + tmp.resolve("alias") + "</path></target></pool>", null);
        st.pools.start("q");
        VolumeInfo v = vols.info(vols.create("q", VolumeSpec.of("v.img", "raw", 1 << 20, Preallocation.OFF)));
        assertThat(Path.of(v.path()).getParent()).isEqualTo(real.toRealPath());
    }
}
