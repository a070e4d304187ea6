package dev.jvirt.vmmcore.daemon.routes;

import dev.jvirt.api.json.Json;
import dev.jvirt.storage.Job;
import dev.jvirt.storage.JobState;
import dev.jvirt.storage.JobStatus;
import dev.jvirt.storage.StoragePools;
import dev.jvirt.storage.VolumeRef;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.Request;
import dev.jvirt.vmmcore.daemon.http.UpgradeTarget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vol-upload} and {@code vol-download} as connection upgrades (docs/api.md, "Volume
 * streams"): after the 101 the connection carries frames of a 1-byte kind and an 8-byte
 * big-endian length — {@code D} data (the length's bytes follow), {@code Z} a run of zeros (a
 * hole; nothing follows), {@code E} the end (length: the whole stream's) and, from jvirtd only,
 * {@code X} a failure (the length's bytes are its UTF-8 message); a download starts with {@code L}, the
 * stream's length (nothing follows). An upload's answer is one JSON
 * line, the job at its end; then jvirtd closes the connection. The job is the library's: a
 * connection that breaks ends it failed, and an upload's volume stays marked incomplete.
 */
final class VolumeStreams {
    static final String UPLOAD = "jvirt-volume-upload";
    static final String DOWNLOAD = "jvirt-volume-download";
    private static final Logger log = LoggerFactory.getLogger(VolumeStreams.class);
    private static final int HEADER = 9;
    private final StoragePools pools;

    VolumeStreams(StoragePools pools) {
        this.pools = pools;
    }

    Reply upload(VolumeRef v, Request r) {
        requireUpgrade(r, UPLOAD);
        String l = r.query("length", null);
        long length;
        try {
            length = Long.parseLong(l);
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiException.badRequest("an upload needs ?length=BYTES");
        }
        if (length < 0) {
            throw ApiException.badRequest("an upload's length is not negative");
        }
        Incoming in = new Incoming(length);
        Job job = pools.volumes().upload(v, in, length, null); // refusals (too large, busy) are answered before the 101
        return new Reply.Upgrade(UPLOAD, new UpgradeTarget() {
            @Override
            public void takeOver(Channel ch) {
                ch.pipeline().addLast("volume-upload", in);
                in.attach(ch);
                waitThenAnswer(job, ch);
            }

            @Override
            public void abort() {
                in.end();
            }
        });
    }

    Reply download(VolumeRef v, Request r) {
        requireUpgrade(r, DOWNLOAD);
        long length = pools.volumes().storedLength(v);
        Outgoing out = new Outgoing();
        Job job = pools.volumes().download(v, out::data, null);
        return new Reply.Upgrade(DOWNLOAD, new UpgradeTarget() {
            @Override
            public void takeOver(Channel ch) {
                out.attach(ch, length);
                Thread t = new Thread(() -> {
                    JobStatus s = await(job);
                    if (s.state() == JobState.SUCCEEDED) {
                        out.end(length);
                    } else {
                        out.fail(s.error() == null ? "the download failed" : s.error());
                    }
                }, "volume-download-" + job.id());
                t.setDaemon(true);
                t.start();
            }

            @Override
            public void abort() {
                out.broken();
                job.cancel();
            }
        });
    }

    private static void requireUpgrade(Request r, String protocol) {
        String up = r.headers().get("Upgrade");
        if (up == null || !up.equalsIgnoreCase(protocol)) {
            throw ApiException.badRequest("this endpoint is a stream: send Connection: Upgrade and Upgrade: " + protocol);
        }
    }

    /** Waits for the job on a thread of its own, then writes its end as one JSON line and closes. */
    private static void waitThenAnswer(Job job, Channel ch) {
        Thread t = new Thread(() -> {
            JobStatus s = await(job);
            byte[] line = (Json.toText(Map.of("job", StorageRoutes.job(s).toJson())) + "\n").getBytes(StandardCharsets.UTF_8);
            if (ch.isActive()) {
                ch.writeAndFlush(Unpooled.wrappedBuffer(line)).addListener(f -> ch.close());
            }
        }, "volume-upload-" + job.id());
        t.setDaemon(true);
        t.start();
    }

    private static JobStatus await(Job job) {
        while (true) {
            try {
                return job.await(Duration.ofDays(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                job.cancel();
                return job.status();
            } catch (RuntimeException e) {
                return job.status(); // the job's failure, in its status
            } catch (java.util.concurrent.TimeoutException e) {
                // keep waiting: a long copy
            }
        }
    }

    /**
     * The upload's frames as the volume's content: a channel the job reads on its own thread, fed
     * by the connection; reading pauses while more than {@link #HIGH} bytes wait.
     */
    static final class Incoming extends ChannelInboundHandlerAdapter implements ReadableByteChannel {
        private static final long HIGH = 8L << 20;
        private static final long LOW = 2L << 20;
        private static final ByteBuf END = Unpooled.buffer(0);
        private static final byte[] ZEROS = new byte[1 << 16];
        private final LinkedBlockingQueue<ByteBuf> queue = new LinkedBlockingQueue<>();
        private final AtomicLong queued = new AtomicLong();
        private final long announced;
        private volatile Channel ch;
        private ByteBuf current;
        private boolean ended;
        private final byte[] header = new byte[HEADER];
        private long dataLeft;
        private long zerosLeft;
        private boolean endSeen;
        private long total;

        Incoming(long announced) {
            this.announced = announced;
        }

        void attach(Channel c) {
            ch = c;
        }

        void end() {
            queue.add(END);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf b) {
                if (queued.addAndGet(b.readableBytes()) > HIGH) {
                    ctx.channel().config().setAutoRead(false);
                }
                queue.add(b);
            } else {
                io.netty.util.ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            queue.add(END);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.info("volume upload connection failed: {}", cause.toString());
            queue.add(END);
            ctx.close();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = 0;
            while (dst.hasRemaining()) {
                if (zerosLeft > 0) {
                    int z = (int) Math.min(Math.min(zerosLeft, dst.remaining()), ZEROS.length);
                    dst.put(ZEROS, 0, z);
                    zerosLeft -= z;
                    n += z;
                    continue;
                }
                if (dataLeft > 0) {
                    if (!fill(false)) {
                        break;
                    }
                    int c = (int) Math.min(Math.min(dataLeft, dst.remaining()), current.readableBytes());
                    int lim = dst.limit();
                    dst.limit(dst.position() + c);
                    current.readBytes(dst);
                    dst.limit(lim);
                    dataLeft -= c;
                    n += c;
                    continue;
                }
                if (endSeen || !readHeader()) {
                    break;
                }
            }
            return n == 0 && (endSeen || ended) ? -1 : n;
        }

        /** The next frame's header; false when the stream ended (cleanly after E, or broken). */
        private boolean readHeader() throws IOException {
            for (int i = 0; i < HEADER; i++) {
                if (!fill(true)) {
                    if (i > 0) {
                        throw new IOException("the upload's connection ended inside a frame header");
                    }
                    return false;
                }
                header[i] = current.readByte();
            }
            long len = ByteBuffer.wrap(header, 1, 8).getLong();
            if (len < 0) {
                throw new IOException("bad frame length " + len);
            }
            switch (header[0]) {
                case 'D' -> dataLeft = len;
                case 'Z' -> zerosLeft = len;
                case 'E' -> {
                    endSeen = true;
                    if (len != total) {
                        throw new IOException("the upload's end frame says " + len + " bytes after " + total
                                + " were sent (" + announced + " announced)");
                    }
                }
                default -> throw new IOException("unknown frame kind " + (header[0] & 0xff));
            }
            total += header[0] == 'E' ? 0 : len;
            return true;
        }

        /** Makes {@code current} readable; false when the connection has ended. */
        private boolean fill(boolean headerByte) throws IOException {
            while (current == null || !current.isReadable()) {
                if (current != null) {
                    current.release();
                    current = null;
                }
                if (ended) {
                    return false;
                }
                ByteBuf b;
                try {
                    b = queue.poll(10, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
                if (b == null) {
                    throw new IOException("nothing arrived on the upload's connection for 10 minutes");
                }
                if (b == END) {
                    ended = true;
                    return false;
                }
                if (queued.addAndGet(-b.readableBytes()) < LOW) {
                    Channel c = ch;
                    if (c != null && !c.config().isAutoRead()) {
                        c.config().setAutoRead(true);
                    }
                }
                current = b;
            }
            return true;
        }

        @Override
        public boolean isOpen() {
            return !ended;
        }

        @Override
        public void close() {
            Channel c = ch;
            if (c != null && c.isActive() && !endSeen) {
                c.close();
            }
        }
    }

    /** The download's frames onto the connection, written from the job's thread with the connection's backpressure. */
    static final class Outgoing {
        private volatile Channel ch;
        private final java.util.concurrent.CountDownLatch attached = new java.util.concurrent.CountDownLatch(1);
        private volatile boolean broken;
        private long position;

        /** Takes the connection; its first frame is {@code L}, the length to come (for the client's progress). */
        void attach(Channel c, long length) {
            ch = c;
            c.writeAndFlush(frame('L', length, null));
            attached.countDown();
        }

        void broken() {
            broken = true;
            attached.countDown();
        }

        void data(long offset, ByteBuffer data) throws IOException {
            Channel c = channel();
            if (offset > position) {
                write(c, frame('Z', offset - position, null));
            }
            int n = data.remaining();
            write(c, frame('D', n, data));
            position = offset + n;
        }

        void end(long length) {
            finish(frame('E', length, null));
        }

        void fail(String message) {
            byte[] m = message.getBytes(StandardCharsets.UTF_8);
            finish(frame('X', m.length, ByteBuffer.wrap(m)));
        }

        private void finish(ByteBuf last) {
            Channel c = ch;
            if (c == null || !c.isActive()) {
                last.release();
                return;
            }
            c.writeAndFlush(last).addListener(f -> c.close());
        }

        private Channel channel() throws IOException {
            try {
                if (!attached.await(60, TimeUnit.SECONDS) || broken || ch == null) {
                    throw new IOException("the client went away before the download began");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            return ch;
        }

        private static ByteBuf frame(char kind, long length, ByteBuffer data) {
            ByteBuf b = Unpooled.buffer(HEADER + (data == null ? 0 : data.remaining()));
            b.writeByte(kind);
            b.writeLong(length);
            if (data != null) {
                b.writeBytes(data);
            }
            return b;
        }

        private static void write(Channel c, ByteBuf b) throws IOException {
            if (!c.isActive()) {
                b.release();
                throw new IOException("the client closed the download's connection");
            }
            ChannelFuture f = c.writeAndFlush(b);
            if (!c.isWritable()) {
                f.awaitUninterruptibly();
                if (!f.isSuccess()) {
                    throw new IOException("the download's connection failed: " + f.cause());
                }
            }
        }
    }
}
