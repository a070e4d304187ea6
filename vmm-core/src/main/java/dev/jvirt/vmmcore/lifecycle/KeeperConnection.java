package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.console.ConsoleUnavailableException;
import dev.jvirt.console.keeper.KeeperClient;
import dev.jvirt.console.keeper.KeeperProcess;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's connection to its console keeper, on Netty like every other socket of the daemon:
 * connects to {@code RUNTIME/console-keeper.sock}, or starts the keeper ({@link KeeperProcess})
 * when nobody serves it and connects then. Refuses a keeper that runs as another uid. A lost
 * connection is made again at the next {@link #client}.
 */
final class KeeperConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KeeperConnection.class);
    /** How long a keeper the daemon started may take to serve (a JVM start on a loaded machine). */
    private static final long START_MILLIS = 30_000;

    private final Path runtimeDir;
    private final Path keeperLog;
    private MultiThreadIoEventLoopGroup group;
    private KeeperClient client;
    private Channel channel;

    /** {@code keeperLog}: where a keeper this daemon starts writes its log (its stderr). */
    KeeperConnection(Path runtimeDir, Path keeperLog) {
        this.runtimeDir = runtimeDir;
        this.keeperLog = keeperLog;
    }

    /** The open connection's client: connects (starting the keeper if need be) when there is none. */
    synchronized KeeperClient client() {
        if (client != null && client.isOpen()) {
            return client;
        }
        if (group == null) {
            group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("console-keeper-link", true),
                    EpollIoHandler.newFactory());
        }
        client = connect(false);
        if (client == null) {
            Process started;
            try {
                started = KeeperProcess.spawn(runtimeDir, keeperLog);
            } catch (IOException e) {
                throw new ConsoleUnavailableException("cannot start the console keeper: " + e.getMessage(), e);
            }
            log.info("started the console keeper (pid {}) for {}", started.pid(), runtimeDir);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_MILLIS);
            while (client == null) {
                if (System.nanoTime() > deadline) {
                    started.destroyForcibly();
                    throw new ConsoleUnavailableException("the console keeper did not serve "
                            + KeeperProcess.socket(runtimeDir) + " within " + START_MILLIS / 1000 + " s (see "
                            + keeperLog + ")");
                }
                sleep(20);
                client = connect(System.nanoTime() > deadline);
            }
        }
        return client;
    }

    /** A connected, greeted client, or null when nothing serves the socket yet. */
    private KeeperClient connect(boolean last) {
        Path socket = KeeperProcess.socket(runtimeDir);
        if (!Files.exists(socket)) {
            return null;
        }
        KeeperClient[] made = new KeeperClient[1];
        Bootstrap b = new Bootstrap().group(group).channel(EpollDomainSocketChannel.class)
                .handler(new ChannelInitializer<EpollDomainSocketChannel>() {
                    @Override
                    protected void initChannel(EpollDomainSocketChannel ch) {
                        KeeperClient c = new KeeperClient(new KeeperClient.Transport() {
                            @Override
                            public void send(byte[] bytes) {
                                ch.writeAndFlush(Unpooled.wrappedBuffer(bytes));
                            }

                            @Override
                            public void close() {
                                ch.close();
                            }
                        });
                        made[0] = c;
                        ch.pipeline().addLast(new Inbound(c));
                    }
                });
        ChannelFuture f = b.connect(new DomainSocketAddress(socket.toFile()));
        if (!f.awaitUninterruptibly(5, TimeUnit.SECONDS) || !f.isSuccess()) {
            f.channel().close();
            return null; // a stale socket of a dead keeper, or one not listening yet
        }
        EpollDomainSocketChannel ch = (EpollDomainSocketChannel) f.channel();
        int uid = GuestConsoles.uid();
        int peer;
        try {
            peer = ch.peerCredentials().uid();
        } catch (IOException e) {
            peer = -1;
        }
        if (peer != uid) {
            ch.close();
            throw new ConsoleUnavailableException(socket + " is served by uid " + peer + ", not by this daemon's uid "
                    + uid + ": not trusted (remove it)");
        }
        try {
            long pid = made[0].hello().get(10, TimeUnit.SECONDS);
            log.info("connected to the console keeper (pid {})", pid);
        } catch (Exception e) {
            ch.close();
            if (last) {
                throw new ConsoleUnavailableException("the console keeper on " + socket + " did not greet: " + e, e);
            }
            return null;
        }
        channel = ch;
        return made[0];
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleUnavailableException("interrupted while connecting to the console keeper", e);
        }
    }

    /** Closes the connection (the keeper keeps the consoles; it exits if it keeps none). */
    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (channel != null) {
            channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            group = null;
        }
    }

    /** Keeper bytes to the client, on the connection's event loop. */
    private static final class Inbound extends ChannelInboundHandlerAdapter {
        private final KeeperClient client;

        Inbound(KeeperClient client) {
            this.client = client;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf buf)) {
                ctx.fireChannelRead(msg);
                return;
            }
            try {
                byte[] bytes = ByteBufUtil.getBytes(buf);
                client.received(bytes, 0, bytes.length);
            } finally {
                buf.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            client.connectionLost("the keeper closed the connection");
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("console keeper connection failed: {}", cause.toString());
            ctx.close();
        }
    }
}
