package dev.jvirt.vmmcore.daemon;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * sd_notify(3) for jvirtd.service's {@code Type=notify}: one datagram ({@code READY=1} once the
 * socket serves, {@code STOPPING=1} at shutdown) to the unix socket systemd names in
 * {@code NOTIFY_SOCKET}. The JDK has no unix datagram sockets; Netty's epoll transport, which
 * jvirtd already runs on, has. Without the variable (not started by systemd) it does nothing.
 */
final class SdNotify {

    private SdNotify() {
    }

    /** Tells systemd {@code state} if it asked to be told; a failure is logged by the caller, never fatal. */
    static boolean notify(String notifySocket, String state) throws IOException {
        if (notifySocket == null || notifySocket.isEmpty()) {
            return false;
        }
        // An abstract socket ("@name"): Netty's DomainSocketAddress takes paths only. systemd's
        // own managers (system and user) give a path.
        if (notifySocket.startsWith("@")) {
            throw new IOException("NOTIFY_SOCKET " + notifySocket + " is an abstract socket, which jvirtd cannot reach");
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("jvirtd-notify", true),
                EpollIoHandler.newFactory());
        try {
            Channel ch = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(new DomainSocketAddress(notifySocket)).sync().channel();
            try {
                ch.writeAndFlush(Unpooled.copiedBuffer(state, StandardCharsets.UTF_8)).sync();
            } finally {
                ch.close().sync();
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted telling systemd " + state, e);
        } catch (Exception e) { // Netty's sync() rethrows the cause, checked or not
            throw new IOException("cannot tell systemd " + state + " on " + notifySocket + ": " + e, e);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
