package dev.jvirt.bridgenet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * iproute2's {@code ip}, run with argument lists; what it reports is read from {@code ip -json}.
 * Works in the calling thread's network namespace.
 */
final class IpTool {
    /** Made on first use (a holder class): a jvirtd start should not load jackson-databind. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private final Path ip;

    IpTool(Path ip) {
        this.ip = ip;
    }

    /** A network interface as {@code ip -json -d link} shows it. */
    record Link(String name, int index, String kind, String master, int mtu, String mac, boolean up, boolean tunPersist,
            String tunType) {
        boolean isBridge() {
            return "bridge".equals(kind);
        }

        boolean isTap() {
            return "tun".equals(kind) && "tap".equals(tunType);
        }
    }

    /** A route of the main table: its destination ({@code default} or a prefix) and device. */
    record Route(String dst, String dev) {
    }

    /** An address on an interface. */
    record Address(String dev, Cidr cidr) {
    }

    List<Link> links() {
        List<Link> out = new ArrayList<>();
        for (JsonNode l : json(List.of("-json", "-details", "link", "show"))) {
            JsonNode info = l.path("linkinfo");
            JsonNode data = info.path("info_data");
            boolean up = false;
            for (JsonNode f : l.path("flags")) {
                up |= "UP".equals(f.asText());
            }
            out.add(new Link(l.path("ifname").asText(), l.path("ifindex").asInt(), text(info, "info_kind"),
                    text(l, "master"), l.path("mtu").asInt(), text(l, "address"), up, data.path("persist").asBoolean(false),
                    text(data, "type")));
        }
        return out;
    }

    Optional<Link> link(String name) {
        return links().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** IPv4 and IPv6 routes of the main table. */
    List<Route> routes() {
        List<Route> out = new ArrayList<>();
        for (String family : List.of("-4", "-6")) {
            for (JsonNode r : json(List.of("-json", family, "route", "show", "table", "main"))) {
                out.add(new Route(r.path("dst").asText(), text(r, "dev")));
            }
        }
        return out;
    }

    /** The IPv4 neighbour table's entries that have a link-layer address (reachable, stale, delayed, probing, permanent). */
    List<Neighbour> neighbours() {
        List<Neighbour> out = new ArrayList<>();
        for (JsonNode n : json(List.of("-json", "-4", "neigh", "show"))) {
            String mac = text(n, "lladdr");
            if (mac != null && text(n, "dst") != null) {
                out.add(new Neighbour(text(n, "dst"), mac, text(n, "dev")));
            }
        }
        return out;
    }

    /** Every IPv4 and IPv6 address on every interface (link-local ones included). */
    List<Address> addresses() {
        List<Address> out = new ArrayList<>();
        for (JsonNode l : json(List.of("-json", "address", "show"))) {
            for (JsonNode a : l.path("addr_info")) {
                String local = text(a, "local");
                if (local != null && Cidr.isAddress(local)) {
                    out.add(new Address(l.path("ifname").asText(), Cidr.of(local, a.path("prefixlen").asInt())));
                }
            }
        }
        return out;
    }

    /** What a network's start checks against: the links, addresses and routes, read at once. */
    record HostState(List<Link> links, List<Address> addresses, List<Route> routes) {
    }

    /**
     * The links, addresses and routes, the four {@code ip} runs side by side: a process start is
     * what a network start spends most of its time on, and these do not depend on each other.
     */
    HostState state() {
        CompletableFuture<List<Address>> addresses = CompletableFuture.supplyAsync(this::addresses, IpTool::spawn);
        CompletableFuture<List<Route>> routes = CompletableFuture.supplyAsync(this::routes, IpTool::spawn);
        List<Link> links = links();
        try {
            return new HostState(links, addresses.join(), routes.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static void spawn(Runnable r) {
        Thread t = new Thread(r, "ip query");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Gives a link jvirt made its MAC and MTU (when not null), its addresses, and brings it up: one
     * {@code ip -batch -}, which stops at the first command that fails. Every word is a name,
     * address or number checked before (no blanks, no quotes).
     */
    void configureAndUp(String name, String mac, Integer mtu, List<Cidr> addresses) {
        List<List<String>> lines = new ArrayList<>();
        List<String> set = new ArrayList<>(List.of("link", "set", "dev", name));
        if (mac != null) {
            set.addAll(List.of("address", mac));
        }
        if (mtu != null) {
            set.addAll(List.of("mtu", Integer.toString(mtu)));
        }
        if (set.size() > 4) {
            lines.add(set);
        }
        for (Cidr c : addresses) {
            // no -4/-6 in a batch line: the address gives the family
            lines.add(c.isIpv6() ? List.of("address", "add", c.toString(), "dev", name, "nodad")
                    : List.of("address", "add", c.toString(), "broadcast", "+", "dev", name));
        }
        lines.add(List.of("link", "set", "dev", name, "up"));
        StringBuilder batch = new StringBuilder();
        for (List<String> line : lines) {
            for (String word : line) {
                if (word.isEmpty() || word.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\\' || c == '\'' || c == '#')) {
                    throw new IllegalArgumentException("not a word for ip -batch: '" + word + "'");
                }
            }
            batch.append(String.join(" ", line)).append('\n');
        }
        Commands.run(ip, List.of("-batch", "-"), batch.toString());
    }

    /** Creates a bridge (down), with STP and forward delay as given. */
    void addBridge(String name, boolean stp, int delaySeconds) {
        run(List.of("link", "add", "name", name, "type", "bridge", "forward_delay", Integer.toString(delaySeconds * 100),
                "stp_state", stp ? "1" : "0"));
    }

    void delete(String name) {
        run(List.of("link", "delete", "dev", name));
    }

    private void run(List<String> args) {
        Commands.run(ip, args);
    }

    private JsonNode json(List<String> args) {
        String out = Commands.run(ip, args);
        try {
            JsonNode n = Json.MAPPER.readTree(out.isBlank() ? "[]" : out);
            return n.isArray() ? n : Json.MAPPER.createArrayNode();
        } catch (IOException e) {
            throw new HostCommandException(ip + " " + String.join(" ", args) + " printed JSON that cannot be read: "
                    + e.getMessage(), args, 0, e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
