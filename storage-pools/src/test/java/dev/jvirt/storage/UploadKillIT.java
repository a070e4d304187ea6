package dev.jvirt.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed (SIGKILL) mid-upload leaves the volume marked incomplete and refused, never silently half-written. */
class UploadKillIT {
    @TempDir
    Path tmp;

    @Test
    void aKilledUploadLeavesTheVolumeMarkedIncomplete() throws Exception {
        Path src = tmp.resolve("src.raw");
        TestStorage.sparseImage(src, 64L << 20, 64);
        try (TestStorage st = new TestStorage(tmp)) {
            st.dirPool("p");
            st.pools.volumes().create("p", VolumeSpec.of("v.img", "raw", 64L << 20, Preallocation.OFF));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), UploadChild.class.getName(),
                tmp.toString(), "v.img", src.toString())).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("PROGRESS")) {
                // SLF4J notices and the like
            }
            assertThat(line).as("the child reports progress before it is killed").startsWith("PROGRESS");
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(137);
        } finally {
            child.destroyForcibly();
        }
        try (TestStorage st = new TestStorage(tmp)) {
            VolumeRef v = new VolumeRef("p", "v.img");
            VolumeInfo i = st.pools.volumes().info(v);
            assertThat(i.incomplete()).isTrue();
            assertThatThrownBy(() -> st.pools.resolve("p", "v.img", "g1")).isInstanceOf(VolumeIncompleteException.class)
                    .hasMessageContaining("incomplete").hasMessageContaining("vol-upload");
            assertThatThrownBy(() -> st.pools.volumes().cloneVolume(v, "p", "c.img", null, null))
                    .isInstanceOf(VolumeIncompleteException.class);
            assertThatThrownBy(() -> st.pools.volumes().resize(v, 128L << 20, false)).isInstanceOf(VolumeIncompleteException.class);
            assertThatThrownBy(() -> st.pools.volumes().create("p", VolumeSpec.linkedClone("o.qcow2", v, "raw", -1)))
                    .isInstanceOf(VolumeIncompleteException.class);
            // completing the upload makes it usable; deleting would have been allowed too
            TestStorage.await(st.pools.volumes().uploadFile(v, src, null));
            assertThat(st.pools.volumes().info(v).incomplete()).isFalse();
            assertThat(TestStorage.sha256(st.pools.volumes().path(v))).isEqualTo(TestStorage.sha256(src));
            st.pools.resolve("p", "v.img", "g1").close();
            st.pools.volumes().delete(v, false);
        }
    }

    @Test
    void deletingAnIncompleteVolumeClearsItsMarker() throws Exception {
        try (TestStorage st = new TestStorage(tmp)) {
            st.dirPool("p");
            VolumeRef v = new VolumeRef("p", "v.img");
            st.pools.volumes().create("p", VolumeSpec.of("v.img", "raw", 4L << 20, Preallocation.OFF));
            Job j = st.pools.volumes().upload(v, java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(new byte[100])),
                    4L << 20, null);
            assertThatThrownBy(() -> TestStorage.await(j)).hasMessageContaining("marked incomplete");
            assertThat(st.pools.volumes().info(v).incomplete()).isTrue();
            st.pools.volumes().delete(v, false);
            st.pools.volumes().create("p", VolumeSpec.of("v.img", "raw", 4L << 20, Preallocation.OFF));
            assertThat(st.pools.volumes().info(v).incomplete()).isFalse();
        }
    }
}
