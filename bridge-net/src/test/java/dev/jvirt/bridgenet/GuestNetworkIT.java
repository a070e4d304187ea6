package dev.jvirt.bridgenet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.domainxml.domain.NetInterface;
import dev.jvirt.domainxml.network.NetworkXml;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two tiny guests under QEMU on TAPs of a network, inside a network namespace of the test's own:
 * on a NAT network they get their addresses from its dnsmasq (one a static reservation), the
 * leases show, and they reach each other, the bridge and its DNS; on a network over a host bridge
 * the test made they reach each other and the host. When the guests go their TAPs go; when the
 * network stops nothing of jvirt's is left.
 */
@ExtendWith(TinyGuestExtension.class)
class GuestNetworkIT {
    private static final Duration BOOT = Duration.ofSeconds(150);
    private static final Duration CMD = Duration.ofSeconds(30);
    private static final String MAC1 = "52:54:00:61:00:01";
    private static final String MAC2 = "52:54:00:61:00:02";

    private TestNetns ns;
    private Path runtime;
    private final List<TinyVm> vms = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        ns = TestNetns.create();
        runtime = ns.runtimeDir();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            for (TinyVm vm : vms) {
                vm.close();
            }
        } finally {
            ns.close();
        }
    }

    private static NetInterface nic(String network, String mac) {
        return new NetInterface("network", mac, network, null, null, null, null, "virtio", null, null, null, null, null,
                null, null);
    }

    private TinyVm boot(TinyGuest guest, BridgeNet nets, String network, String mac, String what) throws Exception {
        TapDevice tap = nets.openTap(nic(network, mac), what, false, null);
        TinyVm vm = TinyVm.boot(guest, tap, mac);
        vms.add(vm);
        return vm;
    }

    private static List<DhcpLease> awaitLeases(ActiveNetwork net, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (net.leases().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return net.leases();
    }

    /** Waits until the guest's eth0 has {@code cidr} (the lease applied by its udhcpc script). */
    private static void awaitAddress(TinyVm vm, String cidr) throws Exception {
        for (int i = 0; i < 20; i++) {
            if (vm.sh("ip -4 -o addr show dev eth0 | grep -q 'inet " + cidr + " '", CMD) == 0) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the guest never had " + cidr + " on eth0; console:\n" + vm.console());
    }

    /** Ends the guests' QEMUs; their TAPs go with them. */
    private IpTool stopGuestsAndAwaitNoTaps() throws Exception {
        for (TinyVm vm : vms) {
            vm.close();
        }
        vms.clear();
        IpTool ip = new IpTool(HostTools.find().ip());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ip.links().stream().anyMatch(IpTool.Link::isTap) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ip.links()).as("no TAP outlives its QEMU").noneMatch(IpTool.Link::isTap);
        return ip;
    }

    @Test
    void twoGuestsGetLeasesOnANatNetworkAndReachEachOtherTheBridgeAndItsDns(TinyGuest guest) throws Exception {
        ns.run(() -> {
            BridgeNet nets = new BridgeNet(runtime, HostTools.find());
            ActiveNetwork net = nets.start(NetworkXml.load("""
                    <network>
                      <name>guests</name>
                      <forward mode='nat'/>
                      <bridge name='jvbrguests'/>
                      <dns><host ip='10.61.0.77'><hostname>jvhost</hostname></host></dns>
                      <ip address='10.61.0.1' netmask='255.255.255.0'>
                        <dhcp>
                          <range start='10.61.0.100' end='10.61.0.199'/>
                          <host mac='52:54:00:61:00:01' name='one' ip='10.61.0.10'/>
                        </dhcp>
                      </ip>
                    </network>
                    """, "guests.xml"));
            TinyVm one = boot(guest, nets, "guests", MAC1, "interface net0 of guest one");
            TinyVm two = boot(guest, nets, "guests", MAC2, "interface net0 of guest two");
            assertThat(nets.ports("guests")).hasSize(2);
            one.awaitConsole(TinyGuest.READY_MARKER, BOOT);
            two.awaitConsole(TinyGuest.READY_MARKER, BOOT);
            // udhcpc tries three times at boot, then goes on in the background: on a loaded host the
            // lease may come from the later tries, so the leases and the guests' addresses are awaited
            List<DhcpLease> leases = awaitLeases(net, 2);
            String twoIp = leases.stream().filter(l -> MAC2.equals(l.mac())).findFirst().orElseThrow().ip();
            assertThat(twoIp).matches("10\\.61\\.0\\.1\\d\\d");
            assertThat(leases).extracting(DhcpLease::mac, DhcpLease::ip, DhcpLease::prefix)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(MAC1, "10.61.0.10", 24),
                            org.assertj.core.groups.Tuple.tuple(MAC2, twoIp, 24));
            awaitAddress(one, "10.61.0.10/24");
            awaitAddress(two, twoIp + "/24");

            assertThat(one.sh("ping -c 2 -W 5 " + twoIp + " >/dev/null", CMD)).as("one pings two").isZero();
            assertThat(two.sh("ping -c 2 -W 5 10.61.0.10 >/dev/null", CMD)).as("two pings one").isZero();
            assertThat(one.sh("ping -c 2 -W 5 10.61.0.1 >/dev/null", CMD)).as("one pings the bridge").isZero();
            assertThat(two.sh("ping -c 2 -W 5 10.61.0.1 >/dev/null", CMD)).as("two pings the bridge").isZero();
            assertThat(two.sh("ping -c 1 -W 2 10.61.0.250 >/dev/null", CMD)).as("nobody at .250").isNotZero();
            assertThat(two.sh("nslookup jvhost 10.61.0.1 | grep -q 10.61.0.77", CMD)).as("DNS host entry").isZero();

            IpTool ip = stopGuestsAndAwaitNoTaps();
            long dnsmasq = net.dnsmasqPid();
            nets.stop("guests");
            assertThat(ip.links()).extracting(IpTool.Link::name).containsExactly("lo");
            assertThat(TestNetns.host("nft", "list", "tables")).doesNotContain("jvirt");
            assertThat(Dnsmasq.isOurs(dnsmasq, Path.of(net.record().dnsmasqConf()))).isFalse();
        });
    }

    @Test
    void twoGuestsOnANetworkOverAHostBridgeReachEachOtherAndTheHost(TinyGuest guest) throws Exception {
        ns.run(() -> {
            TestNetns.host("ip", "link", "add", "jvtestbr1", "type", "bridge");
            TestNetns.host("ip", "addr", "add", "10.62.0.1/24", "dev", "jvtestbr1");
            TestNetns.host("ip", "link", "set", "jvtestbr1", "up");
            BridgeNet nets = new BridgeNet(runtime, HostTools.find());
            nets.start(NetworkXml.load("<network><name>lan</name><forward mode='bridge'/><bridge name='jvtestbr1'/>"
                    + "</network>", "lan.xml"));
            TinyVm one = boot(guest, nets, "lan", MAC1, "interface net0 of guest one");
            TinyVm two = boot(guest, nets, "lan", MAC2, "interface net0 of guest two");
            one.awaitConsole(TinyGuest.READY_MARKER, BOOT);
            two.awaitConsole(TinyGuest.READY_MARKER, BOOT);
            // no DHCP server on this LAN: the guests get addresses by hand
            assertThat(one.sh("killall udhcpc; ip addr add 10.62.0.11/24 dev eth0", CMD)).isZero();
            assertThat(two.sh("killall udhcpc; ip addr add 10.62.0.12/24 dev eth0", CMD)).isZero();
            assertThat(one.sh("ping -c 2 -W 5 10.62.0.12 >/dev/null", CMD)).as("one pings two").isZero();
            assertThat(two.sh("ping -c 2 -W 5 10.62.0.1 >/dev/null", CMD)).as("two pings the host").isZero();

            IpTool ip = stopGuestsAndAwaitNoTaps();
            nets.stop("lan");
            assertThat(ip.links()).extracting(IpTool.Link::name).containsExactlyInAnyOrder("lo", "jvtestbr1");
            assertThat(runtime.resolve("lan.json")).doesNotExist();
        });
    }
}
