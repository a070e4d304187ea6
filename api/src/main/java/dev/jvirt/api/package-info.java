/**
 * jvirtd's REST API (docs/api.md) as both of its sides see it, in one place so they cannot drift:
 * the wire shapes ({@link dev.jvirt.api.Domains}, {@link dev.jvirt.api.Host},
 * {@link dev.jvirt.api.Requests}, {@link dev.jvirt.api.ApiError}) that jvirtd writes and jvirsh
 * reads, the JSON reader and writer they use ({@link dev.jvirt.api.json}), and the one
 * HTTP-over-unix-socket client of jvirsh, the daemon's tests and the benchmarks
 * ({@link dev.jvirt.api.http}), with the trust checks a client makes before it talks to a socket
 * ({@link dev.jvirt.api.unix}).
 *
 * <p>JDK only, and no lambdas, streams or string-concatenation bootstraps on the paths jvirsh runs:
 * jvirsh loads this module on every command and must start in well under 150 ms.
 *
 * <p>To add a shape: a record implementing {@link dev.jvirt.api.Shape} with {@code toJson()} and a
 * static {@code from(JsonObject)}, a sample in ShapeContractTest (round trip, and every field named
 * in the docs/api.md row of its endpoint), and the server writing it through {@code toJson()}.
 */
package dev.jvirt.api;
