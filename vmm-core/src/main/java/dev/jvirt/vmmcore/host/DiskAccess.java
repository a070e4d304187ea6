package dev.jvirt.vmmcore.host;

import dev.jvirt.domainxml.domain.Domain;
import java.nio.file.Path;

/**
 * What lets a running guest's QEMU open a disk image hot-plugged into it: in system mode QEMU runs
 * as its own user ({@code security/DacOwnership}) and a hot-plugged image is handed to that user
 * as the images of a start are. The release gives it back (at detach, or when the guest stops).
 */
@FunctionalInterface
public interface DiskAccess {

    /**
     * Makes {@code image} openable by {@code live}'s QEMU, read-only or read-write; refuses (with the
     * path and what to do) an image that QEMU's user cannot be given.
     */
    Prepared.Release grant(Domain live, Path image, boolean readOnly) throws Exception;
}
