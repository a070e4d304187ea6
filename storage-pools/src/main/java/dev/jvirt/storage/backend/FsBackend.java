package dev.jvirt.storage.backend;

import dev.jvirt.domainxml.pool.StoragePool;
import dev.jvirt.storage.BuildMode;
import dev.jvirt.storage.InvalidStorageRequestException;
import dev.jvirt.storage.PoolStateException;
import dev.jvirt.storage.exec.CommandResult;
import dev.jvirt.storage.exec.Commands;
import dev.jvirt.storage.exec.QemuImg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <pool type='fs'>}: a block device or an image file holding a filesystem, mounted on the
 * target (mount sets up a loop device for a file by itself). Build makes the directory, and the
 * filesystem only when asked ({@code --overwrite}, or {@code --no-overwrite} on a device blkid
 * finds empty).
 */
public final class FsBackend extends MountedBackend {
    private final Commands commands;

    public FsBackend(Commands commands, QemuImg qemuImg, Mounts mounts) {
        super(qemuImg, mounts);
        this.commands = commands;
    }

    @Override
    public String type() {
        return "fs";
    }

    static String device(StoragePool pool) {
        return pool.source().devices().get(0);
    }

    static String format(StoragePool pool) {
        String f = pool.source() == null ? null : pool.source().format();
        return f == null ? "auto" : f;
    }

    /** {@code mkfs -t FORMAT [-F|-f] DEVICE}: the force flag that each mkfs needs for a file or a used device. */
    public static List<String> mkfsArgv(String format, String device) {
        if (format.equals("auto")) {
            throw new InvalidStorageRequestException("say which filesystem to make: <source><format type='ext4'/></source>");
        }
        List<String> a = new ArrayList<>(List.of("mkfs", "-t", format));
        if (format.startsWith("ext")) {
            a.addAll(List.of("-F", "-q"));
        } else if (format.equals("xfs") || format.equals("btrfs")) {
            a.add("-f");
        }
        a.add(device);
        return a;
    }

    /** {@code blkid -p -o value -s TYPE DEVICE}: exit 2 when the device has no signature. */
    public static List<String> probeArgv(String device) {
        return List.of("blkid", "-p", "-o", "value", "-s", "TYPE", device);
    }

    @Override
    public void build(StoragePool pool, BuildMode mode) {
        String dev = device(pool);
        if (mode != BuildMode.NORMAL && !Files.exists(Path.of(dev))) {
            throw new InvalidStorageRequestException("device " + dev + " of pool '" + pool.name() + "' does not exist");
        }
        if (mode == BuildMode.NO_OVERWRITE) {
            CommandResult r = commands.run(probeArgv(dev), Duration.ofSeconds(30));
            if (r.exit() == 0) {
                throw new PoolStateException(dev + " already holds " + r.stdout().strip() + "; pool-build --overwrite replaces it");
            }
            if (r.exit() != 2) {
                throw Commands.failure("probing " + dev, r);
            }
        }
        if (mode != BuildMode.NORMAL) {
            commands.check(mkfsArgv(format(pool), dev), "making a " + format(pool) + " filesystem on " + dev, Duration.ofMinutes(10));
        }
        makeTarget(pool);
    }

    @Override
    public void start(StoragePool pool) {
        requireTarget(pool);
        String dev = device(pool);
        if (!Files.exists(Path.of(dev))) {
            throw new PoolStateException("device " + dev + " of pool '" + pool.name() + "' does not exist");
        }
        if (!mounts.isMounted(target(pool))) {
            mounts.mount(format(pool), dev, target(pool), pool.name());
        }
    }

}
