package dev.jvirt.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Times storage-pools against qemu-img run directly (the floor), medians of N runs taken alternately, warm page cache:
 * volume create (qcow2, 1 GiB), linked-clone create, and upload/download of a 1 GiB sparse-ish raw
 * image (DATA MiB of random data spread over it). Run from the module after {@code mvn test-compile}:
 *
 * <pre>
 * mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.jvirt.storage.StorageBench [DIR] [RUNS] [DATA_MIB]
 * </pre>
 */
public final class StorageBench {
    private static final long GIB = 1L << 30;

    private StorageBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory(Path.of(args.length > 0 ? args[0] : "/var/tmp"), "storage-bench");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int dataMiB = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        try (TestStorage st = new TestStorage(dir)) {
            Volumes v = st.pools.volumes();
            st.dirPool("bench");
            Path pool = dir.resolve("bench");
            Path direct = Files.createDirectories(dir.resolve("direct"));
            Path src = dir.resolve("src.raw");
            TestStorage.sparseImage(src, GIB, dataMiB);
            System.out.printf("storage-pools vs qemu-img, %d runs (median), 1 GiB images, %d MiB of data in the upload image, %s%n",
                    runs, dataMiB, dir);
            System.out.printf("%-26s %12s %12s %8s%n", "operation", "jvirt ms", "qemu-img ms", "ratio");

            int[] n = {0};
            row("create qcow2 1 GiB", runs, () -> {
                v.create("bench", VolumeSpec.of("c" + n[0]++ + ".qcow2", "qcow2", GIB, Preallocation.OFF));
                return null;
            }, () -> TestStorage.sh("qemu-img", "create", "-q", "-f", "qcow2", direct.resolve("c" + n[0]++ + ".qcow2").toString(), "1G"));

            v.create("bench", VolumeSpec.of("base.qcow2", "qcow2", GIB, Preallocation.OFF));
            row("linked clone create", runs, () -> {
                v.create("bench", VolumeSpec.linkedClone("l" + n[0]++ + ".qcow2", new VolumeRef("bench", "base.qcow2"), "qcow2", -1));
                return null;
            }, () -> TestStorage.sh("qemu-img", "create", "-q", "-f", "qcow2", "-b", pool.resolve("base.qcow2").toString(), "-F",
                    "qcow2", direct.resolve("l" + n[0]++ + ".qcow2").toString()));

            v.create("bench", VolumeSpec.of("up.img", "raw", GIB, Preallocation.OFF));
            Path direct1 = direct.resolve("up.img");
            // the floor does the same job: a fresh target, holes kept, data flushed at the end (-t writeback)
            row("upload 1 GiB sparse-ish", runs, () -> TestStorage.await(v.uploadFile(new VolumeRef("bench", "up.img"), src, null)),
                    () -> {
                        Files.deleteIfExists(direct1);
                        return TestStorage.sh("qemu-img", "convert", "-t", "writeback", "-f", "raw", "-O", "raw", src.toString(),
                                direct1.toString());
                    });
            Path out = dir.resolve("out.raw");
            Path out2 = dir.resolve("out-direct.raw");
            row("download 1 GiB sparse-ish", runs, () -> TestStorage.await(v.download(new VolumeRef("bench", "up.img"), out, null)),
                    () -> {
                        Files.deleteIfExists(out2);
                        return TestStorage.sh("qemu-img", "convert", "-t", "writeback", "-f", "raw", "-O", "raw",
                                pool.resolve("up.img").toString(), out2.toString());
                    });
            row("(unflushed qemu-img floor)", runs, () -> TestStorage.await(v.uploadFile(new VolumeRef("bench", "up.img"), src, null)),
                    () -> {
                        Files.deleteIfExists(direct1);
                        return TestStorage.sh("qemu-img", "convert", "-f", "raw", "-O", "raw", src.toString(), direct1.toString());
                    });
            System.out.printf("allocated: source %d MiB, uploaded volume %d MiB, downloaded file %d MiB%n", TestStorage.allocated(src) >> 20,
                    TestStorage.allocated(pool.resolve("up.img")) >> 20, TestStorage.allocated(out) >> 20);
        } finally {
            TestStorage.sh("rm", "-rf", "--", dir.toString());
        }
    }

    /** Runs the two alternately (after one warm-up each), so load on a shared machine falls on both alike. */
    private static void row(String what, int runs, Callable<?> jvirt, Callable<?> floor) throws Exception {
        jvirt.call();
        floor.call();
        double[] j = new double[runs];
        double[] q = new double[runs];
        for (int i = 0; i < runs; i++) {
            j[i] = time(jvirt);
            q[i] = time(floor);
        }
        Arrays.sort(j);
        Arrays.sort(q);
        System.out.printf("%-26s %12.1f %12.1f %7.2fx%n", what, j[runs / 2], q[runs / 2], j[runs / 2] / q[runs / 2]);
    }

    private static double time(Callable<?> c) throws Exception {
        long s = System.nanoTime();
        c.call();
        return (System.nanoTime() - s) / 1e6;
    }
}
