package dev.jvirt.testimages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The nested-LXD test guest as {@code test-images/build-lxd-guest} leaves it in its cache: a
 * Debian bookworm disk (systemd, cloud kernel, cloud-init, qemu-guest-agent, lxd) booted directly
 * from its kernel and initramfs, and a busybox LXD image to import into it. A cold build takes
 * minutes (debootstrap) and needs root; later ones are cache hits.
 */
public record LxdGuestImage(Path directory) {
    /** The kernel command line the image boots with. */
    public static final String CMDLINE = "root=/dev/vda rw console=ttyS0 no_timer_check";

    public Path disk() {
        return directory.resolve("disk.qcow2");
    }

    public Path kernel() {
        return directory.resolve("vmlinuz");
    }

    public Path initrd() {
        return directory.resolve("initrd.img");
    }

    /** The unified LXD image (metadata.yaml + rootfs/) of busybox. */
    public Path busyboxImage() {
        return directory.resolve("busybox-lxd.tar.gz");
    }

    /** Runs the build script (a cache hit takes a second or two) and returns the image it names. */
    public static LxdGuestImage build(String... extraArgs) {
        LxdGuestImage image = new LxdGuestImage(BuildScripts.run(script(), extraArgs));
        for (Path p : List.of(image.disk(), image.kernel(), image.initrd(), image.busyboxImage())) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("build-lxd-guest named " + image.directory() + " but it has no "
                        + p.getFileName());
            }
        }
        return image;
    }

    /** {@code test-images/build-lxd-guest}, found from the working directory upwards. */
    public static Path script() {
        return BuildScripts.find("build-lxd-guest", "");
    }
}
