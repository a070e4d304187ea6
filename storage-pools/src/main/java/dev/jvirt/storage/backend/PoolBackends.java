package dev.jvirt.storage.backend;

import dev.jvirt.storage.InvalidStorageRequestException;
import dev.jvirt.storage.exec.Commands;
import dev.jvirt.storage.exec.QemuImg;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pool kinds, one map from {@code <pool type>} to its backend; fixed when made. */
public final class PoolBackends {
    private final Map<String, PoolBackend> byType;

    public PoolBackends(List<PoolBackend> backends) {
        Map<String, PoolBackend> m = new LinkedHashMap<>();
        for (PoolBackend b : backends) {
            if (m.put(b.type(), b) != null) {
                throw new IllegalArgumentException("two backends for pool type " + b.type());
            }
        }
        this.byType = Map.copyOf(m);
    }

    /** dir, fs, netfs and logical, running tools through {@code commands} and {@code qemuImg}. */
    public static PoolBackends standard(Commands commands, QemuImg qemuImg) {
        Mounts mounts = new Mounts(commands);
        return new PoolBackends(List.of(new DirBackend(qemuImg), new FsBackend(commands, qemuImg, mounts),
                new NetfsBackend(qemuImg, mounts), new LogicalBackend(commands, qemuImg)));
    }

    /** The backend for a pool type. */
    public PoolBackend get(String type) {
        PoolBackend b = byType.get(type);
        if (b == null) {
            throw new InvalidStorageRequestException("pool type '" + type + "' is not supported here (supported: "
                    + String.join(", ", new java.util.TreeSet<>(byType.keySet())) + ")");
        }
        return b;
    }
}
