package dev.jvirt.storage.backend;

import dev.jvirt.domainxml.pool.StoragePool;
import dev.jvirt.storage.InvalidStorageRequestException;
import dev.jvirt.storage.exec.QemuImg;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code <pool type='netfs'>}: an NFS export ({@code <host name/>} + {@code <dir path/>}) mounted
 * on the target. Build makes the directory only.
 */
public final class NetfsBackend extends MountedBackend {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*|\\[[0-9A-Fa-f:.]+\\]");

    public NetfsBackend(QemuImg qemuImg, Mounts mounts) {
        super(qemuImg, mounts);
    }

    @Override
    public String type() {
        return "netfs";
    }

    /** {@code HOST:DIR}, the host checked to be a name or address (never an option). */
    static String source(StoragePool pool) {
        String host = pool.source().host();
        if (host == null || !HOST.matcher(host).matches()) {
            throw new InvalidStorageRequestException("pool '" + pool.name() + "': '" + host + "' is not a host name or address");
        }
        return host + ":" + pool.source().dir();
    }

    /** The mount(8) argv that starts the pool. */
    public static List<String> mountArgv(StoragePool pool) {
        String f = pool.source().format();
        return Mounts.mountArgv(f == null || f.equals("auto") ? "nfs" : f, source(pool), target(pool));
    }

    @Override
    public void start(StoragePool pool) {
        requireTarget(pool);
        if (!mounts.isMounted(target(pool))) {
            List<String> a = mountArgv(pool);
            mounts.mount(a.get(2), source(pool), target(pool), pool.name());
        }
    }

}
