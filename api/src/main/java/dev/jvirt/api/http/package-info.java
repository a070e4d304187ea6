/**
 * HTTP/1.1 over a unix socket with blocking {@link java.nio.channels.SocketChannel}s, one
 * connection per request: the model of every client of jvirtd (jvirsh, the daemon's tests, the
 * benchmarks). One thread per connection is all a client needs; jvirsh's console reads on one
 * thread and writes on another through {@link dev.jvirt.api.http.ChannelStreams}, the one
 * channel-to-stream adapter.
 */
package dev.jvirt.api.http;
