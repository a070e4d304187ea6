package dev.jvirt.vmmcore.daemon.routes;

import static io.netty.handler.codec.http.HttpResponseStatus.CREATED;

import dev.jvirt.api.Networks;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.NetInterface;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.InterfaceAddresses;
import dev.jvirt.vmmcore.NetworkInfo;
import dev.jvirt.vmmcore.NetworkLease;
import dev.jvirt.vmmcore.VirtualNetworks;
import dev.jvirt.vmmcore.network.DhcpHostUpdate;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Json;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.Request;
import dev.jvirt.vmmcore.daemon.http.RouteTable;
import java.util.ArrayList;
import java.util.List;

/** Virtual networks (net-*), and the addresses of a guest's interfaces from their networks' leases (domifaddr). */
final class NetworkRoutes {
    private final VirtualNetworks nets;
    private final Hypervisor hv;

    NetworkRoutes(VirtualNetworks nets, Hypervisor hv) {
        this.nets = nets;
        this.hv = hv;
    }

    void register(RouteTable t) {
        t.get("/1.0/networks", r -> Reply.json(nets.list().stream().map(NetworkRoutes::summary).toList()));
        t.post("/1.0/networks", r -> Reply.json(CREATED, summary(nets.define(r.definitionXml()))));
        t.post("/1.0/networks/create", r -> Reply.json(CREATED, summary(nets.create(r.definitionXml()))));
        t.get("/1.0/networks/{name}", r -> Reply.json(summary(nets.info(r.param("name")))));
        t.delete("/1.0/networks/{name}", r -> {
            nets.undefine(r.param("name"));
            return Reply.json(Json.object());
        });
        t.get("/1.0/networks/{name}/xml", r -> Reply.xml(nets.xml(r.param("name"), r.queryFlag("inactive"))));
        t.post("/1.0/networks/{name}/start", r -> Reply.json(summary(nets.start(r.param("name")))));
        t.post("/1.0/networks/{name}/destroy", r -> Reply.json(summary(nets.destroy(r.param("name"),
                Json.optionalBoolean(r.json(), "force", false)))));
        t.post("/1.0/networks/{name}/update", r -> {
            Networks.Update u = Networks.Update.from(dev.jvirt.api.json.JsonObject.parse(Json.MAPPER.writeValueAsBytes(r.json())));
            if (u.command() == null || u.section() == null || u.xml() == null) {
                throw ApiException.badRequest("update needs \"command\", \"section\" and \"xml\"");
            }
            return Reply.json(summary(nets.update(r.param("name"), new DhcpHostUpdate.Request(u.command(), u.section(),
                    (int) u.parentIndex(), u.xml(), u.live(), u.config()))));
        });
        t.put("/1.0/networks/{name}/autostart", r -> {
            boolean on = Json.requiredBoolean(r.json(), "autostart");
            nets.setAutostart(r.param("name"), on);
            return Reply.json(Json.object().put("autostart", on));
        });
        t.get("/1.0/networks/{name}/leases", r -> Reply.json(nets.leases(r.param("name"), r.query("mac", null)).stream()
                .map(l -> DomainJson.node(lease(l))).toList()));
        t.get("/1.0/domains/{name}/interface-addresses", this::interfaceAddresses);
    }

    /**
     * domifaddr: {@code lease} (the default) from the DHCP leases of the networks the NICs are on,
     * {@code agent} from the guest agent (the guest's names), {@code arp} from the host's neighbour
     * table for each NIC's MAC (IPv4, prefix 0 as libvirt reports it).
     */
    private Reply interfaceAddresses(Request r) {
        String source = r.query("source", "lease");
        if (!List.of("lease", "agent", "arp").contains(source)) {
            throw ApiException.badRequest("source '" + source + "' is not one of lease, agent, arp");
        }
        String name = r.param("name");
        if (!hv.state(name).isActive()) {
            throw new ApiException(io.netty.handler.codec.http.HttpResponseStatus.CONFLICT, "invalid-state",
                    "domain '" + hv.resolve(name) + "' is not running", null, null);
        }
        List<Object> out = new ArrayList<>();
        if (source.equals("agent")) {
            for (InterfaceAddresses i : hv.guestAgent().interfaceAddresses(name)) {
                out.add(DomainJson.node(new Networks.InterfaceAddresses(i.name(), i.mac(), i.addrs().stream()
                        .map(a -> new Networks.Address(a.type(), a.addr(), a.prefix())).toList())));
            }
            return Reply.json(out);
        }
        Domain d = hv.definition(name, false);
        for (NetInterface n : d.devices().interfaces()) {
            if (n.mac() == null || (source.equals("lease") && !"network".equals(n.type()))) {
                continue;
            }
            List<Networks.Address> addrs = new ArrayList<>();
            if (source.equals("lease")) {
                for (NetworkLease l : nets.leasesOf(n.sourceNetwork(), n.mac())) {
                    addrs.add(new Networks.Address(l.type(), l.ip(), l.prefix()));
                }
            } else {
                for (String ip : nets.neighbourAddresses(n.mac())) {
                    addrs.add(new Networks.Address("ipv4", ip, 0));
                }
            }
            if (!addrs.isEmpty()) {
                out.add(DomainJson.node(new Networks.InterfaceAddresses(n.targetDev() == null ? "-" : n.targetDev(),
                        n.mac(), addrs)));
            }
        }
        return Reply.json(out);
    }

    private static Object summary(NetworkInfo n) {
        return DomainJson.node(new Networks.Summary(n.name(), n.uuid(), n.active(), n.persistent(), n.autostart(),
                n.bridge()));
    }

    private static Networks.Lease lease(NetworkLease l) {
        return new Networks.Lease(l.network(), l.expiry() == null ? null : l.expiry().getEpochSecond(), l.mac(), l.type(),
                l.ip(), l.prefix(), l.hostname(), l.clientId(), l.iaid());
    }
}
