package dev.jvirt.vmmcore.daemon.http;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.PeerCredentials;
import io.netty.util.AttributeKey;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads SO_PEERCRED once per connection and keeps it on the channel. */
public final class PeerCredentialsReader {
    private static final Logger log = LoggerFactory.getLogger(PeerCredentialsReader.class);
    private static final AttributeKey<Peer> PEER = AttributeKey.valueOf("jvirt.peer");

    private PeerCredentialsReader() {
    }

    public static Peer peer(Channel ch) {
        Peer p = ch.attr(PEER).get();
        if (p != null) {
            return p;
        }
        p = Peer.UNKNOWN;
        if (ch instanceof EpollDomainSocketChannel uds) {
            try {
                PeerCredentials c = uds.peerCredentials();
                int[] gids = c.gids();
                p = new Peer(c.uid(), gids.length > 0 ? gids[0] : -1, c.pid());
            } catch (IOException e) {
                log.warn("cannot read the peer credentials of {}: {}", ch, e.toString());
            }
        }
        ch.attr(PEER).set(p);
        return p;
    }
}
