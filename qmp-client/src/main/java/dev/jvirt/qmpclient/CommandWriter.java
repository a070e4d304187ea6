package dev.jvirt.qmpclient;

import com.sun.jna.LastErrorException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.unix.UnixChannel;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts encoded commands on one connection's socket, in the order callers hand them over.
 *
 * <p>Why the caller's thread writes: handing every command to the event loop costs a thread hop
 * (queue, eventfd wake-up, a context switch) on top of the one that brings the reply back. With
 * one loop thread serving many guests on few cores, that hop is most of the client's overhead.
 * So the calling thread writes the bytes itself, on a {@link SocketDuplicate}, under a lock.
 *
 * <p>When the socket cannot take them all (QEMU is not reading, the send buffer is full) the
 * rest goes through the event loop, which waits for the socket to become writable. From then on
 * every later command also goes through the loop, behind it, until the loop has written
 * everything it was given ({@link #inLoop} back to 0): bytes never overtake each other and a
 * command is never split by another one. Commands that pass a file descriptor are sent by
 * {@link FdRequestQueue} on the loop through {@link #sendWithFd}, under the same rules.
 */
final class CommandWriter {
    private static final Logger log = LoggerFactory.getLogger(CommandWriter.class);

    /** What {@link #sendWithFd} did. */
    enum FdSend {
        /** Sent (the part the socket did not take follows through the loop), or failed as reported. */
        DONE,
        /** Not sent: earlier bytes are still queued, or the socket is full. Try again later. */
        NOT_NOW
    }

    private final Channel channel;
    private final String peer;
    private final SocketDuplicate socket;
    private final ReentrantLock lock = new ReentrantLock();
    /** Buffers handed to the event loop and not yet completely written (or failed). */
    private final AtomicInteger inLoop = new AtomicInteger();
    private boolean closed; // guarded by lock

    private CommandWriter(Channel channel, String peer, SocketDuplicate socket) {
        this.channel = channel;
        this.peer = peer;
        this.socket = socket;
    }

    /** A writer for {@code channel} (a connected unix channel); closes itself when the channel closes. */
    static CommandWriter open(Channel channel, String peer) {
        CommandWriter writer = new CommandWriter(channel, peer,
                SocketDuplicate.of(((UnixChannel) channel).fd().intValue()));
        channel.closeFuture().addListener(f -> writer.close());
        return writer;
    }

    /**
     * Sends {@code bytes} (this takes ownership) from any thread. If they cannot be sent,
     * {@code onFailure} gets the reason, on this thread or on the event loop.
     */
    void write(ByteBuf bytes, Consumer<Throwable> onFailure) {
        IOException broken = null;
        lock.lock();
        try {
            if (!closed && inLoop.get() == 0) {
                try {
                    socket.write(bytes);
                } catch (IOException e) {
                    broken = e;
                }
                if (broken != null || !bytes.isReadable()) {
                    bytes.release();
                    return;
                }
            }
            handToLoop(bytes, onFailure);
        } finally {
            lock.unlock();
            if (broken != null) {
                log.debug("{}: write failed; closing", peer, broken);
                onFailure.accept(broken);
                channel.close();
            }
        }
    }

    /**
     * Sends {@code data} with descriptor {@code fd} attached; event loop only. Failures other
     * than a full socket go to {@code onFailure} (and close the connection).
     */
    FdSend sendWithFd(byte[] data, int fd, Consumer<Throwable> onFailure) {
        lock.lock();
        try {
            if (closed) {
                onFailure.accept(new QmpConnectionLostException("QMP connection to " + peer + " is closed"));
                return FdSend.DONE;
            }
            if (inLoop.get() > 0) {
                return FdSend.NOT_NOW;
            }
            int sent;
            try {
                sent = socket.sendWithFd(data, fd);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == FdPassing.EAGAIN) {
                    return FdSend.NOT_NOW;
                }
                onFailure.accept(e);
                channel.close();
                return FdSend.DONE;
            }
            if (sent < data.length) {
                handToLoop(channel.alloc().buffer(data.length - sent).writeBytes(data, sent, data.length - sent),
                        onFailure);
            }
            return FdSend.DONE;
        } finally {
            lock.unlock();
        }
    }

    /** Lock held: offers are serialised, so the loop writes them in the order they were handed over. */
    private void handToLoop(ByteBuf bytes, Consumer<Throwable> onFailure) {
        inLoop.incrementAndGet();
        channel.writeAndFlush(bytes).addListener(f -> {
            inLoop.decrementAndGet();
            if (!f.isSuccess()) {
                onFailure.accept(f.cause());
            }
        });
    }

    private void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                socket.close();
            }
        } catch (IOException e) {
            log.debug("{}: closing the duplicate socket descriptor failed", peer, e);
        } finally {
            lock.unlock();
        }
    }
}
