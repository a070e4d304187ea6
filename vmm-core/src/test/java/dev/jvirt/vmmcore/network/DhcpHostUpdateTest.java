package dev.jvirt.vmmcore.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.domainxml.DefinitionException;
import dev.jvirt.domainxml.network.Network;
import dev.jvirt.domainxml.network.NetworkXml;
import dev.jvirt.vmmcore.NetworkFailedException;
import org.junit.jupiter.api.Test;

/** net-update's ip-dhcp-host as libvirt 9.0 applies it (its words checked against virsh's test driver). */
class DhcpHostUpdateTest {
    private static final Network NET = NetworkXml.load("""
            <network><name>nat1</name><forward mode='nat'/><bridge name='jvbr5'/>
              <ip address='10.63.0.1' netmask='255.255.255.0'>
                <dhcp><range start='10.63.0.100' end='10.63.0.199'/>
                  <host mac='52:54:00:63:00:01' name='one' ip='10.63.0.10'/></dhcp>
              </ip>
            </network>""", "nat1.xml");

    private static DhcpHostUpdate.Request req(String command, String xml, boolean live, boolean config) {
        return new DhcpHostUpdate.Request(command, "ip-dhcp-host", -1, xml, live, config);
    }

    private static java.util.List<Network.Host> hosts(Network n) {
        return n.ips().get(0).dhcp().hosts();
    }

    @Test
    void addDeleteAndModifyAHostOfTheIpWithDhcp() {
        var r = DhcpHostUpdate.plan("nat1", NET, NET, req("add", "<host mac='52:54:00:63:00:02' ip='10.63.0.20'/>", true, true));
        assertThat(hosts(r.running())).extracting(Network.Host::ip).containsExactly("10.63.0.10", "10.63.0.20");
        assertThat(r.stored()).isEqualTo(r.running());
        var first = DhcpHostUpdate.plan("nat1", null, NET, req("add-first", "<host mac='52:54:00:63:00:02' ip='10.63.0.20'/>",
                false, false));
        assertThat(first.running()).as("current of an inactive network: its stored definition").isNull();
        assertThat(hosts(first.stored())).extracting(Network.Host::ip).containsExactly("10.63.0.20", "10.63.0.10");
        var current = DhcpHostUpdate.plan("nat1", NET, NET, req("delete", "<host mac='52:54:00:63:00:01'/>", false, false));
        assertThat(current.stored()).as("current of an active network: the running one").isNull();
        assertThat(hosts(current.running())).isEmpty();
        var modified = DhcpHostUpdate.plan("nat1", NET, NET, req("modify", "<host mac='52:54:00:63:00:01' ip='10.63.0.11'/>",
                true, false));
        assertThat(hosts(modified.running())).containsExactly(new Network.Host("52:54:00:63:00:01", null, "10.63.0.11"));
    }

    @Test
    void refusalsInLibvirtsWords() {
        assertThatThrownBy(() -> DhcpHostUpdate.plan("nat1", NET, NET, req("add", "<host mac='52:54:00:63:00:01' ip='10.63.0.19'/>",
                true, false))).isInstanceOf(NetworkFailedException.class).hasMessage("there is an existing dhcp host entry in "
                + "network 'nat1' that matches \"<host mac='52:54:00:63:00:01' name='(null)' ip='10.63.0.19'/>\"");
        assertThatThrownBy(() -> DhcpHostUpdate.plan("nat1", NET, NET, req("delete", "<host mac='52:54:00:63:00:08'/>", true,
                false))).hasMessage("couldn't locate a matching dhcp host entry in network 'nat1'");
        assertThatThrownBy(() -> DhcpHostUpdate.plan("nat1", NET, NET, req("modify", "<host mac='52:54:00:63:00:08' ip='10.63.0.8'/>",
                true, false))).hasMessage("couldn't locate an existing dhcp host entry with \"mac='52:54:00:63:00:08'\" "
                + "\"name='(null)'\" \"ip='10.63.0.8'\" in network 'nat1'");
        assertThatThrownBy(() -> DhcpHostUpdate.plan("nat1", NET, NET, new DhcpHostUpdate.Request("add", "ip-dhcp-host", 3,
                "<host mac='52:54:00:63:00:09' ip='10.63.0.9'/>", true, false)))
                .hasMessage("couldn't update dhcp host entry - no <ip> element found at index 3 in network 'nat1'");
        assertThatThrownBy(() -> DhcpHostUpdate.plan("nat1", null, NET, req("add", "<host mac='52:54:00:63:00:09' ip='10.63.0.9'/>",
                true, false))).hasMessage("network is not running");
        assertThatThrownBy(() -> DhcpHostUpdate.plan("nat1", NET, null, req("add", "<host mac='52:54:00:63:00:09' ip='10.63.0.9'/>",
                false, true))).hasMessage("cannot change persistent config of a transient network");
        assertThatThrownBy(() -> DhcpHostUpdate.plan("nat1", NET, NET, new DhcpHostUpdate.Request("add", "dns-host", -1,
                "<host ip='10.63.0.9'/>", true, false))).isInstanceOf(NetworkFailedException.class)
                .hasMessageContaining("only, not 'dns-host'");
        assertThatThrownBy(() -> DhcpHostUpdate.plan("nat1", NET, NET, req("add", "<host mac='52:54:00:63:00:09' ip='10.99.0.9'/>",
                true, false))).as("validated as a whole definition").isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> DhcpHostUpdate.plan("nat1", NET, NET, req("add", "<host mac='52:54:00:63:00:09' ip='10.63.0.9' x='1'/>",
                true, false))).isInstanceOf(DefinitionException.class);
    }
}
