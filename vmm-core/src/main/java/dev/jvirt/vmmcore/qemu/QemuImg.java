package dev.jvirt.vmmcore.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code qemu-img} for snapshots of disks no QEMU has open (internal snapshots of a shut-off
 * domain: {@code snapshot -c/-a/-d}; external overlays: {@code create -b}; {@code commit}).
 * An argument list, never a shell string; a failure says what qemu-img said.
 */
public final class QemuImg {
    private static final long TIMEOUT_SECONDS = 300;

    private QemuImg() {
    }

    /** Runs {@code qemu-img ARGS}; answers its output. */
    public static String run(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        argv.add("qemu-img");
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("qemu-img " + args[0] + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        String text = new String(out, StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0) {
            throw new IOException("qemu-img " + String.join(" ", args) + ": " + (text.isEmpty() ? "exit " + p.exitValue() : text));
        }
        return text;
    }
}
