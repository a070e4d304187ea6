package dev.jvirt.vmmcore.daemon.http;

/** Answers one route; runs off the event loop, may block. */
@FunctionalInterface
public interface Handler {
    Reply handle(Request request) throws Exception;
}
