package dev.jvirt.bridgenet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The nftables table of one network, as {@code nft -j -f} input (a pure function of the plan).
 * Each network has an {@code inet} table of its own, {@code jvirt_BRIDGE}, so starting and
 * stopping one is a single atomic transaction that touches nothing else:
 *
 * <ul>
 *   <li>{@code forward}: traffic between the bridge's own ports passes; a {@code nat} or
 *       {@code route} network forwards out what comes from its subnets and, back in, answers
 *       ({@code nat}) or anything for its subnets ({@code route}); everything else to or from
 *       the bridge is rejected, as libvirt does. An {@code isolated} network forwards nothing.
 *   <li>{@code postrouting} ({@code nat} only): IPv4 from the subnets to elsewhere is
 *       masqueraded (TCP/UDP to ports 1024-65535 unless {@code <nat><port>} says otherwise),
 *       except multicast and broadcast. IPv6 is routed, not translated.
 * </ul>
 */
final class NftRuleset {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Made on first use (a holder class): a jvirtd start should not load jackson-databind. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private NftRuleset() {
    }

    /** The table's name for a network on {@code bridge}. */
    static String tableName(String bridge) {
        StringBuilder sb = new StringBuilder("jvirt_");
        for (char c : bridge.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128 || c == '_') {
                sb.append(c);
            } else {
                sb.append('_').append(String.format("%02x", (int) c));
            }
        }
        return sb.toString();
    }

    /** The table, replacing any table of that name left behind (one transaction). */
    static String create(NetworkPlan plan) {
        String table = tableName(plan.bridge());
        ArrayNode cmds = F.arrayNode();
        cmds.add(cmd("add", "table", table(table)));
        cmds.add(cmd("delete", "table", table(table)));
        cmds.add(cmd("add", "table", table(table)));
        cmds.add(cmd("add", "chain", chain(table, "forward", "filter", "forward", 0)));
        String br = plan.bridge();
        rule(cmds, table, "forward", List.of(iif(br), oif(br)), accept());
        boolean nat = plan.isNat();
        if (plan.forwarding()) {
            for (NetworkPlan.Subnet s : plan.subnets()) {
                Cidr net = s.address().network();
                rule(cmds, table, "forward", with(outDev(plan), iif(br), addr(net, "saddr", "==")), accept());
                if (nat && !net.isIpv6()) {
                    rule(cmds, table, "forward", with(inDev(plan), oif(br), addr(net, "daddr", "=="), ctReplies()),
                            accept());
                } else {
                    rule(cmds, table, "forward", with(inDev(plan), oif(br), addr(net, "daddr", "==")), accept());
                }
            }
        }
        rule(cmds, table, "forward", List.of(iif(br)), reject());
        rule(cmds, table, "forward", List.of(oif(br)), reject());
        if (nat) {
            cmds.add(cmd("add", "chain", chain(table, "postrouting", "nat", "postrouting", 100)));
            for (NetworkPlan.Subnet s : plan.subnets()) {
                Cidr net = s.address().network();
                if (net.isIpv6()) {
                    continue;
                }
                ObjectNode from = addr(net, "saddr", "==");
                rule(cmds, table, "postrouting", List.of(from, addr(Cidr.parse("224.0.0.0/24"), "daddr", "==")), verdict("return"));
                rule(cmds, table, "postrouting", List.of(from, addr(Cidr.parse("255.255.255.255/32"), "daddr", "==")),
                        verdict("return"));
                int lo = plan.natPortStart() == null ? 1024 : plan.natPortStart();
                int hi = plan.natPortEnd() == null ? 65535 : plan.natPortEnd();
                for (String proto : List.of("tcp", "udp")) {
                    ObjectNode masq = F.objectNode();
                    masq.putObject("masquerade").putObject("port").putArray("range").add(lo).add(hi);
                    rule(cmds, table, "postrouting", with(outDev(plan), from, addr(net, "daddr", "!="),
                            match(meta("l4proto"), "==", F.textNode(proto))), masq);
                }
                rule(cmds, table, "postrouting", with(outDev(plan), from, addr(net, "daddr", "!=")), verdict("masquerade"));
            }
        }
        ObjectNode root = F.objectNode();
        root.set("nftables", cmds);
        return write(root);
    }

    /** Deletes the table (fails when it is not there). */
    static String delete(String table) {
        ObjectNode root = F.objectNode();
        root.putArray("nftables").add(cmd("delete", "table", table(table)));
        return write(root);
    }

    private static List<ObjectNode> with(ObjectNode first, ObjectNode... rest) {
        List<ObjectNode> out = new java.util.ArrayList<>();
        if (first != null) {
            out.add(first);
        }
        out.addAll(List.of(rest));
        return out;
    }

    /** With {@code <forward dev>}: traffic leaves (and enters) by that device only. */
    private static ObjectNode outDev(NetworkPlan plan) {
        return plan.forwardDev() == null ? null : oif(plan.forwardDev());
    }

    private static ObjectNode inDev(NetworkPlan plan) {
        return plan.forwardDev() == null ? null : iif(plan.forwardDev());
    }

    private static ObjectNode cmd(String verb, String what, ObjectNode body) {
        ObjectNode o = F.objectNode();
        o.putObject(verb).set(what, body);
        return o;
    }

    private static ObjectNode table(String name) {
        return F.objectNode().put("family", "inet").put("name", name);
    }

    private static ObjectNode chain(String table, String name, String type, String hook, int prio) {
        return F.objectNode().put("family", "inet").put("table", table).put("name", name).put("type", type)
                .put("hook", hook).put("prio", prio).put("policy", "accept");
    }

    private static void rule(ArrayNode cmds, String table, String chain, List<ObjectNode> matches, ObjectNode verdict) {
        ObjectNode r = F.objectNode().put("family", "inet").put("table", table).put("chain", chain);
        ArrayNode expr = r.putArray("expr");
        matches.forEach(expr::add);
        expr.add(verdict);
        cmds.add(cmd("add", "rule", r));
    }

    private static ObjectNode match(JsonNode left, String op, JsonNode right) {
        ObjectNode m = F.objectNode();
        ObjectNode body = m.putObject("match");
        body.put("op", op);
        body.set("left", left);
        body.set("right", right);
        return m;
    }

    private static ObjectNode meta(String key) {
        ObjectNode o = F.objectNode();
        o.putObject("meta").put("key", key);
        return o;
    }

    private static ObjectNode iif(String dev) {
        return match(meta("iifname"), "==", F.textNode(dev));
    }

    private static ObjectNode oif(String dev) {
        return match(meta("oifname"), "==", F.textNode(dev));
    }

    private static ObjectNode addr(Cidr net, String field, String op) {
        ObjectNode left = F.objectNode();
        left.putObject("payload").put("protocol", net.isIpv6() ? "ip6" : "ip").put("field", field);
        ObjectNode right = F.objectNode();
        right.putObject("prefix").put("addr", net.network().address()).put("len", net.prefix());
        return match(left, op, right);
    }

    private static ObjectNode ctReplies() {
        ObjectNode left = F.objectNode();
        left.putObject("ct").put("key", "state");
        return match(left, "in", F.arrayNode().add("established").add("related"));
    }

    private static ObjectNode accept() {
        return verdict("accept");
    }

    private static ObjectNode verdict(String v) {
        ObjectNode o = F.objectNode();
        o.putNull(v);
        return o;
    }

    private static ObjectNode reject() {
        ObjectNode o = F.objectNode();
        o.putObject("reject").put("type", "icmpx").put("expr", "port-unreachable");
        return o;
    }

    private static String write(JsonNode n) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
