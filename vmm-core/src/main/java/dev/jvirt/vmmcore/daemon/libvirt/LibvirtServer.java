package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.libvirtwire.RpcFrameDecoder;
import dev.jvirt.libvirtwire.RpcMessageEncoder;
import dev.jvirt.vmmcore.HostStorage;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.VirtualNetworks;
import dev.jvirt.vmmcore.daemon.http.AccessPolicy;
import dev.jvirt.vmmcore.daemon.http.ApiServer;
import dev.jvirt.vmmcore.daemon.http.SocketPermissions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * jvirtd's second socket ({@code RUNTIME/libvirt-sock}): libvirt's RPC protocol, so stock
 * virsh ({@code qemu+unix:///session?socket=PATH}), libvirt-java and python3-libvirt drive jvirt.
 * Bound like the REST socket (same modes, same peer-uid policy) by {@link ApiServer}; calls run
 * on this server's own worker threads.
 */
public final class LibvirtServer implements AutoCloseable {
    /** Calls answered at once across all connections; one more gets a "busy" error reply. */
    static final int MAX_WORKERS = 64;
    private final ApiServer server;
    private final ThreadPoolExecutor workers;

    private LibvirtServer(ApiServer server, ThreadPoolExecutor workers) {
        this.server = server;
        this.workers = workers;
    }

    /** {@code storage}, {@code nets}: the pools and networks it serves (null: none). {@code uri}: the daemon's URI ({@code vmm:///session}); libvirt clients are told its {@code qemu:} name. */
    public static LibvirtServer bind(Path socket, SocketPermissions permissions, AccessPolicy access, Hypervisor hv,
                                     HostStorage storage, VirtualNetworks nets, String uri) throws IOException {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(0, MAX_WORKERS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "jvirtd-libvirt-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        LibvirtService service = new LibvirtService(hv, storage, nets, uri.replaceFirst("^vmm:", "qemu:"));
        RpcMessageEncoder encoder = new RpcMessageEncoder();
        ChannelInitializer<Channel> init = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast("rpc-frames", new RpcFrameDecoder())
                        .addLast("rpc-encoder", encoder)
                        .addLast("libvirt", new LibvirtConnection(service, access, workers));
            }
        };
        try {
            return new LibvirtServer(ApiServer.bind(socket, permissions, init), workers);
        } catch (IOException | RuntimeException e) {
            workers.shutdownNow();
            throw e;
        }
    }

    public Path socket() {
        return server.socket();
    }

    @Override
    public void close() {
        server.close();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
