package dev.jvirt.vmmcore.daemon.http;

import io.netty.channel.Channel;

/** Takes over a connection after a 101 answer (the HTTP codecs are already removed from it). */
@FunctionalInterface
public interface UpgradeTarget {
    void takeOver(Channel channel) throws Exception;

    /** The connection ended before {@link #takeOver} could see it end (the client left as the 101 went out): release what was prepared. May follow {@code takeOver}. */
    default void abort() {
    }
}
