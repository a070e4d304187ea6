package dev.jvirt.bridgenet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvirt.domainxml.network.NetworkXml;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NftRulesetTest {
    private static List<String> rules(String xml) throws Exception {
        NetworkPlan plan = NetworkPlan.of(NetworkXml.load(xml, "t.xml"));
        JsonNode root = new ObjectMapper().readTree(NftRuleset.create(plan));
        List<String> out = new ArrayList<>();
        for (JsonNode c : root.path("nftables")) {
            String verb = c.fieldNames().next();
            JsonNode body = c.get(verb);
            String what = body.fieldNames().next();
            out.add(verb + " " + what + " " + body.get(what).toString());
        }
        return out;
    }

    @Test
    void aNatNetworkReplacesItsTableInOneTransactionAndMasqueradesIpv4Only() throws Exception {
        List<String> r = rules("<network><name>n</name><forward dev='eth1'><nat><port start='2000' end='3000'/></nat>"
                + "</forward><bridge name='jvbr3'/><ip address='10.3.0.1' prefix='24'/>"
                + "<ip family='ipv6' address='fd03::1' prefix='64'/></network>");
        assertThat(r.subList(0, 3)).containsExactly(
                "add table {\"family\":\"inet\",\"name\":\"jvirt_jvbr3\"}",
                "delete table {\"family\":\"inet\",\"name\":\"jvirt_jvbr3\"}",
                "add table {\"family\":\"inet\",\"name\":\"jvirt_jvbr3\"}");
        String all = String.join("\n", r);
        assertThat(all).contains("\"hook\":\"forward\"", "\"hook\":\"postrouting\"", "\"range\":[2000,3000]",
                "\"addr\":\"10.3.0.0\",\"len\":24", "\"addr\":\"fd03::\",\"len\":64", "\"right\":\"eth1\"");
        assertThat(r.stream().filter(x -> x.contains("masquerade"))).hasSize(3).noneMatch(x -> x.contains("ip6"));
        assertThat(r.stream().filter(x -> x.contains("reject"))).hasSize(2);
    }

    @Test
    void anIsolatedNetworkForwardsNothingButItsOwnBridge() throws Exception {
        List<String> r = rules("<network><name>i</name><bridge name='jv.br'/><ip address='10.4.0.1' prefix='24'/></network>");
        assertThat(r.get(0)).contains("jvirt_jv_2ebr");
        assertThat(String.join("\n", r)).doesNotContain("postrouting", "saddr", "daddr");
        assertThat(r.stream().filter(x -> x.startsWith("add rule"))).hasSize(3);
    }
}
