package dev.jvirt.storage.backend;

import dev.jvirt.domainxml.Permissions;
import dev.jvirt.domainxml.pool.StoragePool;
import dev.jvirt.storage.PoolStateException;
import dev.jvirt.storage.StorageException;
import dev.jvirt.storage.exec.QemuImg;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * What dir, fs and netfs pools share: a target directory holding volume files, made by build with
 * the definition's permissions (0711 by default, as in libvirt), removed by delete when empty, and
 * sized by statvfs of the filesystem it is on.
 */
abstract class FileSystemBackend implements PoolBackend {
    private static final String DEFAULT_MODE = "0711";
    protected final QemuImg qemuImg;

    FileSystemBackend(QemuImg qemuImg) {
        this.qemuImg = qemuImg;
    }

    static Path target(StoragePool pool) {
        return Path.of(pool.targetPath());
    }

    /** Build of a directory pool: the target directory, nothing else. */
    @Override
    public void build(StoragePool pool, dev.jvirt.storage.BuildMode mode) {
        makeTarget(pool);
    }

    /** Makes the target directory (and its parents), then applies mode, owner and group. */
    protected void makeTarget(StoragePool pool) {
        Path t = target(pool);
        try {
            if (Files.isSymbolicLink(t)) {
                throw new PoolStateException("target " + t + " of pool '" + pool.name() + "' is a symbolic link; give the real directory");
            }
            Files.createDirectories(t);
            Permissions perm = pool.targetPermissions();
            String mode = perm != null && perm.mode() != null ? perm.mode() : DEFAULT_MODE;
            Files.setPosixFilePermissions(t, permissions(Integer.parseInt(mode, 8)));
            if (perm != null && perm.owner() != null) {
                Files.setAttribute(t, "unix:uid", Integer.parseInt(perm.owner()), LinkOption.NOFOLLOW_LINKS);
            }
            if (perm != null && perm.group() != null) {
                Files.setAttribute(t, "unix:gid", Integer.parseInt(perm.group()), LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            throw new StorageException("cannot make directory " + t + " for pool '" + pool.name() + "': " + e.getMessage(), e);
        }
    }

    /** Checks that the target directory is there before a start. */
    protected void requireTarget(StoragePool pool) {
        if (!Files.isDirectory(target(pool))) {
            throw new PoolStateException("directory " + pool.targetPath() + " of pool '" + pool.name()
                    + "' does not exist; build the pool first (jvirsh pool-build " + pool.name() + ")");
        }
    }

    @Override
    public void delete(StoragePool pool) {
        Path t = target(pool);
        try {
            Files.delete(t);
        } catch (NoSuchFileException e) {
            // nothing to delete
        } catch (DirectoryNotEmptyException e) {
            throw new PoolStateException("directory " + t + " of pool '" + pool.name() + "' is not empty; delete its volumes first", e);
        } catch (IOException e) {
            throw new StorageException("cannot remove " + t + " of pool '" + pool.name() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public PoolSpace space(StoragePool pool) {
        try {
            FileStore fs = Files.getFileStore(target(pool));
            long total = fs.getTotalSpace();
            long free = fs.getUnallocatedSpace(); // statvfs f_bfree, as libvirt's dir and fs pools count "available"
            return new PoolSpace(total, total - free, free);
        } catch (IOException e) {
            throw new StorageException("cannot read the size of " + pool.targetPath() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public VolumeStore volumes(StoragePool pool) {
        return new FileVolumeStore(target(pool), qemuImg);
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                s.add(order[i]);
            }
        }
        return s;
    }
}
