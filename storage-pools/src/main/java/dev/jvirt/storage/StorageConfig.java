package dev.jvirt.storage;

import dev.jvirt.storage.backend.PoolBackends;
import dev.jvirt.storage.exec.Commands;
import dev.jvirt.storage.exec.QemuImg;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/**
 * Where storage-pools keeps things and what it runs.
 *
 * @param definitionsDir persistent pool definitions ({@code STATE/storage}); also autostart flags and incomplete markers
 * @param runtimeDir running pools' definitions ({@code RUNTIME/storage}); cleared by a reboot
 * @param defaultImagesDir the target of the {@code default} dir pool made on first use ({@code STATE/images}), or null for none
 * @param backends the pool kinds
 * @param qemuImg qemu-img
 * @param executor where jobs run, or null for the library's own (closed with it)
 */
public record StorageConfig(Path definitionsDir, Path runtimeDir, Path defaultImagesDir, PoolBackends backends, QemuImg qemuImg,
        ExecutorService executor) {

    /** The standard backends, {@code qemu-img} from PATH, the library's own executor. */
    public static StorageConfig of(Path definitionsDir, Path runtimeDir, Path defaultImagesDir) {
        Commands commands = new Commands();
        QemuImg q = new QemuImg(commands, "qemu-img");
        return new StorageConfig(definitionsDir, runtimeDir, defaultImagesDir, PoolBackends.standard(commands, q), q, null);
    }
}
