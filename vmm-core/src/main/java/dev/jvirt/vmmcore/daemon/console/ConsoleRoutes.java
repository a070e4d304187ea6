package dev.jvirt.vmmcore.daemon.console;

import dev.jvirt.console.ConsoleUnavailableException;
import dev.jvirt.console.hub.AttachRequest;
import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.console.hub.ConsoleStreamBridge;
import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.InvalidStateException;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.Request;
import dev.jvirt.vmmcore.daemon.http.RouteTable;
import dev.jvirt.vmmcore.daemon.http.UpgradeTarget;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@code GET /1.0/domains/NAME/console?mode=rw|ro|force[&history=BYTES]} with {@code Upgrade: jvirt-console}: the
 * session is attached first (a busy console or a stopped domain is an HTTP error), then 101 and
 * the console module's frame protocol both ways. The hub is the Hypervisor's
 * ({@link Hypervisor#console}), streaming the guest's console from the console keeper since before
 * the guest ran. History starts at a line start (the hub cuts it, under its lock).
 *
 * <p>{@code GET /1.0/domains/NAME/console/log[?follow=1]}: the stored log ({@link ConsoleLogRoute}).
 */
public final class ConsoleRoutes {
    public static final String PROTOCOL = "jvirt-console";
    private final Hypervisor hv;
    private final UnaryOperator<String> lookup;
    private final ConsoleLogRoute log;

    /**
     * {@code lookup}: a path's domain reference (name or UUID) → the domain's name; {@code logFile}:
     * a domain's name → its console log ({@code StateDirs.consoleLog}).
     */
    public ConsoleRoutes(Hypervisor hv, UnaryOperator<String> lookup, Function<String, Path> logFile) {
        this.hv = hv;
        this.lookup = lookup;
        this.log = new ConsoleLogRoute(hv, lookup, logFile);
    }

    public void register(RouteTable t) {
        t.get("/1.0/domains/{name}/console", this::attach);
        t.get("/1.0/domains/{name}/console/log", log::serve);
    }

    /**
     * {@code history=BYTES}: at most that much of the hub's ring (the recent output, e.g. the boot)
     * is sent first, from the first line start in it; 0 (virsh's way) by default.
     */
    private static int history(String value) {
        try {
            int bytes = Integer.parseInt(value);
            if (bytes >= 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiException.badRequest("history must be a number of bytes >= 0, not '" + value + "'");
    }

    private Reply attach(Request r) {
        String name = lookup.apply(r.param("name"));
        var status = hv.state(name);
        if (status.state() != DomainState.RUNNING && status.state() != DomainState.PAUSED) {
            throw new InvalidStateException(name, "open the console of", status,
                    EnumSet.of(DomainState.RUNNING, DomainState.PAUSED));
        }
        // no-such-domain, invalid-state (not running or paused), no serial console: before the upgrade
        ConsoleHub hub = hv.console(name).orElseThrow(() -> new ConsoleUnavailableException(
                "domain '" + name + "' has no serial console"));
        if (!hub.isRunning()) {
            throw new ConsoleUnavailableException("the console of domain '" + name + "' is closed");
        }
        String upgrade = r.headers().get(HttpHeaderNames.UPGRADE);
        if (upgrade == null || !upgrade.equalsIgnoreCase(PROTOCOL)) {
            throw ApiException.badRequest("the console endpoint needs 'Connection: Upgrade' and 'Upgrade: " + PROTOCOL + "'");
        }
        AttachRequest request = switch (r.query("mode", "rw")) {
            case "rw" -> AttachRequest.writer();
            case "ro" -> AttachRequest.viewer();
            case "force" -> AttachRequest.writer().withForce(true);
            default -> throw ApiException.badRequest("mode must be rw, ro or force, not '" + r.query("mode", "") + "'");
        };
        int history = history(r.query("history", "0"));
        ChannelFrameSink sink = new ChannelFrameSink();
        ConsoleStreamBridge bridge = ConsoleStreamBridge.attach(hub, request.withHistory(history), sink);
        return new Reply.Upgrade(PROTOCOL, new UpgradeTarget() {
            @Override
            public void takeOver(Channel ch) {
                ch.pipeline().addLast("console", new ConsoleChannelHandler(bridge));
                sink.bind(ch);
            }

            @Override
            public void abort() {
                bridge.connectionClosed();
            }
        });
    }
}
