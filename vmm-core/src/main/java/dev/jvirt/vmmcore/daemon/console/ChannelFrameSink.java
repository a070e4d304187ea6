package dev.jvirt.vmmcore.daemon.console;

import dev.jvirt.console.hub.FrameSink;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Frames to the upgraded connection. The session is attached before the 101 answer goes out (so
 * a busy console is still an HTTP error); frames sent before then wait here until {@link #bind}.
 */
final class ChannelFrameSink implements FrameSink {
    private Channel channel;
    private final List<byte[]> pending = new ArrayList<>();
    private boolean closeRequested;

    synchronized void bind(Channel ch) {
        this.channel = ch;
        for (byte[] frames : pending) {
            ch.write(Unpooled.wrappedBuffer(frames));
        }
        pending.clear();
        ch.flush();
        if (closeRequested) {
            ch.close();
        }
    }

    @Override
    public synchronized CompletionStage<?> send(byte[] frames) {
        if (channel == null) {
            pending.add(frames);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        channel.writeAndFlush(Unpooled.wrappedBuffer(frames)).addListener(f -> {
            if (f.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(f.cause());
            }
        });
        return done;
    }

    @Override
    public synchronized void close() {
        if (channel == null) {
            closeRequested = true;
        } else {
            channel.close();
        }
    }
}
