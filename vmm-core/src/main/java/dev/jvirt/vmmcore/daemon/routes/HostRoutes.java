package dev.jvirt.vmmcore.daemon.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.vmmcore.HostCapabilities;
import dev.jvirt.vmmcore.HostFirmware;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Json;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.Request;
import dev.jvirt.vmmcore.daemon.http.RouteTable;
import java.util.TreeSet;

/** Host capabilities, domain capabilities and node info, in JSON or (capabilities) libvirt's XML. */
final class HostRoutes {
    private final Hypervisor hv;

    HostRoutes(Hypervisor hv) {
        this.hv = hv;
    }

    void register(RouteTable t) {
        t.get("/1.0/host/capabilities", r -> xml(r)
                ? Reply.xml(CapabilitiesXml.capabilities(hv.capabilities(), NodeInfo.read()))
                : Reply.json(capabilities(hv.capabilities())));
        t.get("/1.0/host/domcapabilities", r -> xml(r)
                ? Reply.xml(DomainCapabilitiesXml.write(hv.capabilities(), HostFirmware.system(), r.query("virttype", "qemu"),
                        null))
                : Reply.json(domainCapabilities(hv.capabilities())));
        t.get("/1.0/host/nodeinfo", r -> Reply.json(NodeInfo.read()));
        t.get("/1.0/host/memory", r -> Reply.json(DomainJson.node(HostMemory.read())));
    }

    private static boolean xml(Request r) {
        String f = r.query("format", "json");
        if (!f.equals("json") && !f.equals("xml")) {
            throw ApiException.badRequest("format must be json or xml, not '" + f + "'");
        }
        return f.equals("xml");
    }

    private static ObjectNode capabilities(HostCapabilities c) {
        ObjectNode o = Json.object();
        o.put("arch", "x86_64");
        o.set("node", NodeInfo.read());
        o.put("emulator", c.emulator());
        o.put("qemu_version", c.qemuVersion());
        o.set("domain_types", domainTypes(c));
        o.putObject("kvm").put("usable", c.kvm().usable()).put("reason", c.kvm().reason());
        ArrayNode machines = o.putArray("machines");
        new TreeSet<>(c.machines()).forEach(machines::add);
        o.set("machine_aliases", Json.MAPPER.valueToTree(new java.util.TreeMap<>(c.machineAliases())));
        return o;
    }

    private static ObjectNode domainCapabilities(HostCapabilities c) {
        ObjectNode o = Json.object();
        o.put("path", c.emulator());
        o.put("arch", "x86_64");
        o.set("domain_types", domainTypes(c));
        o.putObject("kvm").put("usable", c.kvm().usable()).put("reason", c.kvm().reason());
        ArrayNode devices = o.putArray("device_types");
        new TreeSet<>(c.deviceTypes()).forEach(devices::add);
        return o;
    }

    private static ArrayNode domainTypes(HostCapabilities c) {
        ArrayNode types = Json.MAPPER.createArrayNode().add("qemu");
        if (c.kvm().usable()) {
            types.add("kvm");
        }
        return types;
    }
}
