package dev.jvirt.vmmcore.daemon;

import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.HypervisorConfig;
import dev.jvirt.vmmcore.daemon.http.AccessPolicy;
import dev.jvirt.vmmcore.daemon.http.ApiServer;
import dev.jvirt.vmmcore.daemon.http.HttpDispatcher;
import dev.jvirt.vmmcore.daemon.http.HttpPipeline;
import dev.jvirt.vmmcore.daemon.http.SocketPermissions;
import dev.jvirt.vmmcore.daemon.routes.ApiRoutes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
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
    /**
     * At most this many requests run at once (blocking hypervisor calls); a thread is made only when
     * no idle one is free, and idle ones exit after 30 s, so an idle daemon keeps none.
     */
    static final int WORKERS = 64;

    private final DaemonOptions options;
    private final InstanceLock lock;
    private final Hypervisor hypervisor;
    private final ThreadPoolExecutor workers;
    private final ApiServer server;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger closing = new AtomicInteger();

    private Jvirtd(DaemonOptions options, InstanceLock lock, Hypervisor hypervisor, ThreadPoolExecutor workers,
                   ApiServer server) {
        this.options = options;
        this.lock = lock;
        this.hypervisor = hypervisor;
        this.workers = workers;
        this.server = server;
    }

    public static Jvirtd start(DaemonOptions options) throws IOException {
        return start(options, HypervisorConfig.of(options.dirs()));
    }

    /** Takes the lock, opens the hypervisor, serves the socket, then starts autostart domains in the background. */
    public static Jvirtd start(DaemonOptions options, HypervisorConfig config) throws IOException {
        long t0 = System.nanoTime();
        prepareDirs(options);
        InstanceLock lock = InstanceLock.acquire(options.lockFile());
        Hypervisor hv = null;
        ThreadPoolExecutor workers = null;
        try {
            hv = Hypervisor.open(config);
            workers = newWorkers();
            boolean session = options.mode() == DaemonOptions.Mode.SESSION;
            AccessPolicy access = session ? AccessPolicy.onlyUser(currentUid()) : AccessPolicy.anyone();
            SocketPermissions perms = session ? SocketPermissions.session() : SocketPermissions.system("jvirt");
            HttpDispatcher dispatcher = new HttpDispatcher(ApiRoutes.build(hv, config, options.mode().uri()),
                    workers, access);
            ApiServer server = ApiServer.bind(options.socket(), perms, new HttpPipeline(dispatcher));
            Jvirtd d = new Jvirtd(options, lock, hv, workers, server);
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

    public DaemonOptions options() {
        return options;
    }

    private void autostart() {
        Map<String, String> results = hypervisor.startAutostartDomains();
        results.forEach((name, result) -> {
            if (result.equals("started")) {
                log.info("autostart: domain '{}' started", name);
            } else {
                log.error("autostart: domain '{}' did not start: {}", name, result);
            }
        });
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
            server.close();
            workers.shutdown();
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("requests still running after 10 s; stopping without them");
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hypervisor.close();
            try {
                lock.close();
            } catch (IOException e) {
                log.warn("cannot release {}: {}", lock.file(), e.toString());
            }
            log.info("jvirtd stopped");
            closed.countDown();
        }
    }

    private static ThreadPoolExecutor newWorkers() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(0, WORKERS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "jvirtd-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static void prepareDirs(DaemonOptions o) throws IOException {
        Files.createDirectories(o.dirs().state());
        Path runtime = o.dirs().runtime();
        if (!Files.isDirectory(runtime)) {
            Files.createDirectories(runtime, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    o.mode() == DaemonOptions.Mode.SESSION ? "rwx------" : "rwxr-xr-x")));
        }
    }

    static int currentUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
