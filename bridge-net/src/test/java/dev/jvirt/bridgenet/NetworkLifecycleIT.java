package dev.jvirt.bridgenet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.domainxml.network.Network;
import dev.jvirt.domainxml.network.NetworkXml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Networks started and stopped for real (ip, nft, dnsmasq) inside a network namespace of the test's own. */
class NetworkLifecycleIT {
    static final String NAT = """
            <network>
              <name>lab</name>
              <forward mode='nat'/>
              <bridge name='jvbrlab'/>
              <mtu size='1400'/>
              <mac address='52:54:00:aa:bb:01'/>
              <domain name='lab.test' localOnly='yes'/>
              <dns><host ip='10.31.0.77'><hostname>jvhost</hostname></host></dns>
              <ip address='10.31.0.1' netmask='255.255.255.0'>
                <dhcp>
                  <range start='10.31.0.100' end='10.31.0.199'/>
                  <host mac='52:54:00:10:00:01' name='one' ip='10.31.0.10'/>
                </dhcp>
              </ip>
              <ip family='ipv6' address='fd31::1' prefix='64'>
                <dhcp><range start='fd31::100' end='fd31::1ff'/></dhcp>
              </ip>
            </network>
            """;

    private TestNetns ns;
    private Path runtime;
    private final String hostForward = Sysctl.read("ipv4", "ip_forward");

    @BeforeEach
    void setUp() throws Exception {
        ns = TestNetns.create();
        runtime = Files.createTempDirectory("jvirt-bridgenet-it-");
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            ns.close();
        } finally {
            try (Stream<Path> w = Files.walk(runtime)) {
                for (Path p : w.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        assertThat(Sysctl.read("ipv4", "ip_forward")).as("the host's own forwarding is untouched").isEqualTo(hostForward);
    }

    static Network parse(String xml) {
        return NetworkXml.load(xml, "test.xml");
    }

    @Test
    void natNetworkStartsEverythingAndStopLeavesNothing() throws Exception {
        ns.run(() -> {
            BridgeNet nets = new BridgeNet(runtime, HostTools.find());
            ActiveNetwork a = nets.start(parse(NAT));
            assertThat(a.bridge()).isEqualTo("jvbrlab");
            IpTool.Link br = new IpTool(HostTools.find().ip()).link("jvbrlab").orElseThrow();
            assertThat(br.isBridge()).isTrue();
            assertThat(br.mtu()).isEqualTo(1400);
            assertThat(br.mac()).isEqualTo("52:54:00:aa:bb:01");
            assertThat(br.up()).isTrue();
            String addrs = TestNetns.host("ip", "-json", "addr", "show", "dev", "jvbrlab");
            assertThat(addrs).contains("\"local\":\"10.31.0.1\",\"prefixlen\":24").contains("\"local\":\"fd31::1\"");
            assertThat(Sysctl.read("ipv4", "ip_forward")).isEqualTo("1");
            String table = TestNetns.host("nft", "list", "table", "inet", "jvirt_jvbrlab");
            assertThat(table).contains("masquerade").contains("iifname \"jvbrlab\"");
            assertThat(Dnsmasq.isOurs(a.dnsmasqPid(), Path.of(a.record().dnsmasqConf()))).isTrue();
            String conf = Files.readString(Path.of(a.record().dnsmasqConf()));
            assertThat(conf).contains("interface=jvbrlab", "dhcp-range=10.31.0.100,10.31.0.199,255.255.255.0",
                    "dhcp-host=52:54:00:10:00:01,10.31.0.10,one", "host-record=jvhost,10.31.0.77", "domain=lab.test",
                    "local=/lab.test/", "dhcp-range=fd31::100,fd31::1ff,64", "enable-ra");
            String listening = TestNetns.host("ss", "-lnup");
            assertThat(listening).contains("10.31.0.1:53").contains("%jvbrlab:67");
            assertThat(runtime.resolve("lab.json")).exists();

            nets.stop("lab");
            assertThat(new IpTool(HostTools.find().ip()).link("jvbrlab")).isEmpty();
            assertThat(TestNetns.host("nft", "list", "tables")).doesNotContain("jvirt");
            assertThat(ProcessHandle.of(a.dnsmasqPid()).map(ProcessHandle::isAlive).orElse(false)
                    && Dnsmasq.isOurs(a.dnsmasqPid(), Path.of(a.record().dnsmasqConf()))).isFalse();
            assertThat(runtime.resolve("lab.json")).doesNotExist();
            assertThat(nets.active()).isEmpty();
        });
    }
}
