package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify as systemd receives it: one datagram on the unix socket NOTIFY_SOCKET names. */
class SdNotifyTest {

    @Test
    void sendsTheStateAsOneDatagram(@TempDir Path dir) throws Exception {
        BlockingQueue<String> received = new ArrayBlockingQueue<>(4);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        Path socket = dir.resolve("notify");
        try {
            Channel systemd = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                    .handler(new SimpleChannelInboundHandler<DomainDatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DomainDatagramPacket p) {
                            received.add(p.content().toString(StandardCharsets.UTF_8));
                        }
                    }).bind(new DomainSocketAddress(socket.toString())).sync().channel();
            assertThat(SdNotify.notify(socket.toString(), "READY=1")).isTrue();
            assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo("READY=1");
            systemd.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void nothingOutsideSystemdAndClearFailures(@TempDir Path dir) throws Exception {
        assertThat(SdNotify.notify(null, "READY=1")).isFalse();
        assertThat(SdNotify.notify("", "READY=1")).isFalse();
        assertThatThrownBy(() -> SdNotify.notify(dir.resolve("nobody-listens").toString(), "READY=1"))
                .hasMessageContaining("cannot tell systemd READY=1");
        assertThatThrownBy(() -> SdNotify.notify("@abstract", "READY=1")).hasMessageContaining("abstract");
    }
}
