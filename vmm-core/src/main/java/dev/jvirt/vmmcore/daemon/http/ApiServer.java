package dev.jvirt.vmmcore.daemon.http;

import dev.jvirt.vmmcore.security.PrivateFiles;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server on the unix socket (Netty epoll, one event-loop thread). The socket is bound in
 * a private directory, given its mode and group there, and only then renamed into place, so no
 * one can connect before its permissions are right. The rename replaces whatever was at the
 * socket's path (a stale socket, or a file planted there) without following it; on close only the
 * socket bound here is removed.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private final Path socket;
    private final EventLoopGroup group;
    private final ChannelGroup connections;
    private final Channel server;
    private volatile Object socketIdentity;

    private ApiServer(Path socket, EventLoopGroup group, ChannelGroup connections, Channel server) {
        this.socket = socket;
        this.group = group;
        this.connections = connections;
        this.server = server;
    }

    /** Binds {@code socket} (a stale file there is replaced) and serves {@code pipeline} (a sharable initializer: HTTP, or libvirt's RPC). */
    public static ApiServer bind(Path socket, SocketPermissions permissions, io.netty.channel.ChannelHandler pipeline) throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path staging = Files.createTempDirectory(dir, ".bind-");
        Path staged = staging.resolve(socket.getFileName());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("jvirtd-io", true),
                EpollIoHandler.newFactory());
        ChannelGroup connections = new DefaultChannelGroup("jvirtd-connections", GlobalEventExecutor.INSTANCE);
        try {
            ServerBootstrap b = new ServerBootstrap()
                    .group(group)
                    .channel(EpollServerDomainSocketChannel.class)
                    .childHandler(new io.netty.channel.ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            connections.add(ch);
                            ch.pipeline().addLast(pipeline);
                        }
                    });
            Channel server = b.bind(new DomainSocketAddress(staged.toFile())).syncUninterruptibly().channel();
            ApiServer self = new ApiServer(socket, group, connections, server);
            permissions.apply(staged);
            Files.move(staged, socket, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            self.socketIdentity = PrivateFiles.identity(socket);
            log.info("listening on {} ({})", socket, permissions.describe());
            return self;
        } catch (IOException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        } finally {
            Files.deleteIfExists(staged);
            Files.deleteIfExists(staging);
        }
    }

    public Path socket() {
        return socket;
    }

    /** Stops accepting, closes every connection (streams end), removes the socket file if it is still the one bound here. */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        try {
            PrivateFiles.deleteIfSame(socket, socketIdentity);
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", socket, e.toString());
        }
    }
}
