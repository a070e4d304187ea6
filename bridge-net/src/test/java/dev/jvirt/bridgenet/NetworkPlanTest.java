package dev.jvirt.bridgenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.domainxml.network.NetworkXml;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkPlanTest {
    private static NetworkPlan plan(String xml) {
        return NetworkPlan.of(NetworkXml.parse(xml, "t.xml"));
    }

    private static void refused(String xml, String message) {
        assertThatThrownBy(() -> plan(xml)).isInstanceOf(NetworkConfigException.class).hasMessageStartingWith(message);
    }

    @Test
    void modesDecideBridgeFirewallForwardingAndDnsmasq() {
        NetworkPlan nat = plan("<network><name>n</name><forward/><ip address='10.0.0.1' prefix='24'>"
                + "<dhcp><range start='10.0.0.2' end='10.0.0.9'/></dhcp></ip></network>");
        assertThat(nat.mode()).isEqualTo("nat");
        assertThat(List.of(nat.createBridge(), nat.firewall(), nat.forwarding(), nat.dnsmasq())).containsOnly(true);
        assertThat(nat.bridge()).isNull();
        NetworkPlan iso = plan("<network><name>i</name><ip address='10.0.0.1' prefix='24'/></network>");
        assertThat(iso.mode()).isEqualTo("isolated");
        assertThat(iso.firewall()).isTrue();
        assertThat(iso.forwarding()).isFalse();
        assertThat(iso.dnsmasq()).as("DNS is on by default").isTrue();
        NetworkPlan quiet = plan("<network><name>q</name><forward mode='open'/><dns enable='no'/>"
                + "<ip address='10.0.0.1' prefix='24'/></network>");
        assertThat(quiet.firewall()).isFalse();
        assertThat(quiet.dnsmasq()).isFalse();
        NetworkPlan host = plan("<network><name>h</name><forward mode='bridge'/><bridge name='br0'/></network>");
        assertThat(List.of(host.createBridge(), host.firewall(), host.dnsmasq())).containsOnly(false);
        NetworkPlan l2 = plan("<network><name>l2</name></network>");
        assertThat(l2.dnsmasq()).as("no addresses, no dnsmasq").isFalse();
    }

    @Test
    void definitionsJvirtCannotRunAreRefusedNamingTheElement() {
        refused("<network><name>m</name><forward mode='private'><interface dev='eth0'/></forward></network>",
                "network 'm': /network/forward: forward mode 'private' is not supported by jvirt");
        refused("<network><name>b</name><bridge name='jvbr-much-too-long'/></network>",
                "network 'b': /network/bridge: bridge name 'jvbr-much-too-long' is not a valid interface name");
        refused("<network><name>r</name><ip address='10.0.0.1' prefix='24'><dhcp><range start='10.0.1.2' "
                + "end='10.0.1.9'/></dhcp></ip></network>",
                "network 'r': /network/ip/dhcp/range: DHCP range 10.0.1.2-10.0.1.9 is outside 10.0.0.1/24");
        refused("<network><name>six</name><ip family='ipv6' address='fd00::1' prefix='64'><dhcp><range "
                + "start='fd00::1:0' end='fd00::1'/></dhcp></ip></network>",
                "network 'six': /network/ip/dhcp/range: DHCP range start fd00::1:0 is after end fd00::1");
        refused("<network><name>own</name><ip family='ipv6' address='fd00::5' prefix='64'><dhcp><range "
                + "start='fd00::1' end='fd00::9'/></dhcp></ip></network>",
                "network 'own': /network/ip/dhcp/range: DHCP range contains the network's own address fd00::5");
        refused("<network><name>d</name><domain name='bad name'/><ip address='10.0.0.1' prefix='24'/></network>",
                "network 'd': /network/domain: domain name 'bad name' is not a DNS name");
        refused("<network><name>h</name><dns><host ip='10.0.0.5'><hostname>a,b</hostname></host></dns></network>",
                "network 'h': /network/dns/host: hostname 'a,b' is not a DNS name");
    }

    @Test
    void missingToolsAreNamedWithTheirPackage() {
        HostTools none = new HostTools(Path.of("/nonexistent/ip"), Path.of("/nonexistent/nft"),
                Path.of("/nonexistent/dnsmasq"));
        NetworkPlan p = plan("<network><name>t</name><forward mode='open'/><dns enable='no'/></network>");
        assertThatThrownBy(() -> HostChecks.tools(p, none))
                .hasMessage("network 't': /network/bridge: a network's bridge needs ip, but /nonexistent/ip is not "
                        + "installed (Debian package iproute2)");
        HostTools noDnsmasq = HostTools.find().withDnsmasq(Path.of("/nonexistent/dnsmasq"));
        NetworkPlan routed = plan("<network><name>t</name><forward mode='route'/><ip address='10.0.0.1' prefix='24'/>"
                + "</network>");
        assertThatThrownBy(() -> HostChecks.tools(routed, noDnsmasq)).hasMessageContaining("dnsmasq-base");
    }

    @Test
    void jvirtPicksTheFirstFreeBridgeName() {
        List<IpTool.Link> links = List.of(new IpTool.Link("jvbr0", 2, "bridge", null, 1500, null, true, false, null));
        assertThat(HostChecks.freeBridgeName(links, java.util.Set.of("jvbr1"))).isEqualTo("jvbr2");
    }
}
