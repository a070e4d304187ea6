package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.libvirtwire.Header;
import dev.jvirt.libvirtwire.Message;
import dev.jvirt.libvirtwire.Protocol;
import dev.jvirt.libvirtwire.RemoteError;
import dev.jvirt.libvirtwire.VirError;
import dev.jvirt.libvirtwire.XdrWriter;
import dev.jvirt.vmmcore.daemon.http.AccessPolicy;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Peer;
import dev.jvirt.vmmcore.daemon.http.PeerCredentialsReader;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of the libvirt socket. The peer's uid is checked when it connects (as the REST
 * socket does). Keepalive pings are answered on the event loop; calls run on the workers and
 * are answered by serial (a client may have several in flight, up to {@link #MAX_IN_FLIGHT}: then
 * its socket is not read until one ends, which bounds what a client can make the daemon hold);
 * stream packets go to the stream their serial opened. Queries that only read memory are answered
 * on the event loop ({@link ProcedureTable#query}). A frame that cannot be a libvirt
 * message closes this connection only.
 */
final class LibvirtConnection extends SimpleChannelInboundHandler<Message> {
    private static final Logger log = LoggerFactory.getLogger(LibvirtConnection.class);
    /** Calls running at once for one client (libvirtd's max_client_requests is 5); at the bound its socket is not read. */
    static final int MAX_IN_FLIGHT = 8;
    private final LibvirtService service;
    private final AccessPolicy access;
    private final Executor workers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<Integer, ConsoleStream> streams = new ConcurrentHashMap<>();
    private final EventCallbacks events;
    private volatile Channel channel;
    /** The peer is not served: nothing it sent is read (the connection is being closed). */
    private boolean refused;

    LibvirtConnection(LibvirtService service, AccessPolicy access, Executor workers) {
        super(Message.class);
        this.service = service;
        this.access = access;
        this.workers = workers;
        this.events = new EventCallbacks(this, service.hypervisor());
    }

    Channel channel() {
        return channel;
    }

    EventCallbacks events() {
        return events;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        Peer peer = PeerCredentialsReader.peer(ctx.channel());
        try {
            access.check(peer);
        } catch (ApiException e) {
            log.warn("libvirt socket: refused {}: {}", peer, e.getMessage());
            refused = true;
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        events.close();
        streams.values().forEach(ConsoleStream::connectionClosed);
        streams.clear();
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
        if (refused) {
            return;
        }
        Header h = msg.header();
        if (h.program() == Protocol.KEEPALIVE_PROGRAM) {
            if (h.procedure() == Protocol.KEEPALIVE_PING && h.type() == Protocol.MESSAGE) {
                ctx.writeAndFlush(new Message(new Header(Protocol.KEEPALIVE_PROGRAM, Protocol.KEEPALIVE_VERSION,
                        Protocol.KEEPALIVE_PONG, Protocol.MESSAGE, 0, Protocol.OK), new byte[0]));
            }
            return;
        }
        if (h.type() == Protocol.STREAM) {
            ConsoleStream s = streams.get(h.serial());
            if (s != null) {
                s.fromClient(msg);
            }
            return;
        }
        if (h.type() != Protocol.CALL) {
            if (h.type() == Protocol.CALL_WITH_FDS) {
                error(h, RemoteError.of(VirError.RPC, VirError.FROM_RPC, "RPC error: this server takes no file descriptors"));
            }
            return; // replies and events are not for a server
        }
        if (h.program() != Protocol.REMOTE_PROGRAM && h.program() != Protocol.QEMU_PROGRAM) {
            error(h, RemoteError.of(VirError.RPC, VirError.FROM_RPC,
                    String.format("RPC error: cannot find program %d version %d", h.program(), h.version())));
            return;
        }
        int expected = h.program() == Protocol.REMOTE_PROGRAM ? Protocol.REMOTE_VERSION : Protocol.QEMU_VERSION;
        if (h.version() != expected || h.status() != Protocol.OK) {
            error(h, RemoteError.of(VirError.RPC, VirError.FROM_RPC,
                    String.format("RPC error: cannot find program %d version %d", h.program(), h.version())));
            return;
        }
        ProcedureTable.Entry entry = service.table().find(h.program(), h.procedure()).orElse(null);
        if (entry == null || entry.inline()) {
            answer(msg, entry);
            return;
        }
        int n = inFlight.incrementAndGet();
        if (n > MAX_IN_FLIGHT) { // frames that were already decoded when reading stopped
            done();
            error(h, RemoteError.of(VirError.RPC, VirError.FROM_RPC,
                    "RPC error: more than " + MAX_IN_FLIGHT + " calls in flight on one connection"));
            return;
        }
        if (n == MAX_IN_FLIGHT) {
            ctx.channel().config().setAutoRead(false); // back-pressure: no more frames until a call ends
        }
        try {
            workers.execute(() -> {
                try {
                    answer(msg, entry);
                } finally {
                    done();
                }
            });
        } catch (RejectedExecutionException e) {
            done();
            error(h, RemoteError.of(VirError.RPC, VirError.FROM_RPC, "RPC error: the daemon is busy or stopping; retry"));
        }
    }

    private void done() {
        if (inFlight.getAndDecrement() == MAX_IN_FLIGHT && channel.isActive()) {
            channel.config().setAutoRead(true);
        }
    }

    private void answer(Message msg, ProcedureTable.Entry entry) {
        Header h = msg.header();
        if (entry == null) {
            String name = Protocol.procedureName(h.program(), h.procedure()).orElse("procedure " + h.procedure());
            if (service.firstMiss(h.program(), h.procedure())) {
                log.info("libvirt socket: a client called {} (program 0x{}), which jvirt does not answer: "
                        + "it gets VIR_ERR_NO_SUPPORT (logged once)", name, Integer.toHexString(h.program()));
            }
            error(h, LibvirtErrors.noSupport(name).error());
            return;
        }
        Call call = new Call(h, msg.reader(), this);
        try {
            entry.procedure().answer(call);
        } catch (RuntimeException e) {
            RemoteError err = LibvirtErrors.map(e);
            log.debug("libvirt: {} failed: {}", Protocol.procedureName(h.program(), h.procedure()).orElse("?"), err.message());
            error(h, err);
            return;
        }
        send(Message.of(h.reply(Protocol.OK), call.ret()));
        if (call.afterReply() != null) {
            call.afterReply().run();
        }
    }

    void error(Header call, RemoteError err) {
        XdrWriter w = new XdrWriter();
        err.write(w);
        send(Message.of(call.reply(Protocol.ERROR), w));
    }

    ChannelFuture send(Message m) {
        return channel.writeAndFlush(m);
    }

    void openStream(int serial, ConsoleStream s) {
        streams.put(serial, s);
    }

    void streamEnded(int serial) {
        streams.remove(serial);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            log.info("libvirt socket: closing a connection that sent a bad frame: {}", cause.getMessage());
        } else {
            log.warn("libvirt socket: closing a connection after {}", cause.toString());
        }
        ctx.close();
    }
}
