package dev.jvirt.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fs pools over a loop device the test makes, and over an image file (mount loops it itself). */
class FsPoolIT {
    private static final long MIB = 1 << 20;
    @TempDir
    Path tmp;

    @AfterEach
    void unmountLeftovers() throws Exception {
        for (String d : List.of("mnt", "mnt2")) {
            Path m = tmp.resolve(d);
            if (Files.isDirectory(m) && Files.readString(Path.of("/proc/self/mountinfo")).contains(" " + m.toRealPath() + " ")) {
                new ProcessBuilder("umount", m.toString()).start().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String xml(String name, String device, Path target) {
        return "<pool type='fs'><name>" + name + "</name><source><device path='" + device + "'/><format type='ext4'/></source>"
                + "<target><path>" + target + "</path></target></pool>";
    }

    private static boolean mounted(Path p) throws Exception {
        return Files.readString(Path.of("/proc/self/mountinfo")).contains(" " + p.toRealPath() + " ");
    }

    @Test
    void buildStartVolumesStopDeleteOverALoopDevice() throws Exception {
        try (LoopDevice loop = LoopDevice.attach(tmp.resolve("disk.img"), 96 * MIB); TestStorage st = new TestStorage(tmp)) {
            Path mnt = tmp.resolve("mnt");
            st.pools.define(xml("fsp", loop.device, mnt), "fsp.xml");
            st.pools.build("fsp", BuildMode.NO_OVERWRITE);
            assertThat(TestStorage.sh("blkid", "-o", "value", "-s", "TYPE", loop.device).strip()).isEqualTo("ext4");
            assertThatThrownBy(() -> st.pools.build("fsp", BuildMode.NO_OVERWRITE)).isInstanceOf(PoolStateException.class)
                    .hasMessageContaining("already holds ext4").hasMessageContaining("--overwrite");
            st.pools.start("fsp");
            assertThat(mounted(mnt)).isTrue();
            assertThat(TestStorage.sh("findmnt", "-n", "-o", "OPTIONS", mnt.toString())).contains("nosuid").contains("nodev")
                    .contains("noexec");
            PoolInfo i = st.pools.info("fsp");
            assertThat(i.running()).isTrue();
            assertThat(i.capacity()).isBetween(60 * MIB, 96 * MIB);
            assertThat(i.available()).isLessThan(i.capacity());

            Volumes v = st.pools.volumes();
            v.create("fsp", VolumeSpec.of("base.qcow2", "qcow2", 16 * MIB, Preallocation.OFF));
            v.create("fsp", VolumeSpec.linkedClone("c.qcow2", new VolumeRef("fsp", "base.qcow2"), null, -1));
            TestStorage.await(v.cloneVolume(new VolumeRef("fsp", "base.qcow2"), "fsp", "full.raw", "raw", null));
            assertThat(v.list("fsp")).containsExactly("base.qcow2", "c.qcow2", "full.raw");
            assertThat(Path.of(v.info(new VolumeRef("fsp", "c.qcow2")).path())).startsWith(mnt.toRealPath());

            st.pools.stop("fsp");
            assertThat(mounted(mnt)).isFalse();
            assertThat(st.pools.info("fsp").running()).isFalse();
            assertThatThrownBy(() -> v.list("fsp")).hasMessageContaining("pool-start fsp");
            st.pools.start("fsp");
            assertThat(v.list("fsp")).containsExactly("base.qcow2", "c.qcow2", "full.raw");
            st.pools.stop("fsp");
            st.pools.delete("fsp");
            assertThat(mnt).doesNotExist();
            st.pools.undefine("fsp");
        }
    }

    @Test
    void anImageFileAsTheDevice() throws Exception {
        try (LoopDevice probe = LoopDevice.attach(tmp.resolve("probe.img"), MIB)) {
            // only to learn that loop devices can be made here; mount makes its own below
            assertThat(probe.device).startsWith("/dev/loop");
        }
        Path image = tmp.resolve("fs.img");
        try (var ch = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(1), 64 * MIB - 1);
        }
        try (TestStorage st = new TestStorage(tmp)) {
            Path mnt = tmp.resolve("mnt2");
            st.pools.define(xml("img", image.toString(), mnt), null);
            st.pools.build("img", BuildMode.OVERWRITE);
            st.pools.start("img");
            assertThat(mounted(mnt)).isTrue();
            st.pools.volumes().create("img", VolumeSpec.of("a.img", "raw", 8 * MIB, Preallocation.FALLOC));
            st.pools.stop("img");
            assertThat(mounted(mnt)).isFalse();
            assertThat(TestStorage.sh("losetup", "-j", image.toString()).strip()).as("mount's own loop device is gone").isEmpty();
        }
    }
}
