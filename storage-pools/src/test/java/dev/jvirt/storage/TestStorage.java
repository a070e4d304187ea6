package dev.jvirt.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Per-test storage directories and a StoragePools over them; helpers to run tools and hash files. */
final class TestStorage implements AutoCloseable {
    final Path root;
    final Path defs;
    final Path run;
    final Path images;
    final StoragePools pools;

    TestStorage(Path root) {
        this.root = root;
        this.defs = root.resolve("state/storage");
        this.run = root.resolve("run/storage");
        this.images = root.resolve("state/images");
        this.pools = StoragePools.open(StorageConfig.of(defs, run, images));
    }

    @Override
    public void close() {
        pools.close();
    }

    /** A dir pool named {@code name} in ROOT/NAME, defined, built and started. */
    String dirPool(String name) {
        Path t = root.resolve(name);
        pools.define("<pool type='dir'><name>" + name + "</name><target><path>" + t + "</path></target></pool>", name + ".xml");
        pools.build(name, BuildMode.NORMAL);
        pools.start(name);
        return name;
    }

    static JobStatus await(Job j) throws Exception {
        return j.await(Duration.ofMinutes(5));
    }

    static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = new byte[1 << 16];
            int n;
            while ((n = in.read(b)) > 0) {
                md.update(b, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Bytes the file occupies on disk (st_blocks * 512). */
    static long allocated(Path p) throws Exception {
        return Long.parseLong(sh("stat", "-c", "%b", p.toString()).strip()) * 512;
    }

    /** Runs a tool; fails the test with its output when it exits non-zero. */
    static String sh(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(List.of(argv) + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(List.of(argv) + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }

    /** A sparse-ish test image: {@code size} bytes, with {@code dataMiB} MiB of random data spread over it. */
    static void sparseImage(Path p, long size, int dataMiB) throws IOException {
        java.util.Random r = new java.util.Random(42);
        byte[] mib = new byte[1 << 20];
        try (FileChannel ch = FileChannel.open(p, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            long stride = dataMiB == 0 ? size : size / dataMiB;
            for (int i = 0; i < dataMiB; i++) {
                r.nextBytes(mib);
                ch.write(java.nio.ByteBuffer.wrap(mib), i * stride);
            }
            if (ch.size() < size) {
                ch.write(java.nio.ByteBuffer.allocate(1), size - 1);
            }
        }
    }
}
