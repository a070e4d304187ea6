package dev.jvirt.vmmcore.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Run by {@link SystemModeQemuUserIT} inside {@code unshare -m}: tmpfs over /var/lib/jvirt and
 * /run/jvirt, then {@code jvirtd --system} in this JVM. The tiny guest's files are copied to
 * {@code /var/lib/jvirt/images} (kernel and initrd 0644, disk 0600 root); one domain starts and
 * its QEMU's uid is printed with its disk's owner while it runs and after it is destroyed; a second
 * domain names a root-only 0600 copy of the kernel and its start is refused.
 * Arguments: {@code KERNEL INITRD DISK PREFIX}. Prints {@code key=value} lines.
 */
public final class SystemModeScenario {

    private SystemModeScenario() {
    }

    public static void main(String[] args) throws Exception {
        String prefix = args[3];
        for (String[] m : new String[][] {{"/var/lib/jvirt", "mode=0700"}, {"/run/jvirt", "mode=0755"}}) {
            if (new ProcessBuilder("mount", "-t", "tmpfs", "-o", m[1], "jvirt-test", m[0]).inheritIO().start().waitFor() != 0) {
                throw new IllegalStateException("cannot mount a tmpfs on " + m[0]);
            }
        }
        Path images = Files.createDirectory(Path.of("/var/lib/jvirt/images"));
        Files.setPosixFilePermissions(Path.of("/var/lib/jvirt"), PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(images, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path kernel = copy(args[0], images.resolve("vmlinuz"), "rw-r--r--");
        Path initrd = copy(args[1], images.resolve("initrd.img"), "rw-r--r--");
        Path disk = copy(args[2], images.resolve("disk.qcow2"), "rw-------");
        Path secret = copy(args[0], images.resolve("root-only-kernel"), "rw-------");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture.runAsync(() -> JvirtdMain.run(System.out, new PrintStream(err, true, StandardCharsets.UTF_8),
                "--system"));
        UnixHttpClient api = new UnixHttpClient(Path.of("/run/jvirt/jvirtd.sock"));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                if (api.get("/1.0").status() == 200) {
                    break;
                }
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    System.out.println("jvirtd-did-not-start=" + err.toString(StandardCharsets.UTF_8));
                    Runtime.getRuntime().halt(1);
                }
            }
            Thread.sleep(100);
        }
        String good = prefix + "-ok";
        String bad = prefix + "-secret";
        try {
            System.out.println("define=" + api.post("/1.0/domains", Map.of("xml", xml(good, kernel, initrd, disk))).status());
            UnixHttpClient.Response start = api.post("/1.0/domains/" + good + "/start", Map.of());
            System.out.println("start=" + start);
            long pid = api.get("/1.0/domains/" + good).json().path("pid").asLong();
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Uid:") || line.startsWith("Gid:")) {
                    System.out.println("qemu-" + line.substring(0, 3).toLowerCase() + "=" + line.substring(4).trim());
                }
            }
            System.out.println("disk-owner-running=" + Files.getAttribute(disk, "unix:uid"));
            // hot-plugged: a root-only 0600 image is given to QEMU's user as a start's are, or blockdev-add fails
            Path hot = copy(args[2], images.resolve("hot.qcow2"), "rw-------");
            UnixHttpClient.Response attach = api.post("/1.0/domains/" + good + "/devices", Map.of("xml",
                    "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='" + hot
                    + "'/><target dev='vdb' bus='virtio'/></disk>", "live", true, "config", false));
            System.out.println("hot-attach=" + attach.status() + " " + attach.json().path("error").path("message").asText());
            System.out.println("hot-owner-running=" + Files.getAttribute(hot, "unix:uid"));
            Path iso = copy(args[1], images.resolve("root-only.iso"), "rw-------");
            UnixHttpClient.Response ro = api.post("/1.0/domains/" + good + "/devices", Map.of("xml",
                    "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + iso
                    + "'/><target dev='vdc' bus='virtio'/><readonly/></disk>", "live", true, "config", false));
            System.out.println("ro-attach=" + ro.status() + " " + ro.json().path("error").path("message").asText());
            // an external disk-only snapshot: QEMU's user writes the new overlay from now on
            UnixHttpClient.Response snap = api.post("/1.0/domains/" + good + "/snapshots", Map.of("name", "s1",
                    "disk_only", true));
            System.out.println("snapshot=" + snap.status() + " " + snap.json().path("error").path("message").asText());
            Path overlay = images.resolve("disk.s1");
            System.out.println("overlay-owner-running=" + (Files.exists(overlay) ? Files.getAttribute(overlay, "unix:uid") : "none"));
            System.out.println("destroy=" + api.post("/1.0/domains/" + good + "/destroy", Map.of()).status());
            for (int i = 0; i < 300 && !(Integer.valueOf(0).equals(Files.getAttribute(disk, "unix:uid"))
                    && Integer.valueOf(0).equals(Files.getAttribute(hot, "unix:uid"))
                    && (!Files.exists(overlay) || Integer.valueOf(0).equals(Files.getAttribute(overlay, "unix:uid")))); i++) {
                Thread.sleep(100); // given back on the stop event, just after the destroy's answer
            }
            System.out.println("disk-owner-after=" + Files.getAttribute(disk, "unix:uid"));
            System.out.println("hot-owner-after=" + Files.getAttribute(hot, "unix:uid"));
            System.out.println("overlay-owner-after=" + (Files.exists(overlay) ? Files.getAttribute(overlay, "unix:uid") : "none"));

            api.post("/1.0/domains", Map.of("xml", xml(bad, secret, initrd, copy(args[2], images.resolve("disk2.qcow2"),
                    "rw-------"))));
            UnixHttpClient.Response refused = api.post("/1.0/domains/" + bad + "/start", Map.of());
            JsonNode e = refused.json().path("error");
            System.out.println("secret-start=" + refused.status() + " " + e.path("code").asText());
            System.out.println("secret-message=" + e.path("message").asText());
            System.out.println("secret-state=" + api.get("/1.0/domains/" + bad).json().path("state").asText());
        } finally {
            for (String d : new String[] {good, bad}) {
                try {
                    api.post("/1.0/domains/" + d + "/destroy", Map.of());
                } catch (RuntimeException ex) {
                    // not running
                }
            }
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
    }

    private static Path copy(String from, Path to, String mode) throws Exception {
        Files.copy(Path.of(from), to, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString(mode));
        return to;
    }

    private static String xml(String name, Path kernel, Path initrd, Path disk) throws Exception {
        String text;
        try (InputStream in = SystemModeScenario.class.getResourceAsStream("/daemon/tiny.xml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return text.replace("${TYPE}", "qemu").replace("${NAME}", name).replace("${KERNEL}", kernel.toString())
                .replace("${INITRD}", initrd.toString()).replace("${CMDLINE}", "console=ttyS0")
                .replace("${DISK}", disk.toString());
    }
}
