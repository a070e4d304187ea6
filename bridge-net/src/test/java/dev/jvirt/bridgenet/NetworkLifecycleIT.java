package dev.jvirt.bridgenet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.domainxml.network.Network;
import dev.jvirt.domainxml.network.NetworkXml;
import java.nio.file.Files;
import java.nio.file.Path;
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
        runtime = ns.runtimeDir();
    }

    @AfterEach
    void tearDown() throws Exception {
        ns.close();
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
                    "dhcp-hostsfile=", "host-record=jvhost,10.31.0.77", "domain=lab.test",
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
    private BridgeNet nets() {
        return new BridgeNet(runtime, HostTools.find());
    }

    private IpTool ip() {
        return new IpTool(HostTools.find().ip());
    }

    /** Interfaces, nftables tables, dnsmasq processes and records of jvirt's in the namespace. */
    private String jvirtState() throws Exception {
        String tables = TestNetns.host("nft", "list", "tables");
        List<String> links = ip().links().stream().map(IpTool.Link::name).filter(n -> !n.startsWith("jvtestdum")
                && !n.equals("lo") && !n.startsWith("jvtestbr")).toList();
        // `ip netns pids` runs inside the namespace too: it does not count
        List<String> pids = new java.util.ArrayList<>();
        for (String pid : TestNetns.host("ip", "netns", "pids", ns.name()).split("\\s+")) {
            Path comm = Path.of("/proc", pid, "comm");
            if (!pid.isBlank() && Files.exists(comm) && !Files.readString(comm).strip().equals("ip")) {
                pids.add(pid);
            }
        }
        try (Stream<Path> files = Files.list(runtime)) {
            return "links=" + links + " tables=" + tables.strip() + " pids=" + pids + " records="
                    + files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).toList();
        }
    }

    private static final String EMPTY = "links=[] tables= pids=[] records=[]";

    @Test
    void isolatedRouteAndOpenNetworksGetTheirOwnRules() throws Exception {
        ns.run(() -> {
            BridgeNet nets = nets();
            nets.start(parse("<network><name>iso</name><ip address='10.41.0.1' prefix='24'/></network>"));
            nets.start(parse("<network><name>rt</name><forward mode='route'/><ip address='10.42.0.1' prefix='24'>"
                    + "<dhcp><range start='10.42.0.2' end='10.42.0.9'/></dhcp></ip></network>"));
            nets.start(parse("<network><name>op</name><forward mode='open'/><ip address='10.43.0.1' prefix='24'/></network>"));
            assertThat(nets.active()).extracting(ActiveNetwork::bridge).containsExactly("jvbr0", "jvbr2", "jvbr1");
            String iso = TestNetns.host("nft", "list", "table", "inet", "jvirt_jvbr0");
            assertThat(iso).contains("reject").doesNotContain("masquerade")
                    .doesNotContain("10.41.0.0/24 accept");
            String rt = TestNetns.host("nft", "list", "table", "inet", "jvirt_jvbr1");
            assertThat(rt).contains("ip daddr 10.42.0.0/24 accept").doesNotContain("masquerade");
            assertThat(TestNetns.host("nft", "list", "tables")).doesNotContain("jvbr2");
            // no DHCP and DNS left on: dnsmasq for DNS only
            assertThat(Files.readString(Path.of(nets.active("op").orElseThrow().record().dnsmasqConf())))
                    .doesNotContain("dhcp-range");
            for (ActiveNetwork a : nets.active()) {
                nets.stop(a.name());
            }
            assertThat(jvirtState()).isEqualTo(EMPTY);
        });
    }

    @Test
    void aLaterProcessAdoptsRunningNetworksAndStopsThemCleanly() throws Exception {
        ns.run(() -> {
            ActiveNetwork first = nets().start(parse(NAT));
            // the first process is gone without stopping anything; a second one takes over
            BridgeNet second = nets();
            List<ActiveNetwork> adopted = second.adoptAll();
            assertThat(adopted).extracting(ActiveNetwork::name).containsExactly("lab");
            assertThat(adopted.get(0).dnsmasqPid()).isEqualTo(first.dnsmasqPid());
            // its dnsmasq dies too; a third process restarts it
            ProcessHandle.of(first.dnsmasqPid()).orElseThrow().destroyForcibly();
            while (Dnsmasq.isOurs(first.dnsmasqPid(), Path.of(first.record().dnsmasqConf()))) {
                Thread.sleep(10);
            }
            BridgeNet third = nets();
            List<ActiveNetwork> readopted = third.adoptAll();
            assertThat(readopted).as("networks the third process adopted (its WARN lines say why one is missing)")
                    .extracting(ActiveNetwork::name).containsExactly("lab");
            ActiveNetwork again = readopted.get(0);
            assertThat(again.dnsmasqPid()).isNotEqualTo(first.dnsmasqPid());
            assertThat(Dnsmasq.isOurs(again.dnsmasqPid(), Path.of(again.record().dnsmasqConf()))).isTrue();
            third.stop("lab");
            assertThat(jvirtState()).isEqualTo(EMPTY);
        });
    }

    @Test
    void dhcpHostsOfARunningNetworkChangeThroughItsHostsFileAndSighup() throws Exception {
        ns.run(() -> {
            BridgeNet nets = nets();
            ActiveNetwork a = nets.start(parse(NAT));
            Path hosts = runtime.resolve("lab").resolve(Dnsmasq.HOSTS);
            assertThat(Files.readString(hosts)).isEqualTo("52:54:00:10:00:01,10.31.0.10,one\n");
            String more = NAT.replace("<host mac='52:54:00:10:00:01' name='one' ip='10.31.0.10'/>",
                    "<host mac='52:54:00:10:00:01' name='one' ip='10.31.0.10'/><host mac='52:54:00:10:00:02' name='two' ip='10.31.0.11'/>");
            ActiveNetwork updated = nets.updateDhcpHosts(parse(more));
            assertThat(Files.readString(hosts)).isEqualTo("52:54:00:10:00:01,10.31.0.10,one\n52:54:00:10:00:02,10.31.0.11,two\n");
            assertThat(TestNetns.host("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "cat", hosts.toString()))
                    .as("dnsmasq reads it again as the user it dropped to").contains("10.31.0.11");
            assertThat(updated.dnsmasqPid()).as("the same dnsmasq, signalled").isEqualTo(a.dnsmasqPid());
            Thread.sleep(200);
            assertThat(Dnsmasq.isOurs(a.dnsmasqPid(), Path.of(a.record().dnsmasqConf()))).as("SIGHUP does not end it").isTrue();
            assertThat(nets().adoptAll().get(0).definition().ips().get(0).dhcp().hosts())
                    .as("a later process adopts the updated definition")
                    .extracting(dev.jvirt.domainxml.network.Network.Host::name).containsExactly("one", "two");
            nets.stop("lab");
            assertThat(jvirtState()).isEqualTo(EMPTY);
        });
    }

    @Test
    void aStartCutShortByACrashIsCleanedUpAtAdoption() throws Exception {
        ns.run(() -> {
            ActiveNetwork a = nets().start(parse(NAT));
            RecordStore store = new RecordStore(runtime);
            NetworkRecord r = a.record();
            store.write(new NetworkRecord(r.name(), r.uuid(), NetworkRecord.STARTING, r.mode(), r.bridge(), true,
                    r.nftTable(), null, r.dnsmasqConf(), r.leaseFile(), r.definition()));
            assertThat(nets().adoptAll()).isEmpty();
            assertThat(jvirtState()).isEqualTo(EMPTY);
        });
    }

    @Test
    void badInputIsRefusedNamingNetworkAndElementWithNothingLeftBehind() throws Exception {
        ns.run(() -> {
            BridgeNet nets = nets();
            nets.start(parse("<network><name>first</name><ip address='10.51.0.1' prefix='24'/></network>"));
            String before = jvirtState();
            // no dummy module here: a bridge of the test's stands for "something else on the host"
            TestNetns.host("ip", "link", "add", "jvtestdum0", "type", "bridge");
            TestNetns.host("ip", "addr", "add", "10.52.0.1/24", "dev", "jvtestdum0");
            TestNetns.host("ip", "link", "set", "jvtestdum0", "up");
            TestNetns.host("ip", "route", "add", "10.53.0.0/16", "dev", "jvtestdum0");

            refused(nets, "<network><name>twin</name><ip address='10.51.0.129' prefix='25'/></network>",
                    "network 'twin': /network/ip: 10.51.0.129/25 overlaps 10.51.0.0/24 of network 'first' (on jvbr0)");
            refused(nets, "<network><name>hostaddr</name><ip address='10.52.0.5' prefix='24'/></network>",
                    "network 'hostaddr': /network/ip: 10.52.0.5/24 overlaps the host's address 10.52.0.1/24 on jvtestdum0");
            refused(nets, "<network><name>hostroute</name><ip address='10.53.7.1' prefix='24'/></network>",
                    "network 'hostroute': /network/ip: 10.53.7.1/24 overlaps the host route 10.53.0.0/16 (dev jvtestdum0)");
            refused(nets, "<network><name>used</name><bridge name='jvtestdum0'/><ip address='10.54.0.1' prefix='24'/></network>",
                    "network 'used': /network/bridge: bridge name 'jvtestdum0' is already used by a bridge on the host");
            refused(nets, "<network><name>long</name><bridge name='jvbr-much-too-long'/></network>",
                    "network 'long': /network/bridge: bridge name 'jvbr-much-too-long' is not a valid interface name");
            refused(nets, "<network><name>v6range</name><ip family='ipv6' address='fd55::1' prefix='64'><dhcp>"
                    + "<range start='fd56::10' end='fd56::20'/></dhcp></ip></network>",
                    "network 'v6range': /network/ip/dhcp/range: DHCP range fd56::10-fd56::20 is outside fd55::/64");
            refused(nets, "<network><name>nobridge</name><forward mode='bridge'/><bridge name='jvtestnone'/></network>",
                    "network 'nobridge': /network/bridge: host bridge 'jvtestnone' does not exist");
            // a DHCP range outside its subnet is refused even without domain-xml's load step
            Network outside = NetworkXml.parse("<network><name>range</name><ip address='10.55.0.1' prefix='24'><dhcp>"
                    + "<range start='10.56.0.2' end='10.56.0.9'/></dhcp></ip></network>", "t.xml");
            assertThat(refusal(nets, outside)).startsWith("network 'range': /network/ip/dhcp/range: DHCP range "
                    + "10.56.0.2-10.56.0.9 is outside 10.55.0.1/24");
            // dnsmasq missing: refused before anything is made
            BridgeNet noDnsmasq = new BridgeNet(runtime, HostTools.find().withDnsmasq(Path.of("/nonexistent/dnsmasq")));
            assertThat(refusal(noDnsmasq, parse(NAT))).startsWith("network 'lab': /network/ip: DHCP and DNS on the network")
                    .contains("/nonexistent/dnsmasq is not installed (Debian package dnsmasq-base)");
            // dnsmasq that fails to start: the bridge and table made before it are undone
            BridgeNet failing = new BridgeNet(runtime, HostTools.find().withDnsmasq(Path.of("/bin/false")));
            assertThat(refusal(failing, parse(NAT))).startsWith("network 'lab': dnsmasq did not start");
            assertThat(jvirtState()).isEqualTo(before);
        });
    }

    private void refused(BridgeNet nets, String xml, String message) throws Exception {
        assertThat(refusal(nets, NetworkXml.parse(xml, "t.xml"))).startsWith(message);
    }

    private String refusal(BridgeNet nets, Network n) throws Exception {
        String before = jvirtState();
        try {
            nets.start(n);
        } catch (NetworkException e) {
            assertThat(jvirtState()).as("nothing is left after: " + e.getMessage()).isEqualTo(before);
            return e.getMessage();
        }
        throw new AssertionError("network '" + n.name() + "' started");
    }

    @Test
    void tapsAreMadeOnTheBridgeWithTheMtuAndGoWithTheirDescriptors() throws Exception {
        ns.run(() -> {
            BridgeNet nets = nets();
            ActiveNetwork lab = nets.start(parse(NAT));
            var nic = new dev.jvirt.domainxml.domain.NetInterface("network", "52:54:00:10:00:01", "lab", null, null,
                    null, null, "virtio", null, null, null, null, null, null, null);
            TapDevice tap = nets.openTap(nic, "interface net0 of guest t", false, null);
            assertThat(tap.name()).matches("jvtap\\d+");
            assertThat(tap.fds()).hasSize(1);
            assertThat(tap.vhostFds()).hasSize(Files.exists(Path.of("/dev/vhost-net")) ? 1 : 0);
            IpTool.Link l = ip().link(tap.name()).orElseThrow();
            assertThat(l.master()).isEqualTo(lab.bridge());
            assertThat(l.mtu()).isEqualTo(1400);
            assertThat(l.mac()).isEqualTo("fe:54:00:10:00:01");
            assertThat(l.up()).isTrue();
            assertThat(l.isTap()).isTrue();
            assertThat(nets.ports("lab")).containsExactly(tap.name());

            var mq = new dev.jvirt.domainxml.domain.NetInterface("bridge", null, null, "jvbrlab", null, null, null,
                    "virtio", "qemu", 4, "mytap0", 9000, null, null, null);
            TapDevice four = nets.openTap(mq, "interface net1 of guest t", false, null);
            assertThat(four.name()).isEqualTo("mytap0");
            assertThat(four.fds()).hasSize(4);
            assertThat(four.vhostFds()).isEmpty();
            assertThat(TestNetns.host("ip", "-d", "-json", "link", "show", "mytap0")).contains("\"multi_queue\":true");
            assertThat(ip().link("mytap0").orElseThrow().mtu()).isEqualTo(9000);

            TapDevice kept = Taps.create(TapRequest.on("jvbrlab").withPersistent(true, 0), "a persistent TAP");
            kept.releaseDescriptors();
            assertThat(ip().link(kept.name())).isPresent();
            kept.close();
            assertThat(ip().link(kept.name())).isEmpty();
            // one left behind by a crashed process is removed by name
            TapDevice left = Taps.create(TapRequest.on(null).withPersistent(true, null), "a TAP left behind");
            left.releaseDescriptors();
            assertThat(ip().link(left.name()).orElseThrow().tunPersist()).isTrue();
            Taps.releasePersistent(left.name());
            assertThat(ip().link(left.name())).isEmpty();

            // a TAP the kernel refuses half-way (an MTU above the bridge's maximum) is not left behind
            try {
                Taps.create(TapRequest.on("jvbrlab").withMtu(70000), "a TAP too big");
                throw new AssertionError("made a TAP with MTU 70000");
            } catch (NetworkException e) {
                assertThat(e.getMessage()).startsWith("a TAP too big: cannot set MTU 70000 on jvtap");
            }
            assertThat(ip().links().stream().filter(IpTool.Link::isTap)).as("the two TAPs above only").hasSize(2);
            tap.releaseDescriptors();
            four.close();
            assertThat(ip().links()).noneMatch(x -> x.isTap());
            try {
                Taps.create(TapRequest.on("jvbrlab").withName("jvbrlab"), "a clash");
                throw new AssertionError("made a TAP named like the bridge");
            } catch (NetworkConfigException e) {
                assertThat(e.getMessage()).startsWith("a clash: <target dev>: interface 'jvbrlab' already exists on the host");
            }
            nets.stop("lab");
            assertThat(jvirtState()).isEqualTo(EMPTY);
        });
    }

    @Test
    void aNetworkOnAHostBridgeCreatesNothingAndLeavesTheBridge() throws Exception {
        ns.run(() -> {
            TestNetns.host("ip", "link", "add", "jvtestbr0", "type", "bridge");
            BridgeNet nets = nets();
            ActiveNetwork a = nets.start(parse("<network><name>lan</name><forward mode='bridge'/>"
                    + "<bridge name='jvtestbr0'/></network>"));
            assertThat(a.bridge()).isEqualTo("jvtestbr0");
            assertThat(a.dnsmasqPid()).isEqualTo(-1);
            var nic = new dev.jvirt.domainxml.domain.NetInterface("network", null, "lan", null, null, null, null,
                    "virtio", null, null, null, null, null, null, null);
            TapDevice tap = nets.openTap(nic, "interface net0 of guest b", false, null);
            assertThat(ip().link(tap.name()).orElseThrow().master()).isEqualTo("jvtestbr0");
            tap.close();
            nets.stop("lan");
            assertThat(ip().link("jvtestbr0")).isPresent();
            assertThat(jvirtState()).isEqualTo(EMPTY);
        });
    }

    @Test
    void aNicOnAnInactiveNetworkSaysWhichAndHowToStartIt() throws Exception {
        ns.run(() -> {
            var nic = new dev.jvirt.domainxml.domain.NetInterface("network", null, "default", null, null, null, null,
                    "virtio", null, null, null, null, null, null, null);
            try {
                nets().openTap(nic, "interface net0 of guest web1", false, null);
                throw new AssertionError("made a TAP for an inactive network");
            } catch (NetworkInactiveException e) {
                assertThat(e.getMessage()).isEqualTo("interface net0 of guest web1 is on network 'default', which is "
                        + "not active; start it with `jvirsh net-start default`");
            }
        });
    }
}
