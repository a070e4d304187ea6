package dev.jvirt.vmmcore.daemon;

import dev.jvirt.vmmcore.HostStorage;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.DomainEvent;
import dev.jvirt.vmmcore.DomainInfo;
import dev.jvirt.vmmcore.HypervisorConfig;
import dev.jvirt.vmmcore.VirtualNetworks;
import dev.jvirt.vmmcore.VmmException;
import dev.jvirt.vmmcore.daemon.http.AccessPolicy;
import dev.jvirt.vmmcore.daemon.http.ApiServer;
import dev.jvirt.vmmcore.daemon.http.HttpDispatcher;
import dev.jvirt.vmmcore.daemon.http.HttpPipeline;
import dev.jvirt.vmmcore.daemon.http.RouteTable;
import dev.jvirt.vmmcore.daemon.http.SocketPermissions;
import dev.jvirt.vmmcore.daemon.libvirt.LibvirtServer;
import dev.jvirt.vmmcore.daemon.routes.ApiRoutes;
import dev.jvirt.vmmcore.daemon.routes.StorageRoutes;
import dev.jvirt.vmmcore.security.CurrentUser;
import dev.jvirt.vmmcore.security.DacOwnership;
import dev.jvirt.vmmcore.security.QemuUser;
import dev.jvirt.vmmcore.security.PrivateDirs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running jvirtd: the instance lock, the {@link Hypervisor} (which takes over guests still
 * running), the worker threads for blocking calls and the API server. Closing it stops serving
 * and lets go of the guests, which keep running.
 */
