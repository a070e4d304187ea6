package dev.jvirt.testimages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The tiny test guest handed to a test by {@link TinyGuestExtension}: a Debian cloud kernel and a
 * busybox initramfs that boots in seconds under TCG, prints {@link #READY_MARKER} on ttyS0, runs a
 * shell there and powers off on the ACPI power button.
 *
 * <p>Disks made by {@link #newDisk(String)} live in a directory of the test's own and are removed
 * after the test.
 */
public final class TinyGuest {

    /** Printed on the console (ttyS0) once the guest has booted. */
    public static final String READY_MARKER = "JVIRT-GUEST-READY";
    /** Printed on the console with the IPv4 address of eth0 ("none" without a lease). */
    public static final String IP_MARKER = "JVIRT-GUEST-IP";
    /**
     * The kernel command line the guest expects: its console on the first serial port, and
     * {@code no_timer_check}, without which Linux under TCG on a loaded host can panic in early
     * boot ("IO-APIC + timer doesn't work!": the timer check measures wall time).
     */
    public static final String CMDLINE = "console=ttyS0 no_timer_check";
    /** Guest memory that is enough for it, in MiB. */
    public static final int MEMORY_MIB = 128;

    private final TinyGuestImage image;
    private final Path scratch;

    TinyGuest(TinyGuestImage image, Path scratch) {
        this.image = Objects.requireNonNull(image);
        this.scratch = Objects.requireNonNull(scratch);
    }

    public Path kernel() {
        return image.kernel();
    }

    public Path initrd() {
        return image.initrd();
    }

    /** A directory of this test's own, removed after the test. */
    public Path scratchDir() {
        return scratch;
    }

    /** A fresh, empty 64 MiB qcow2 disk made with qemu-img in the test's scratch directory. */
    public Path newDisk(String name) {
        return newDisk(name, 64L << 20);
    }

    /** A fresh, empty qcow2 disk of {@code sizeBytes} made with qemu-img. */
    public Path newDisk(String name, long sizeBytes) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("disk name '" + name + "': use letters, digits, '.', '_', '-'");
        }
        Path disk = scratch.resolve(name.endsWith(".qcow2") ? name : name + ".qcow2");
        Commands.run(List.of("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), Long.toString(sizeBytes)));
        return disk;
    }

    /** QEMU arguments for direct kernel boot of this guest: -kernel, -initrd and -append. */
    public List<String> directBootArgs() {
        return List.of("-kernel", kernel().toString(), "-initrd", initrd().toString(), "-append", CMDLINE);
    }

    static Path newScratch() {
        try {
            return Files.createTempDirectory("jvirt-tiny-guest-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a scratch directory for the tiny guest", e);
        }
    }
}
