package dev.jvirt.bridgenet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.domainxml.network.NetworkXml;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DnsmasqConfigTest {
    private static final DnsmasqConfig.Files FILES = new DnsmasqConfig.Files(Path.of("/run/jvirt/network/lab/dnsmasq.pid"),
            Path.of("/run/jvirt/network/lab/dnsmasq.leases"), Path.of("/run/jvirt/network/lab/dnsmasq.hostsfile"));

    @Test
    void aNatNetworkWithHostsDomainAndIpv6() {
        NetworkPlan plan = NetworkPlan.of(NetworkXml.load(NetworkLifecycleIT.NAT, "lab.xml"));
        assertThat(DnsmasqConfig.render(plan, FILES)).isEqualTo("""
                # written by jvirt for network 'lab'; jvirt rewrites it at every start
                strict-order
                pid-file=/run/jvirt/network/lab/dnsmasq.pid
                except-interface=lo
                bind-dynamic
                interface=jvbrlab
                domain=lab.test
                expand-hosts
                local=/lab.test/
                host-record=jvhost,10.31.0.77
                dhcp-range=10.31.0.100,10.31.0.199,255.255.255.0
                dhcp-range=fd31::100,fd31::1ff,64
                dhcp-hostsfile=/run/jvirt/network/lab/dnsmasq.hostsfile
                dhcp-no-override
                dhcp-authoritative
                dhcp-lease-max=357
                dhcp-leasefile=/run/jvirt/network/lab/dnsmasq.leases
                enable-ra
                """);
        assertThat(DnsmasqConfig.hosts(plan)).isEqualTo("52:54:00:10:00:01,10.31.0.10,one\n");
    }

    @Test
    void dnsOffForwardersAndAnIsolatedNetworkWithoutARouter() {
        NetworkPlan off = NetworkPlan.of(NetworkXml.load("<network><name>o</name><bridge name='jvbr7'/><dns enable='no'/>"
                + "<ip address='10.0.0.1' prefix='24'><dhcp><host name='printer' ip='10.0.0.5'/></dhcp></ip></network>",
                "o.xml"));
        assertThat(DnsmasqConfig.render(off, FILES)).contains("port=0\n", "dhcp-hostsfile=",
                "dhcp-option=6\n", "dhcp-option=3\n").doesNotContain("dhcp-range");
        assertThat(DnsmasqConfig.hosts(off)).isEqualTo("10.0.0.5,printer\n");
        NetworkPlan fw = NetworkPlan.of(NetworkXml.load("<network><name>f</name><forward/><bridge name='jvbr8'/>"
                + "<dns><forwarder addr='192.0.2.53'/></dns><ip family='ipv6' address='fd00:8::1' prefix='64'/></network>",
                "f.xml"));
        assertThat(DnsmasqConfig.render(fw, FILES)).contains("no-resolv\nserver=192.0.2.53\n",
                "dhcp-range=fd00:8::,ra-only,64\n", "enable-ra\n").doesNotContain("dhcp-leasefile", "dhcp-option");
    }
}
