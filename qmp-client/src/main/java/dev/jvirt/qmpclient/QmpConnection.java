package dev.jvirt.qmpclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One negotiated QMP connection (greeting read, {@code qmp_capabilities} done). Thread-safe.
 * A command is encoded and written by the thread that runs it (see {@link CommandWriter}).
 * Futures complete on the connection's event-loop thread: wait on them, or move follow-up work
 * elsewhere with the {@code *Async} variants. Created by {@link QmpClientFactory#connect}.
 */
public final class QmpConnection implements AutoCloseable {
    private final Path socket;
    private final Channel channel;
    private final QmpClientHandler handler;
    private final CommandWriter writer;
    private final QmpMessageEncoder encoder;
    private final QmpMessage.Greeting greeting;
    private final long defaultTimeoutNanos;
    private final AtomicLong ids = new AtomicLong();
    private final QmpCommands commands = new QmpCommands(this);

    QmpConnection(Path socket, Channel channel, QmpClientHandler handler, CommandWriter writer,
                  QmpMessageEncoder encoder, QmpMessage.Greeting greeting, Duration defaultTimeout) {
        this.socket = socket;
        this.channel = channel;
        this.handler = handler;
        this.writer = writer;
        this.encoder = encoder;
        this.greeting = greeting;
        this.defaultTimeoutNanos = defaultTimeout.toNanos();
    }

    /** The socket this connection talks to. */
    public Path socket() {
        return socket;
    }

    /** QEMU's version from the greeting. */
    public QmpVersion version() {
        return greeting.version();
    }

    /** Capabilities QEMU offered in the greeting (e.g. {@code oob}); none are enabled. */
    public java.util.List<String> capabilities() {
        return greeting.capabilities();
    }

    /** Typed helpers for the commands jvirtd uses. */
    public QmpCommands commands() {
        return commands;
    }

    /** Runs {@code command} without arguments, with the default timeout. */
    public CompletableFuture<JsonNode> execute(String command) {
        return execute(command, null);
    }

    /** Runs {@code command} with {@code arguments} (may be null), with the default timeout. */
    public CompletableFuture<JsonNode> execute(String command, ObjectNode arguments) {
        return send(command, arguments, defaultTimeoutNanos, -1);
    }

    /** Runs {@code command} with its own timeout ({@link Duration#ZERO}: none). */
    public CompletableFuture<JsonNode> execute(String command, ObjectNode arguments, Duration timeout) {
        return send(command, arguments, timeout.toNanos(), -1);
    }

    /**
     * Runs {@code command} (e.g. {@code getfd}, {@code add-fd}) passing the open descriptor
     * {@code fd} with it over the socket (SCM_RIGHTS). QEMU receives its own copy; the caller
     * still owns {@code fd} and may close it once the future completes.
     */
    public CompletableFuture<JsonNode> executeWithFd(String command, ObjectNode arguments, int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("not a file descriptor: " + fd);
        }
        return send(command, arguments, defaultTimeoutNanos, fd);
    }

    private CompletableFuture<JsonNode> send(String command, ObjectNode arguments, long timeoutNanos, int fd) {
        Objects.requireNonNull(command, "command");
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        QmpRequest request = new QmpRequest(ids.incrementAndGet(), command, arguments, timeoutNanos, fd, future);
        if (request.passesFd()) {
            if (handler.register(request)) {
                channel.writeAndFlush(request).addListener(f -> {
                    if (!f.isSuccess()) {
                        handler.failToSend(request, f.cause());
                    }
                });
            }
            return future;
        }
        ByteBuf bytes;
        try {
            bytes = encoder.encode(request, channel.alloc());
        } catch (IOException | RuntimeException e) {
            future.completeExceptionally(new QmpException("could not encode QMP command '" + command + "'", e));
            return future;
        }
        if (handler.register(request)) {
            writer.write(bytes, cause -> handler.failToSend(request, cause));
        } else {
            bytes.release();
        }
        return future;
    }

    /** Registers {@code listener} for events and for the connection-lost signal. */
    public QmpSubscription subscribe(QmpEventListener listener) {
        return handler.subscribe(Objects.requireNonNull(listener, "listener"));
    }

    /** Whether the connection is still up. */
    public boolean isOpen() {
        return channel.isActive();
    }

    /** Completes (never fails) when the connection is gone, with why. */
    public CompletableFuture<QmpConnectionLostException> connectionLost() {
        return handler.connectionLost();
    }

    /** Closes the connection; pending commands fail with {@link QmpConnectionLostException}. */
    @Override
    public void close() {
        var closed = channel.close();
        if (!channel.eventLoop().inEventLoop()) {
            closed.syncUninterruptibly();
        }
    }

    @Override
    public String toString() {
        return "QmpConnection[" + socket + ", QEMU " + greeting.version() + (isOpen() ? "" : ", closed") + "]";
    }
}
