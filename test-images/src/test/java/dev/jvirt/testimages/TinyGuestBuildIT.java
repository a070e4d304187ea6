package dev.jvirt.testimages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The build script's cache and reproducibility, each in cache directories of the test's own. */
class TinyGuestBuildIT {

    private Path cacheA;
    private Path cacheB;

    @BeforeEach
    void setUp() throws IOException {
        cacheA = Files.createTempDirectory("jvirt-tg-cache-a-");
        cacheB = Files.createTempDirectory("jvirt-tg-cache-b-");
    }

    @AfterEach
    void tearDown() {
        TinyGuestExtension.deleteTree(cacheA);
        TinyGuestExtension.deleteTree(cacheB);
    }

    @Test
    void secondRunIsACacheHitAndRebuildFromScratchGivesTheSameBytes() throws Exception {
        Run first = build(cacheA);
        assertThat(first.stderr).contains("cache miss").contains("packing initramfs").contains("done:");

        Run second = build(cacheA);
        assertThat(second.stderr).contains("cache hit").doesNotContain("packing initramfs");
        assertThat(second.dir).isEqualTo(first.dir);
        assertThat(second.millis).as("a cache hit must take under 2 s").isLessThan(2000);

        Run scratch = build(cacheB);
        assertThat(scratch.stderr).contains("cache miss").contains("downloading");
        for (String file : List.of("vmlinuz", "initrd.img", "MANIFEST")) {
            assertThat(sha256(scratch.dir.resolve(file))).as(file).isEqualTo(sha256(first.dir.resolve(file)));
        }
        assertThat(Files.readString(first.dir.resolve("MANIFEST"))).contains("linux-image-").contains("busybox-static");
    }

    @Test
    void unknownOptionIsRefused() throws Exception {
        Process p = new ProcessBuilder(TinyGuestImage.buildScript().toString(), "--bogus").start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(err).contains("unknown option '--bogus'");
    }

    private record Run(Path dir, String stderr, long millis) {
    }

    private static Run build(Path cache) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(TinyGuestImage.buildScript().toString(), "--cache-dir", cache.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(rc).as("build-tiny-guest exit status; stderr:\n" + err).isZero();
        return new Run(Path.of(out), err, millis);
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
