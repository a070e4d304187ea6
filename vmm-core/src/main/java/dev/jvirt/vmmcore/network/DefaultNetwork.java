package dev.jvirt.vmmcore.network;

import dev.jvirt.bridgenet.Cidr;
import dev.jvirt.domainxml.network.Network;
import dev.jvirt.vmmcore.NetworkFailedException;
import dev.jvirt.vmmcore.NetworkInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's {@code default} NAT network as jvirt defines it on first use in system mode:
 * 192.168.122.0/24 on bridge {@code jvbr0} (DHCP .2 to .254), or the first of 192.168.123.0/24 ...
 * 192.168.254.0/24 that no host address, host route or other network overlaps, on the first
 * {@code jvbrN} no link has. Reads the host with {@code ip}; defines nothing itself.
 */
public final class DefaultNetwork {
    private static final Logger log = LoggerFactory.getLogger(DefaultNetwork.class);

    private DefaultNetwork() {
    }

    /**
     * Defines the first of the {@link #candidates} that {@code define} takes (another network may
     * have its range or bridge), logging which; empty when none.
     */
    public static Optional<NetworkInfo> defineFirstFree(Path ip, Collection<Network> others,
            Function<String, NetworkInfo> define) {
        List<String> candidates;
        try {
            candidates = candidates(ip, others);
        } catch (IOException e) {
            log.warn("no default network defined: cannot read the host's addresses and routes: {}", e.getMessage());
            return Optional.empty();
        }
        for (String xml : candidates) {
            try {
                NetworkInfo info = define.apply(xml);
                log.info("network 'default' defined on {} (jvirsh net-start default starts it)", info.bridge());
                return Optional.of(info);
            } catch (NetworkFailedException e) {
                log.debug("default network candidate refused: {}", e.getMessage()); // another network has it
            }
        }
        log.warn("no default network defined: every 192.168.122-254.0/24 is in use on this host");
        return Optional.empty();
    }

    /**
     * The definitions to try, best first (empty when every range is in use on this host).
     *
     * @param ip     the {@code ip} tool
     * @param others the other networks jvirt has (their IPv4 ranges are in use too)
     * @throws IOException when the host's addresses, routes or links cannot be read
     */
    public static List<String> candidates(Path ip, Collection<Network> others) throws IOException {
        List<Cidr> used = new ArrayList<>();
        for (String cmd : List.of("addr", "route")) {
            for (String line : lines(ip, "-4", "-o", cmd, "show")) {
                for (String word : line.split("\\s+")) {
                    if (word.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
                        used.add(Cidr.parse(word).network());
                    }
                }
            }
        }
        Set<String> links = new HashSet<>();
        for (String line : lines(ip, "-o", "link", "show")) {
            String[] f = line.split(":\\s+");
            if (f.length > 1) {
                links.add(f[1].replaceAll("@.*", ""));
            }
        }
        for (Network o : others) {
            for (Network.Ip a : o.ips()) {
                if (a.address() != null && a.address().indexOf(':') < 0) {
                    used.add(Cidr.parse(a.address() + "/" + (a.prefix() != null ? a.prefix() : 24)).network());
                }
            }
        }
        int n = 0;
        while (links.contains("jvbr" + n)) {
            n++;
        }
        List<String> out = new ArrayList<>();
        for (int third = 122; third <= 254; third++) {
            Cidr net = Cidr.parse("192.168." + third + ".0/24");
            if (used.stream().noneMatch(u -> u.overlaps(net))) {
                String p = "192.168." + third + ".";
                out.add("<network><name>default</name><forward mode='nat'/><bridge name='jvbr" + n
                        + "' stp='on' delay='0'/><ip address='" + p + "1' netmask='255.255.255.0'><dhcp><range start='"
                        + p + "2' end='" + p + "254'/></dhcp></ip></network>");
            }
        }
        return out;
    }

    private static List<String> lines(Path ip, String... args) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(ip.toString());
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", argv) + ": " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return List.of(out.split("\n"));
    }
}
