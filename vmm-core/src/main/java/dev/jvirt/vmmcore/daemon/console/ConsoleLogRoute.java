package dev.jvirt.vmmcore.daemon.console;

import dev.jvirt.console.hub.ConsoleLog;
import dev.jvirt.console.hub.ConsoleLogReader;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.Request;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@code GET /1.0/domains/NAME/console/log}: the domain's stored console log, all rotated files
 * oldest first, as one {@code text/plain} body (raw bytes, as the guest wrote them), whether or not
 * the domain runs. {@code ?follow=1} with {@code Upgrade: jvirt-console-log}: 101, then the same
 * bytes and whatever is appended later, like {@code tail -f}, until the client closes the connection.
 */
final class ConsoleLogRoute {

    static final String PROTOCOL = "jvirt-console-log";

    private final Hypervisor hv;
    private final UnaryOperator<String> lookup;
    private final Function<String, Path> logFile;

    ConsoleLogRoute(Hypervisor hv, UnaryOperator<String> lookup, Function<String, Path> logFile) {
        this.hv = hv;
        this.lookup = lookup;
        this.logFile = logFile;
    }

    Reply serve(Request r) throws IOException {
        String name = lookup.apply(r.param("name"));
        hv.state(name); // no-such-domain before anything else
        Path file = logFile.apply(name);
        if (!r.queryFlag("follow")) {
            if (ConsoleLog.files(file).isEmpty()) {
                throw new ApiException(HttpResponseStatus.NOT_FOUND, "no-console-log", "domain '" + name
                        + "' has no console log: it has not run since it was defined (or its log was removed)",
                        "jvirsh start " + name + " boots it; jvirtd keeps its console output from then on", null);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ConsoleLogReader.read(file, out);
            return new Reply.Full(HttpResponseStatus.OK, "text/plain", out.toByteArray());
        }
        String upgrade = r.headers().get(HttpHeaderNames.UPGRADE);
        if (upgrade == null || !upgrade.equalsIgnoreCase(PROTOCOL)) {
            throw ApiException.badRequest("following the console log needs 'Connection: Upgrade' and 'Upgrade: "
                    + PROTOCOL + "'");
        }
        return new Reply.Upgrade(PROTOCOL, ch -> ConsoleLogFollower.start(ch, file, name));
    }
}
