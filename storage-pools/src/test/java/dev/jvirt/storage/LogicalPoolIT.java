package dev.jvirt.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * logical pools over a loop device the test makes: build (PV + VG), start, info from vgs, stop,
 * delete. Volumes (LVs) need the kernel's device-mapper; where it is missing that part is
 * skipped with the reason printed.
 */
class LogicalPoolIT {
    private static final long MIB = 1 << 20;
    @TempDir
    Path tmp;

    private static String xml(String name, String vg, String device) {
        return "<pool type='logical'><name>" + name + "</name><source><device path='" + device + "'/><name>" + vg
                + "</name><format type='lvm2'/></source><target><path>/dev/" + vg + "</path></target></pool>";
    }

    private static void quietly(String... argv) throws Exception {
        new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor(60, TimeUnit.SECONDS);
    }

    private static boolean deviceMapper() throws Exception {
        Process p = new ProcessBuilder("dmsetup", "version").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void volumeGroupLifecycleAndVolumes() throws Exception {
        try {
            TestStorage.sh("vgs", "--version");
        } catch (Exception | AssertionError e) {
            LoopDevice.skip("LVM tools are not installed (Debian package lvm2): " + e.getMessage());
        }
        String vg = "jvt" + UUID.randomUUID().toString().substring(0, 8);
        try (LoopDevice loop = LoopDevice.attach(tmp.resolve("pv.img"), 128 * MIB); TestStorage st = new TestStorage(tmp)) {
            try {
                st.pools.define(xml("lvp", vg, loop.device), "lvp.xml");
                assertThatThrownBy(() -> st.pools.start("lvp")).isInstanceOf(PoolStateException.class).hasMessageContaining("pool-build");
                st.pools.build("lvp", BuildMode.NO_OVERWRITE);
                assertThat(TestStorage.sh("blkid", "-o", "value", "-s", "TYPE", loop.device).strip()).isEqualTo("LVM2_member");
                st.pools.start("lvp");
                PoolInfo i = st.pools.info("lvp");
                assertThat(i.running()).isTrue();
                assertThat(i.capacity()).isBetween(100 * MIB, 128 * MIB);
                assertThat(i.available()).isEqualTo(i.capacity());
                assertThat(st.pools.volumes().list("lvp")).isEmpty();
                if (!deviceMapper()) {
                    st.pools.stop("lvp");
                    st.pools.delete("lvp");
                    assertThat(signature(loop.device)).as("pvremove wiped the label").isEmpty();
                    st.pools.undefine("lvp");
                    LoopDevice.skip("LV operations: the kernel has no device-mapper here (dmsetup version fails; "
                            + "/dev/mapper/control cannot be opened); VG build/start/info/stop/delete were tested");
                }
                lvs(st, vg);
                st.pools.stop("lvp");
                st.pools.delete("lvp");
                st.pools.undefine("lvp");
            } finally {
                quietly("vgremove", "-y", "-f", vg);
                quietly("pvremove", "-y", loop.device);
            }
        }
    }

    /** What blkid finds on the device; empty when nothing (its exit status 2). */
    private static String signature(String device) throws Exception {
        Process p = new ProcessBuilder("blkid", "-p", "-o", "value", "-s", "TYPE", device).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        assertThat(p.exitValue()).as("blkid: " + out).isIn(0, 2);
        return out;
    }

    /** LV volumes, where device-mapper works. */
    private void lvs(TestStorage st, String vg) throws Exception {
        Volumes v = st.pools.volumes();
        VolumeInfo a = v.info(v.create("lvp", VolumeSpec.of("a", "raw", 16 * MIB, Preallocation.OFF)));
        assertThat(a.type()).isEqualTo("block");
        assertThat(a.path()).isEqualTo("/dev/" + vg + "/a");
        assertThat(a.capacity()).isEqualTo(16 * MIB);
        assertThatThrownBy(() -> v.create("lvp", VolumeSpec.of("q", "qcow2", MIB, Preallocation.OFF))).hasMessageContaining("raw volumes only");
        Path src = tmp.resolve("src.raw");
        TestStorage.sparseImage(src, 8 * MIB, 2);
        TestStorage.await(v.uploadFile(new VolumeRef("lvp", "a"), src, null));
        Path out = tmp.resolve("out.raw");
        TestStorage.await(v.download(new VolumeRef("lvp", "a"), out, null));
        TestStorage.sh("cmp", "-n", String.valueOf(8 * MIB), src.toString(), out.toString());
        assertThat(v.resize(new VolumeRef("lvp", "a"), 32 * MIB, false).capacity()).isEqualTo(32 * MIB);
        TestStorage.await(v.wipe(new VolumeRef("lvp", "a"), WipeAlgorithm.ZERO, null));
        TestStorage.await(v.cloneVolume(new VolumeRef("lvp", "a"), "lvp", "b", null, null));
        assertThat(v.list("lvp")).containsExactly("a", "b");
        ResolvedVolume r = st.pools.resolve("lvp", "a", "g1");
        assertThat(r.type()).isEqualTo("block");
        assertThat(r.format()).isEqualTo("raw");
        r.close();
        v.delete(new VolumeRef("lvp", "a"), false);
        v.delete(new VolumeRef("lvp", "b"), false);
        assertThat(st.pools.info("lvp").allocation()).isZero();
    }
}