public final class Jvirtd implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Jvirtd.class);
    private final DaemonOptions options;
    private final InstanceLock lock;
    private final Hypervisor hypervisor;
    private final ThreadPoolExecutor workers;
    private final ApiServer server;
    private final HttpDispatcher dispatcher;
    private volatile LibvirtServer libvirt;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger closing = new AtomicInteger();
    private HostStorage storage;
    private VirtualNetworks networks;

    private Jvirtd(DaemonOptions options, InstanceLock lock, Hypervisor hypervisor, ThreadPoolExecutor workers,
                   ApiServer server, HttpDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.options = options;
        this.lock = lock;
        this.hypervisor = hypervisor;
        this.workers = workers;
        this.server = server;
    }

    public static Jvirtd start(DaemonOptions options) throws IOException {
        return start(options, HypervisorConfig.of(options.dirs()));
    }

    /**
     * System mode runs QEMU as {@link QemuUser#DEFAULT_NAME} with the files it needs given to it
     * ({@link DacOwnership}); without that account (scripts/install-deps makes it) QEMU runs as root.
     */
    private static DacOwnership dac(DaemonOptions options) {
        if (options.mode() != DaemonOptions.Mode.SYSTEM) {
            return null;
        }
        QemuUser user = QemuUser.lookup(QemuUser.DEFAULT_NAME);
        if (user == null) {
            log.warn("user '{}' does not exist: QEMU runs as root and can open any file a definition names; create "
                    + "it (scripts/install-deps, or useradd --system --user-group {})", QemuUser.DEFAULT_NAME,
                    QemuUser.DEFAULT_NAME);
            return null;
        }
        return new DacOwnership(user, options.dirs().runtime().resolve("dac"));
    }

    /** Takes the lock, opens the hypervisor, serves the socket, then starts autostart domains in the background. */
    public static Jvirtd start(DaemonOptions options, HypervisorConfig config) throws IOException {
        long t0 = System.nanoTime();
        prepareDirs(options);
        InstanceLock lock = InstanceLock.acquire(options.lockFile());
        Hypervisor hv = null;
        ThreadPoolExecutor workers = null;
        DacOwnership dac = dac(options);
        HostStorage storage = HostStorage.open(options.dirs());
        if (config.backends().storage().isEmpty()) {
            config = config.withBackends(config.backends().withStorage(storage.backend()));
        }
        if (dac != null) {
            config = config.withCommandLine(dac.wrap(config.commandLine()))
                    .withStartObserver(dac.observer(config.startObserver()))
                    .withBackends(config.backends().withDiskAccess(dac));
        }
        VirtualNetworks nets = openNetworks(options, dac);
        if (nets != null) {
            config = config.withBackends(nets.backends(config.backends()));
        }
        try {
            hv = Hypervisor.open(config);
            if (nets != null) {
                Hypervisor h = hv;
                nets.recoverTaps(name -> h.list().stream().anyMatch(d -> d.name().equals(name) && d.pid().isPresent()));
                hv.subscribe(ev -> {
                    if (ev.kind() == DomainEvent.Kind.STOPPED) {
                        nets.guestStopped(ev.domain());
                    }
                });
            }
            if (dac != null) {
                Hypervisor h = hv;
                hv.subscribe(dac::onEvent);
                dac.restoreStopped(name -> h.list().stream().anyMatch(d -> d.name().equals(name) && d.pid().isPresent()));
                log.info("QEMU runs as user {} (uid {})", dac.user().name(), dac.user().uid());
            }
            storage.attach(hv);
            workers = newWorkers(options.http().maxInFlight());
            boolean session = options.mode() == DaemonOptions.Mode.SESSION;
            AccessPolicy access = session ? AccessPolicy.onlyUser(currentUid()) : AccessPolicy.anyone();
            SocketPermissions perms = session ? SocketPermissions.session() : SocketPermissions.system("jvirt");
            RouteTable routes = ApiRoutes.build(hv, nets, config, options.mode().uri());
            new StorageRoutes(storage, hv).register(routes);
            HttpDispatcher dispatcher = new HttpDispatcher(routes, workers, access);
            ApiServer server = ApiServer.bind(options.socket(), perms, new HttpPipeline(dispatcher, options.http()));
            Jvirtd d = new Jvirtd(options, lock, hv, workers, server, dispatcher);
            d.storage = storage;
            d.networks = nets;
            try {
                d.libvirt = LibvirtServer.bind(options.libvirtSocket(), perms, access, hv, storage, nets,
                        options.mode().uri());
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            log.info("jvirtd {} ready in {} ms (pid {}, state {}, runtime {}, {} domains)", options.mode().uri(),
                    (System.nanoTime() - t0) / 1_000_000, ProcessHandle.current().pid(), options.dirs().state(),
                    options.dirs().runtime(), hv.list().size());
            workers.execute(d::autostart);
            return d;
        } catch (IOException | RuntimeException e) {
            if (workers != null) {
                workers.shutdownNow();
            }
            if (hv != null) {
                hv.close();
            }
            storage.close();
            lock.close();
            throw e;
        }
    }

    public Hypervisor hypervisor() {
        return hypervisor;
    }

    public Path socket() {
        return server.socket();
    }

    /** libvirt's RPC socket ({@link DaemonOptions#libvirtSocket()}). */
    public Path libvirtSocket() {
        return libvirt.socket();
    }

    public DaemonOptions options() {
        return options;
    }

    /**
     * The virtual networks (STATE/network, RUN/network), the ones a previous daemon left running
     * adopted; null (with the reason logged) where they cannot be opened: guests then start without them.
     */
    private static VirtualNetworks openNetworks(DaemonOptions options, DacOwnership dac) {
        try {
            VirtualNetworks nets = VirtualNetworks.open(options.dirs(), dac == null ? null : dac.user().uid());
            if (options.mode() == DaemonOptions.Mode.SYSTEM) {
                nets.defineDefaultOnFirstUse(options.dirs());
            }
            return nets;
        } catch (RuntimeException e) {
            log.error("virtual networks are unavailable: {}", e.getMessage(), e);
            return null;
        }
    }

    private void autostart() {
        try {
            storage.startAutostart(); // pools first: autostart domains may have disks in them
        } catch (RuntimeException e) {
            log.error("autostart: storage pools: {}", e.getMessage(), e);
        }
        if (networks != null) { // networks first: autostarted guests may be on them
            networks.startAutostartNetworks().forEach((name, result) -> {
                if (result.equals("started")) {
                    log.info("autostart: network '{}' started", name);
                } else {
                    log.error("autostart: network '{}' did not start: {}", name, result);
                }
            });
        }
        for (DomainInfo d : hypervisor.list()) { // then the shut-off autostart domains
            if (!d.autostart() || d.status().isActive()) {
                continue;
            }
            try {
                hypervisor.start(d.name());
                log.info("autostart: domain '{}' started", d.name());
            } catch (VmmException e) {
                log.error("autostart: domain '{}' did not start: {}", d.name(), e.getMessage());
            }
        }
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops serving (streams end), waits up to 10 s for requests in flight, lets go of guests, releases the lock. */
    @Override
    public void close() {
        if (closing.getAndIncrement() > 0) {
            return;
        }
        log.info("jvirtd stopping; guests keep running");
        try {
            if (libvirt != null) {
                libvirt.close();
            }
            server.close();
            dispatcher.close();
            workers.shutdown();
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("requests still running after 10 s; stopping without them");
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hypervisor.close();
            storage.close();
            try {
                lock.close();
            } catch (IOException e) {
                log.warn("cannot release {}: {}", lock.file(), e.toString());
            }
            log.info("jvirtd stopped");
            closed.countDown();
        }
    }

    private static ThreadPoolExecutor newWorkers(int max) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(0, max, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "jvirtd-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Makes the state and runtime directories, or checks the ones there ({@link PrivateDirs}): in
     * session mode both 0700; in system mode the state directory 0711 (QEMU's user may reach
     * images kept below it, e.g. {@code /var/lib/jvirt/images}; the definitions in it stay 0700)
     * and the runtime directory 0755 (the socket's group must reach {@code jvirtd.sock}).
     */
    public static void prepareDirs(DaemonOptions o) throws IOException {
        int uid = currentUid();
        boolean session = o.mode() == DaemonOptions.Mode.SESSION;
        PrivateDirs.ensure(o.dirs().state(), uid, session ? 0700 : 0711,
                new PrivateDirs.Role("state directory", "choose another with XDG_DATA_HOME or --state-dir"));
        PrivateDirs.ensure(o.dirs().runtime(), uid, session ? 0700 : 0755,
                new PrivateDirs.Role("runtime directory", session
                        ? "choose a private one with XDG_RUNTIME_DIR or --runtime-dir"
                        : "choose another with --runtime-dir"));
    }

    static int currentUid() {
        return CurrentUser.uid();
    }
}
