package dev.jvirt.virshcompat.client;

import java.nio.file.Path;

/**
 * A connection URI and the socket it names: {@code vmm:///session} (the user's daemon, started on
 * demand), {@code vmm:///system} (root's), with {@code qemu:///...} and {@code +unix} forms as
 * aliases and libvirt's {@code ?socket=PATH} to name a socket outright.
 *
 * @param uri the canonical URI ({@code vmm:///session} or {@code vmm:///system})
 * @param system whether it is the system daemon
 * @param socket the daemon's socket
 * @param explicitSocket whether {@code ?socket=} named it (then jvirsh starts no daemon)
 */
public record ConnectUri(String uri, boolean system, Path socket, boolean explicitSocket) {

    public static final String SESSION = "vmm:///session";
    public static final String SYSTEM = "vmm:///system";
    public static final Path SYSTEM_SOCKET = Path.of("/run/jvirt/jvirtd.sock");

    /** The URI -c gave, else $JVIRT_DEFAULT_URI, else session (system as root, as virsh does). */
    public static ConnectUri resolve(String given, Env env) {
        String uri = given;
        if (uri == null || uri.isEmpty()) {
            uri = env.get("JVIRT_DEFAULT_URI");
        }
        if (uri == null || uri.isEmpty()) {
            uri = env.uid() == 0 ? SYSTEM : SESSION;
        }
        return parse(uri, env);
    }

    static ConnectUri parse(String uri, Env env) {
        int colon = uri.indexOf("://");
        if (colon < 0) {
            throw unsupported(uri);
        }
        String scheme = uri.substring(0, colon);
        String rest = uri.substring(colon + 3);
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        if (!rest.startsWith("/")) {
            throw new ConnectException("remote hosts are not supported: '" + uri + "'",
                    "jvirsh talks to the jvirtd of this host: use " + SESSION + " or " + SYSTEM);
        }
        if (!scheme.equals("vmm") && !scheme.equals("qemu") && !scheme.equals("vmm+unix") && !scheme.equals("qemu+unix")) {
            throw unsupported(uri);
        }
        boolean system;
        if (rest.equals("/system")) {
            system = true;
        } else if (rest.equals("/session")) {
            system = false;
        } else {
            throw unsupported(uri);
        }
        Path socket = system ? SYSTEM_SOCKET : sessionSocket(env);
        boolean explicit = false;
        if (query != null) {
            for (String param : query.split("&")) {
                if (param.startsWith("socket=")) {
                    socket = Path.of(java.net.URLDecoder.decode(param.substring(7), java.nio.charset.StandardCharsets.UTF_8));
                    explicit = true;
                } else if (!param.isEmpty()) {
                    throw new ConnectException("unsupported URI parameter '" + param + "' in '" + uri + "'",
                            "the only parameter jvirsh knows is socket=PATH");
                }
            }
        }
        return new ConnectUri(system ? SYSTEM : SESSION, system, socket, explicit);
    }

    /** $XDG_RUNTIME_DIR/jvirt/jvirtd.sock, else /tmp/jvirt-$UID/jvirtd.sock. */
    public static Path sessionSocket(Env env) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty()) {
            return Path.of(runtime, "jvirt", "jvirtd.sock");
        }
        return Path.of("/tmp", "jvirt-" + env.uid(), "jvirtd.sock");
    }

    private static ConnectException unsupported(String uri) {
        return new ConnectException("no connection driver available for " + uri,
                "use " + SESSION + " or " + SYSTEM + " (qemu:///session and qemu:///system are aliases)");
    }
}
