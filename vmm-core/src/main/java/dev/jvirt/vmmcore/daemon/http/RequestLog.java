package dev.jvirt.vmmcore.daemon.http;

import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per request: {@code METHOD PATH STATUS MS uid=N pid=N}; failures add their code. */
final class RequestLog {
    private static final Logger log = LoggerFactory.getLogger("jvirtd.request");
    private final String method;
    private final String path;
    private final Peer peer;
    private final long startNanos;
    private boolean mutating;
    private String errorCode;
    private boolean logged;

    RequestLog(String method, String path, Peer peer, long startNanos) {
        this.method = method;
        this.path = path;
        this.peer = peer;
        this.startNanos = startNanos;
    }

    void mutating(boolean m) {
        this.mutating = m;
    }

    void failed(ApiException e) {
        this.errorCode = e.code();
    }

    void done(int status) {
        if (logged) {
            return;
        }
        logged = true;
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        String who = "uid=" + peer.uid() + " pid=" + peer.pid();
        log.info("{} {} {} {}ms {}{}{}", method, path, status, ms, who, mutating ? " change" : "",
                errorCode == null ? "" : " " + errorCode);
    }

    static void connectionFailed(Channel ch, Throwable cause) {
        log.debug("connection {} failed: {}", ch, cause.toString());
    }
}
