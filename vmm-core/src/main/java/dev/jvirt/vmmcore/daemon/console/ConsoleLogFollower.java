package dev.jvirt.vmmcore.daemon.console;

import dev.jvirt.console.hub.ConsoleLogReader;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a console log to an upgraded connection, then what is appended, until the client closes
 * it: {@link ConsoleLogReader#follow} on a thread of its own (it polls and blocks), writing each
 * chunk and waiting until the channel took it, so a slow reader slows the copy instead of
 * filling the daemon's memory.
 */
final class ConsoleLogFollower {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleLogFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private ConsoleLogFollower() {
    }

    static void start(Channel ch, Path file, String domain) {
        ch.pipeline().addLast("console-log", new DiscardInput());
        Thread t = new Thread(() -> copy(ch, file, domain), "console-log-" + domain);
        t.setDaemon(true);
        t.start();
    }

    private static void copy(Channel ch, Path file, String domain) {
        try {
            ConsoleLogReader.follow(file, new ChannelOutput(ch), ch::isActive, POLL);
        } catch (IOException e) {
            LOG.debug("following the console log of domain '{}' ended: {}", domain, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ch.close();
        }
    }

    /** The client sends nothing after the upgrade; whatever comes is dropped. */
    private static final class DiscardInput extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static final class ChannelOutput extends OutputStream {
        private final Channel ch;

        ChannelOutput(Channel ch) {
            this.ch = ch;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            ChannelFuture f = ch.writeAndFlush(Unpooled.copiedBuffer(b, off, len)).awaitUninterruptibly();
            if (!f.isSuccess()) {
                throw new IOException("the client went away", f.cause());
            }
        }
    }
}
