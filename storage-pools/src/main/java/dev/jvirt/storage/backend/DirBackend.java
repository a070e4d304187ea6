package dev.jvirt.storage.backend;

import dev.jvirt.domainxml.pool.StoragePool;
import dev.jvirt.storage.exec.QemuImg;
import java.nio.file.Files;

/** {@code <pool type='dir'>}: a directory of volume files; start and stop only check and forget. */
public final class DirBackend extends FileSystemBackend {
    public DirBackend(QemuImg qemuImg) {
        super(qemuImg);
    }

    @Override
    public String type() {
        return "dir";
    }

    @Override
    public void start(StoragePool pool) {
        requireTarget(pool);
    }

    @Override
    public void stop(StoragePool pool) {
        // nothing is mounted or activated for a directory
    }

    @Override
    public boolean isUp(StoragePool pool) {
        return Files.isDirectory(target(pool));
    }
}
