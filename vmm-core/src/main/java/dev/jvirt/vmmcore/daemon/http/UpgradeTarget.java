package dev.jvirt.vmmcore.daemon.http;

import io.netty.channel.Channel;

/** Takes over a connection after a 101 answer (the HTTP codecs are already removed from it). */
@FunctionalInterface
public interface UpgradeTarget {
    void takeOver(Channel channel) throws Exception;

    /** The 101 answer could not be sent (the client went away): release what was prepared. */
    default void abort() {
    }
}
