package dev.jvirt.storage;

import static dev.jvirt.storage.TestStorage.await;
import static dev.jvirt.storage.TestStorage.sh;
import static dev.jvirt.storage.TestStorage.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every volume operation on a dir pool, with the real qemu-img (and qemu-io to write into a clone). */
class DirPoolVolumesIT {
    private static final long MIB = 1 << 20;
    @TempDir
    Path tmp;
    private TestStorage st;
    private Volumes vols;
    private String pool;

    @BeforeEach
    void setUp() {
        st = new TestStorage(tmp);
        vols = st.pools.volumes();
        pool = st.dirPool("p1");
    }

    @AfterEach
    void tearDown() {
        st.close();
    }

    private VolumeRef ref(String name) {
        return new VolumeRef(pool, name);
    }

    @Test
    void createsQcow2AndRawWithUnitsAndPreallocation() throws Exception {
        VolumeInfo q = vols.info(vols.create(pool, VolumeSpec.of("a.qcow2", "qcow2", Capacity.parse("64M"), Preallocation.OFF)));
        assertThat(q.format()).isEqualTo("qcow2");
        assertThat(q.capacity()).isEqualTo(64 * MIB);
        assertThat(q.type()).isEqualTo("file");
        assertThat(q.path()).isEqualTo(tmp.resolve("p1/a.qcow2").toRealPath().toString());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(q.path())))).isEqualTo("rw-------");

        VolumeInfo meta = vols.info(vols.create(pool, VolumeSpec.of("m.qcow2", "qcow2", Capacity.parse("64MiB"), Preallocation.METADATA)));
        assertThat(meta.allocation()).isGreaterThan(q.allocation());

        VolumeInfo r = vols.info(vols.create(pool, VolumeSpec.of("r.img", "raw", Capacity.parse("32M"), Preallocation.OFF)));
        assertThat(r.format()).isEqualTo("raw");
        assertThat(r.allocation()).isLessThan(MIB);
        VolumeInfo full = vols.info(vols.create(pool, VolumeSpec.of("f.img", "raw", Capacity.parse("8M"), Preallocation.FULL)));
        assertThat(full.allocation()).isGreaterThanOrEqualTo(8 * MIB);

        assertThatThrownBy(() -> vols.create(pool, VolumeSpec.of("x.img", "raw", MIB, Preallocation.METADATA)))
                .isInstanceOf(InvalidStorageRequestException.class).hasMessageContaining("qcow2 volumes only");
        assertThatThrownBy(() -> vols.create(pool, VolumeSpec.of("a.qcow2", "qcow2", MIB, Preallocation.OFF)))
                .hasMessageContaining("already exists");
        assertThat(vols.list(pool)).containsExactly("a.qcow2", "f.img", "m.qcow2", "r.img");
        assertThat(vols.listDetails(pool)).extracting(VolumeInfo::name).containsExactly("a.qcow2", "f.img", "m.qcow2", "r.img");
        assertThat(vols.dumpXml(ref("a.qcow2"))).contains("<format type='qcow2'/>").contains("<capacity unit='bytes'>67108864</capacity>");
        assertThat(vols.byKey(q.key())).isEqualTo(ref("a.qcow2"));
    }

    @Test
    void aFailedCreateLeavesNoFile() throws Exception {
        // qemu-img refuses a qcow2 that large: the failure must leave neither the name nor a temp file
        assertThatThrownBy(() -> vols.create(pool, VolumeSpec.of("huge.qcow2", "qcow2", Long.MAX_VALUE / 2, Preallocation.OFF)))
                .isInstanceOf(ToolFailedException.class).hasMessageContaining("qemu-img");
        try (var s = Files.list(tmp.resolve("p1"))) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void linkedCloneWritesLeaveTheBaseUnchanged() throws Exception {
        vols.create(pool, VolumeSpec.of("base.qcow2", "qcow2", 16 * MIB, Preallocation.OFF));
        Path base = vols.path(ref("base.qcow2"));
        sh("qemu-io", "-f", "qcow2", "-c", "write -P 0x11 0 1M", base.toString());
        String before = sha256(base);

        VolumeInfo clone = vols.info(vols.create(pool, VolumeSpec.linkedClone("guest1.qcow2", ref("base.qcow2"), null, -1)));
        assertThat(clone.capacity()).isEqualTo(16 * MIB);
        assertThat(clone.backingChain()).containsExactly(new BackingImage(base.toString(), "qcow2"));

        Path overlay = vols.path(ref("guest1.qcow2"));
        sh("qemu-io", "-f", "qcow2", "-c", "write -P 0x22 0 512k", "-c", "write -P 0x33 4M 1M", overlay.toString());
        // the clone reads its own writes over the base's data; the base file is byte-for-byte as before
        sh("qemu-io", "-f", "qcow2", "-c", "read -P 0x22 0 512k", "-c", "read -P 0x11 512k 512k", "-c", "read -P 0x33 4M 1M",
                overlay.toString());
        assertThat(sha256(base)).isEqualTo(before);
        sh("qemu-io", "-f", "qcow2", "-c", "read -P 0x11 0 1M", "-c", "read -P 0 4M 1M", base.toString());

        assertThatThrownBy(() -> vols.create(pool, VolumeSpec.linkedClone("small.qcow2", ref("base.qcow2"), null, MIB)))
                .hasMessageContaining("cannot be smaller");
        assertThatThrownBy(() -> vols.create(pool, new VolumeSpec("r.img", "raw", -1, null, ref("base.qcow2"), null)))
                .hasMessageContaining("raw cannot have a backing volume");
    }

    @Test
    void fullCloneAcrossPools() throws Exception {
        String other = st.dirPool("p2");
        vols.create(pool, VolumeSpec.of("src.qcow2", "qcow2", 8 * MIB, Preallocation.OFF));
        sh("qemu-io", "-f", "qcow2", "-c", "write -P 0x44 1M 2M", vols.path(ref("src.qcow2")).toString());
        List<Long> progress = new CopyOnWriteArrayList<>();
        Job j = vols.cloneVolume(ref("src.qcow2"), other, "copy.img", "raw", (d, t) -> progress.add(d));
        assertThat(await(j).state()).isEqualTo(JobState.SUCCEEDED);
        VolumeInfo c = vols.info(new VolumeRef(other, "copy.img"));
        assertThat(c.format()).isEqualTo("raw");
        assertThat(c.capacity()).isEqualTo(8 * MIB);
        assertThat(c.backingChain()).isEmpty();
        assertThat(progress).isNotEmpty().last().isEqualTo(8 * MIB);
        sh("qemu-io", "-f", "raw", "-c", "read -P 0x44 1M 2M", "-c", "read -P 0 0 1M", c.path());
        // the same pool, same format
        assertThat(await(vols.cloneVolume(ref("src.qcow2"), pool, "copy2.qcow2", null, null)).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(vols.info(ref("copy2.qcow2")).format()).isEqualTo("qcow2");
    }

    @Test
    void resizeGrowsAndShrinksOnlyWhenAsked() {
        vols.create(pool, VolumeSpec.of("v.qcow2", "qcow2", 16 * MIB, Preallocation.OFF));
        assertThat(vols.resize(ref("v.qcow2"), 32 * MIB, false).capacity()).isEqualTo(32 * MIB);
        assertThatThrownBy(() -> vols.resize(ref("v.qcow2"), 8 * MIB, false)).isInstanceOf(InvalidStorageRequestException.class)
                .hasMessageContaining("--shrink");
        assertThat(vols.info(ref("v.qcow2")).capacity()).isEqualTo(32 * MIB);
        assertThat(vols.resize(ref("v.qcow2"), 8 * MIB, true).capacity()).isEqualTo(8 * MIB);
        vols.create(pool, VolumeSpec.of("r.img", "raw", 4 * MIB, Preallocation.OFF));
        assertThat(vols.resize(ref("r.img"), 6 * MIB, false).capacity()).isEqualTo(6 * MIB);
    }

    @Test
    void deleteRemovesTheFile() {
        VolumeInfo v = vols.info(vols.create(pool, VolumeSpec.of("d.img", "raw", MIB, Preallocation.OFF)));
        vols.delete(ref("d.img"), false);
        assertThat(Path.of(v.path())).doesNotExist();
        assertThatThrownBy(() -> vols.delete(ref("d.img"), false)).isInstanceOf(NoSuchVolumeException.class);
    }

    @Test
    void wipeZeroRandomAndTrim() throws Exception {
        vols.create(pool, VolumeSpec.of("w.img", "raw", 4 * MIB, Preallocation.OFF));
        Path p = vols.path(ref("w.img"));
        sh("qemu-io", "-f", "raw", "-c", "write -P 0x55 0 4M", p.toString());
        await(vols.wipe(ref("w.img"), WipeAlgorithm.RANDOM, null));
        byte[] b = Files.readAllBytes(p);
        assertThat(b).hasSize((int) (4 * MIB));
        long fives = 0;
        for (byte x : b) {
            fives += x == 0x55 ? 1 : 0;
        }
        assertThat(fives).isLessThan(4 * MIB / 100);
        await(vols.wipe(ref("w.img"), WipeAlgorithm.ZERO, null));
        sh("qemu-io", "-f", "raw", "-c", "read -P 0 0 4M", p.toString());
        sh("qemu-io", "-f", "raw", "-c", "write -P 0x66 0 4M", p.toString());
        await(vols.wipe(ref("w.img"), WipeAlgorithm.TRIM, null));
        sh("qemu-io", "-f", "raw", "-c", "read -P 0 0 4M", p.toString());
        assertThat(TestStorage.allocated(p)).isLessThan(MIB);
        assertThat(Files.size(p)).isEqualTo(4 * MIB);

        // a qcow2 volume stays a usable, empty image of the same size
        vols.create(pool, VolumeSpec.of("w.qcow2", "qcow2", 4 * MIB, Preallocation.OFF));
        Path q = vols.path(ref("w.qcow2"));
        sh("qemu-io", "-f", "qcow2", "-c", "write -P 0x77 0 1M", q.toString());
        await(vols.wipe(ref("w.qcow2"), WipeAlgorithm.ZERO, null));
        assertThat(vols.info(ref("w.qcow2")).format()).isEqualTo("qcow2");
        assertThat(vols.info(ref("w.qcow2")).capacity()).isEqualTo(4 * MIB);
        sh("qemu-io", "-f", "qcow2", "-c", "read -P 0 0 1M", q.toString());
        assertThatThrownBy(() -> WipeAlgorithm.parse("gutmann")).hasMessageContaining("magnetic");
    }

    @Test
    void uploadAndDownloadKeepBytesAndHoles() throws Exception {
        vols.create(pool, VolumeSpec.of("u.img", "raw", 64 * MIB, Preallocation.OFF));
        Path src = tmp.resolve("src.raw");
        TestStorage.sparseImage(src, 48 * MIB, 4);
        List<long[]> progress = new CopyOnWriteArrayList<>();
        Job up = vols.uploadFile(ref("u.img"), src, (d, t) -> progress.add(new long[] {d, t}));
        assertThat(await(up).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(st.pools.job(up.id()).bytesDone()).isEqualTo(48 * MIB);
        assertThat(progress.size()).isGreaterThan(4);
        assertThat(progress.get(progress.size() - 1)).containsExactly(48 * MIB, 48 * MIB);
        Path vol = vols.path(ref("u.img"));
        assertThat(Files.size(vol)).isEqualTo(64 * MIB);
        assertThat(TestStorage.allocated(vol)).isLessThan(8 * MIB);
        sh("cmp", "-n", String.valueOf(48 * MIB), src.toString(), vol.toString());
        sh("qemu-io", "-f", "raw", "-c", "read -P 0 48M 16M", vol.toString());
        assertThat(vols.info(ref("u.img")).incomplete()).isFalse();

        Path out = tmp.resolve("out.raw");
        Job down = vols.download(ref("u.img"), out, null);
        assertThat(await(down).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(Files.size(out)).isEqualTo(64 * MIB);
        assertThat(TestStorage.allocated(out)).isLessThan(8 * MIB);
        assertThat(sha256(out)).isEqualTo(sha256(vol));
    }

    @Test
    void uploadLargerThanTheVolumeIsRefused() throws Exception {
        vols.create(pool, VolumeSpec.of("small.img", "raw", MIB, Preallocation.OFF));
        Path src = tmp.resolve("big.raw");
        TestStorage.sparseImage(src, 2 * MIB, 1);
        String before = sha256(vols.path(ref("small.img")));
        assertThatThrownBy(() -> vols.uploadFile(ref("small.img"), src, null)).isInstanceOf(InvalidStorageRequestException.class)
                .hasMessageContaining("larger than");
        assertThat(sha256(vols.path(ref("small.img")))).isEqualTo(before);
        assertThat(vols.info(ref("small.img")).incomplete()).isFalse();
    }

    @Test
    void aShortUploadLeavesTheVolumeMarkedIncompleteAndRefused() throws Exception {
        vols.create(pool, VolumeSpec.of("s.img", "raw", 4 * MIB, Preallocation.OFF));
        Path src = tmp.resolve("short.raw");
        TestStorage.sparseImage(src, 2 * MIB, 2);
        var in = java.nio.channels.FileChannel.open(src);
        Job j = vols.upload(ref("s.img"), in, 3 * MIB, null);
        assertThatThrownBy(() -> await(j)).hasMessageContaining("ended after").hasMessageContaining("marked incomplete");
        assertThat(st.pools.job(j.id()).state()).isEqualTo(JobState.FAILED);
        assertThat(vols.info(ref("s.img")).incomplete()).isTrue();
        assertThatThrownBy(() -> st.pools.resolve(pool, "s.img", "g1")).isInstanceOf(VolumeIncompleteException.class);
        assertThatThrownBy(() -> vols.download(ref("s.img"), tmp.resolve("x"), null)).isInstanceOf(VolumeIncompleteException.class);
        // a complete upload makes it whole again
        await(vols.uploadFile(ref("s.img"), src, null));
        assertThat(vols.info(ref("s.img")).incomplete()).isFalse();
        st.pools.resolve(pool, "s.img", "g1").close();
    }

    @Test
    void aBusyVolumeRefusesASecondOperation() throws Exception {
        vols.create(pool, VolumeSpec.of("b.img", "raw", 64 * MIB, Preallocation.OFF));
        Path src = tmp.resolve("src.raw");
        TestStorage.sparseImage(src, 64 * MIB, 64);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Job j = vols.uploadFile(ref("b.img"), src, (d, t) -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        started.await();
        assertThat(st.pools.job(j.id()).state()).isEqualTo(JobState.RUNNING);
        assertThat(vols.info(ref("b.img")).holder()).isEqualTo("upload (job " + j.id() + ")");
        assertThatThrownBy(() -> vols.resize(ref("b.img"), 128 * MIB, false)).isInstanceOf(VolumeBusyException.class)
                .hasMessageContaining("upload (job " + j.id() + ") is in progress");
        assertThatThrownBy(() -> vols.uploadFile(ref("b.img"), src, null)).isInstanceOf(VolumeBusyException.class);
        assertThatThrownBy(() -> st.pools.resolve(pool, "b.img", "g1")).isInstanceOf(VolumeBusyException.class);
        assertThatThrownBy(() -> st.pools.stop(pool)).isInstanceOf(VolumeBusyException.class);
        release.countDown();
        await(j);
        vols.resize(ref("b.img"), 128 * MIB, false);
    }

    @Test
    void aCancelledUploadEndsCancelledAndLeavesTheVolumeIncomplete() throws Exception {
        vols.create(pool, VolumeSpec.of("c.img", "raw", 64 * MIB, Preallocation.OFF));
        Path src = tmp.resolve("src.raw");
        TestStorage.sparseImage(src, 64 * MIB, 64);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        Job[] job = new Job[1];
        job[0] = vols.uploadFile(ref("c.img"), src, (d, t) -> {
            started.countDown();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        started.await();
        job[0].cancel();
        assertThatThrownBy(() -> await(job[0])).hasMessageContaining("cancelled");
        assertThat(st.pools.job(job[0].id()).state()).isEqualTo(JobState.CANCELLED);
        assertThat(st.pools.job(job[0].id()).bytesDone()).isLessThan(64 * MIB);
        assertThat(vols.info(ref("c.img")).incomplete()).isTrue();
        assertThat(vols.info(ref("c.img")).holder()).isNull();
    }

    @Test
    void aVolumeWhoseBackingFileIsOutsideThePoolsIsNotGivenToAGuest() throws Exception {
        // what a guest could write into a raw disk: a qcow2 header naming a host file as backing
        Path outside = tmp.resolve("secret.raw");
        Files.write(outside, new byte[4096]);
        vols.create(pool, VolumeSpec.of("evil.img", "raw", MIB, Preallocation.OFF));
        Path evil = vols.path(ref("evil.img"));
        sh("qemu-img", "create", "-q", "-f", "qcow2", "-b", outside.toString(), "-F", "raw", evil.toString(), "1M");
        assertThatThrownBy(() -> st.pools.resolve(pool, "evil.img", "g1")).isInstanceOf(InvalidStorageRequestException.class)
                .hasMessageContaining("backing file " + outside).hasMessageContaining("not a volume of a running pool");
        assertThat(vols.info(ref("evil.img")).holder()).isNull();
        // a backing volume in a pool is fine
        vols.create(pool, VolumeSpec.of("base.img", "raw", MIB, Preallocation.OFF));
        vols.create(pool, VolumeSpec.linkedClone("ok.qcow2", ref("base.img"), "raw", -1));
        st.pools.resolve(pool, "ok.qcow2", "g1").close();
    }

    @Test
    void aGuestLeaseBlocksWritesAndDeleteEvenWhenForced() {
        vols.create(pool, VolumeSpec.of("g.qcow2", "qcow2", MIB, Preallocation.OFF));
        ResolvedVolume r = st.pools.resolve(pool, "g.qcow2", "g1");
        assertThat(r.format()).isEqualTo("qcow2");
        assertThat(r.type()).isEqualTo("file");
        assertThat(r.path()).isEqualTo(vols.path(ref("g.qcow2")));
        assertThatThrownBy(() -> vols.delete(ref("g.qcow2"), false)).isInstanceOf(VolumeBusyException.class)
                .hasMessageContaining("in use by guest 'g1'");
        assertThatThrownBy(() -> vols.wipe(ref("g.qcow2"), WipeAlgorithm.ZERO, null)).isInstanceOf(VolumeBusyException.class);
        r.close();
        r.close();
        ResolvedVolume again = st.pools.resolve(pool, "g.qcow2", "g1");
        assertThatThrownBy(() -> vols.delete(ref("g.qcow2"), true)).as("a running guest never loses its disk, forced or not")
                .isInstanceOf(VolumeBusyException.class).hasMessageContaining("in use by guest 'g1'")
                .hasMessageContaining("detach the disk first");
        assertThat(vols.list(pool)).hasSize(1);
        again.close();
        vols.delete(ref("g.qcow2"), true);
        assertThat(vols.list(pool)).isEmpty();
    }
}
