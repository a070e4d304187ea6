package dev.jvirt.vmmcore.daemon.http;

import static io.netty.handler.codec.http.HttpResponseStatus.FORBIDDEN;

/**
 * Who may use the socket beyond what its mode bits allow. A session daemon serves only its own
 * user (root included: a root client must talk to the system daemon); the system daemon leaves it
 * to the socket's 0660 root:jvirt.
 */
public record AccessPolicy(int onlyUid) {

    public static AccessPolicy anyone() {
        return new AccessPolicy(-1);
    }

    public static AccessPolicy onlyUser(int uid) {
        return new AccessPolicy(uid);
    }

    /** Throws {@code access-denied} (403) for a peer this daemon does not serve. */
    public void check(Peer peer) {
        if (onlyUid >= 0 && peer.uid() != onlyUid) {
            throw new ApiException(FORBIDDEN, "access-denied", "this session daemon serves uid " + onlyUid
                    + " only; the connecting process (" + peer + ") is another user",
                    "connect to vmm:///system, or to your own session daemon", null);
        }
    }
}
