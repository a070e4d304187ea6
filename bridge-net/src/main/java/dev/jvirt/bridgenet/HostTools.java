package dev.jvirt.bridgenet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where the host tools are: {@code ip} (iproute2), {@code nft} (nftables) and {@code dnsmasq}
 * (dnsmasq-base). A missing tool is reported when a network needs it, before anything is created.
 */
public record HostTools(Path ip, Path nft, Path dnsmasq) {

    private static final List<Path> DIRS = List.of(Path.of("/usr/sbin"), Path.of("/sbin"), Path.of("/usr/bin"),
            Path.of("/bin"));

    public HostTools {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(nft, "nft");
        Objects.requireNonNull(dnsmasq, "dnsmasq");
    }

    /** The Debian locations (the first of /usr/sbin, /sbin, /usr/bin, /bin that has each). */
    public static HostTools find() {
        return new HostTools(locate("ip"), locate("nft"), locate("dnsmasq"));
    }

    public HostTools withDnsmasq(Path path) {
        return new HostTools(ip, nft, path);
    }

    private static Path locate(String name) {
        for (Path d : DIRS) {
            Path p = d.resolve(name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return DIRS.get(0).resolve(name);
    }

    /**
     * Throws unless {@code tool} can be run.
     *
     * @param network the network that needs it
     * @param element what in its definition needs it
     * @param pkg the Debian package that has it
     */
    static void require(Path tool, String network, String element, String why, String pkg) {
        if (!Files.isExecutable(tool)) {
            throw new NetworkConfigException(network, element, why + " needs " + tool.getFileName() + ", but "
                    + tool + " is not installed (Debian package " + pkg + ")");
        }
    }
}
