package dev.jvirt.api;

import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The answers and requests about virtual networks (docs/api.md, "Networks"). */
public final class Networks {

    private Networks() {
    }

    /**
     * A network as {@code GET /1.0/networks} lists it and {@code GET /1.0/networks/NAME} gives it
     * (net-list, net-info); {@code bridge} is null for an inactive network without {@code <bridge name>}.
     */
    public record Summary(String name, String uuid, boolean active, boolean persistent, boolean autostart,
            String bridge) implements Shape {

        public static Summary from(JsonObject o) {
            return new Summary(o.string("name"), o.string("uuid"), o.bool("active"), o.bool("persistent"),
                    o.bool("autostart"), o.string("bridge"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("name", name, "uuid", uuid, "active", active, "persistent", persistent,
                    "autostart", autostart, "bridge", bridge);
        }
    }

    /**
     * A DHCP lease (net-dhcp-leases): {@code expiry_time} in seconds since the epoch, or null for
     * never; {@code type} {@code ipv4} or {@code ipv6}; {@code prefix} -1 when unknown.
     */
    public record Lease(String network, Long expiryTime, String mac, String type, String ipAddr, long prefix,
            String hostname, String clientId, String iaid) implements Shape {

        public static Lease from(JsonObject o) {
            return new Lease(o.string("network"), o.number("expiry_time"), o.string("mac"), o.string("type"),
                    o.string("ipaddr"), o.number("prefix", -1), o.string("hostname"), o.string("client_id"),
                    o.string("iaid"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("network", network, "expiry_time", expiryTime, "mac", mac, "type", type,
                    "ipaddr", ipAddr, "prefix", prefix, "hostname", hostname, "client_id", clientId, "iaid", iaid);
        }
    }

    /** One address of a guest interface (domifaddr). */
    public record Address(String type, String addr, long prefix) implements Shape {

        public static Address from(JsonObject o) {
            return new Address(o.string("type"), o.string("addr"), o.number("prefix", -1));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("type", type, "addr", addr, "prefix", prefix);
        }
    }

    /** A guest interface with its addresses ({@code GET /1.0/domains/NAME/interface-addresses}, domifaddr). */
    public record InterfaceAddresses(String name, String mac, List<Address> addrs) implements Shape {

        public InterfaceAddresses {
            addrs = List.copyOf(addrs);
        }

        public static InterfaceAddresses from(JsonObject o) {
            List<Address> a = new ArrayList<>();
            for (Object x : JsonObject.list(o.raw("addrs"))) {
                a.add(Address.from(JsonObject.of(x)));
            }
            return new InterfaceAddresses(o.string("name"), o.string("mac"), a);
        }

        @Override
        public Map<String, Object> toJson() {
            List<Object> a = new ArrayList<>();
            for (Address x : addrs) {
                a.add(x.toJson());
            }
            return Json.object("name", name, "mac", mac, "addrs", a);
        }
    }

    /** {@code POST /1.0/networks} (define) and {@code POST /1.0/networks/create} (create and start). */
    public record Define(String xml) implements Shape {

        public static Define from(JsonObject o) {
            return new Define(o.string("xml"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("xml", xml);
        }
    }

    /**
     * {@code POST /1.0/domains/NAME/interfaces}: add a NIC (attach-interface); {@code type}
     * {@code network} or {@code bridge}, {@code source} the network or bridge, {@code mac} and
     * {@code model} null for the defaults (a generated MAC, virtio); {@code live} hot-plugs it into the
     * running guest, {@code config} adds it to the stored definition, both null mean virsh's
     * {@code --current}.
     */
    public record Attach(String type, String source, String mac, String model, Boolean live, Boolean config)
            implements Shape {

        public static Attach from(JsonObject o) {
            return new Attach(o.string("type"), o.string("source"), o.string("mac"), o.string("model"), flag(o, "live"),
                    flag(o, "config"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("type", type, "source", source, "mac", mac, "model", model, "live", live, "config", config);
        }
    }

    /**
     * {@code POST /1.0/domains/NAME/interfaces/detach} (detach-interface): the NIC of {@code type}
     * with {@code mac} (null: the domain's one NIC of that type); {@code live}/{@code config} as
     * for {@link Attach}.
     */
    public record Detach(String type, String mac, Boolean live, Boolean config) implements Shape {

        public static Detach from(JsonObject o) {
            return new Detach(o.string("type"), o.string("mac"), flag(o, "live"), flag(o, "config"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("type", type, "mac", mac, "live", live, "config", config);
        }
    }

    private static Boolean flag(JsonObject o, String name) {
        return o.has(name) && o.raw(name) != null ? o.bool(name) : null;
    }

    /**
     * {@code POST /1.0/networks/NAME/update} (net-update): {@code command} {@code add}, {@code add-first},
     * {@code add-last}, {@code delete} or {@code modify}; {@code section} {@code ip-dhcp-host} (the one
     * jvirt updates); {@code parent_index} the {@code <ip>}'s index or -1; {@code xml} the {@code <host>};
     * {@code live}/{@code config} which definitions change (neither: libvirt's "current").
     */
    public record Update(String command, String section, long parentIndex, String xml, boolean live, boolean config)
            implements Shape {

        public static Update from(JsonObject o) {
            return new Update(o.string("command"), o.string("section"), o.number("parent_index", -1), o.string("xml"),
                    o.bool("live"), o.bool("config"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("command", command, "section", section, "parent_index", parentIndex, "xml", xml,
                    "live", live, "config", config);
        }
    }

    /** {@code POST /1.0/networks/NAME/destroy}: {@code force} stops it while guests are on it. */
    public record Destroy(boolean force) implements Shape {

        public static Destroy from(JsonObject o) {
            return new Destroy(o.bool("force"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("force", force);
        }
    }
}
