package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13's "Done when", end to end: a system-mode jvirtd in a network namespace and a mount
 * namespace of the test's own ({@link NetworkGuestsScenario}: tmpfs over /var/lib/jvirt and
 * /run/jvirt), driven with jvirsh. A NAT network; a guest on it refused with the network's name
 * and {@code jvirsh net-start} while it is inactive; two tiny guests get DHCP leases from its
 * dnsmasq (net-dhcp-leases, domifaddr) and ping each other and the bridge; net-destroy is refused
 * while they run; a NIC hot-plugged into a running guest (attach-interface --live) gets a lease;
 * jvirtd killed with SIGKILL and started again adopts the network (same dnsmasq)
 * and the guests still reach each other; destroying them leaves no TAP (the second daemon removes
 * the first one's), net-destroy leaves no bridge, nftables table or dnsmasq. A bridge network over
 * a host bridge the test made, with a type='network' and a type='bridge' NIC on it: the guests reach
 * each other and the host, and the host's bridge is left. A restarted jvirtd starts an autostart
 * network and then an autostart guest on it. Every process of the
 * namespace is killed by pid afterwards, and the namespace deleted. Needs root.
 */
@ExtendWith(TinyGuestExtension.class)
class NetworkGuestsIT {

    @Test
    void twoGuestsOnANatNetworkGetLeasesReachEachOtherAndSurviveAJvirtdKill(TinyGuest guest) throws Exception {
        assumeTrue(SystemModeNamespace.root(), "network namespaces and system mode need root");
        String ns = "jvnetit-" + ProcessHandle.current().pid();
        String prefix = "netit-" + UUID.randomUUID().toString().substring(0, 6);
        Path work = Files.createTempDirectory(guest.scratchDir(), "net-");
        String output = SystemModeNamespace.run(ns, NetworkGuestsScenario.class, work.resolve("scenario.out"), 900,
                List.of(work.resolve("jvirtd-1.log"), work.resolve("jvirtd-2.log")),
                guest.kernel().toString(), guest.initrd().toString(), work.toString(), prefix);
        System.out.println(output);
        String one = prefix + "-one";
        String two = prefix + "-two";
        assertThat(output).contains("scenario-done=1");
        assertThat(block(output, "net-define")).contains("Network nat1 defined from ");
        assertThat(block(output, "net-list-defined")).as("system mode's default network, defined on first use")
                .containsPattern(" default\\s+inactive\\s+no\\s+yes\n").containsPattern(" nat1\\s+inactive\\s+no\\s+yes\n");
        assertThat(value(output, "status-start-inactive")).isEqualTo("1");
        assertThat(block(output, "start-inactive")).contains("error: Failed to start domain '" + one + "'")
                .contains("is on network 'nat1', which is not active").contains("jvirsh net-start nat1");
        assertThat(block(output, "domxml-to-native")).as("the descriptor form a start passes")
                .contains("{\"type\":\"tap\",\"fd\":\"3\",\"id\":\"hostnet0\"}");
        assertThat(block(output, "net-start")).contains("Network nat1 started");
        assertThat(block(output, "net-autostart")).contains("Network nat1 marked as autostarted");
        assertThat(block(output, "net-info")).contains("Name:           nat1\n").contains("Active:         yes\n")
                .contains("Persistent:     yes\n").contains("Autostart:      yes\n").contains("Bridge:         jvbrnat1\n");
        assertThat(block(output, "net-dumpxml")).contains("<name>nat1</name>").contains("<bridge name='jvbrnat1'");
        assertThat(value(output, "status-start-one")).isEqualTo("0");
        assertThat(value(output, "status-start-two")).isEqualTo("0");
        assertThat(value(output, "links-running")).contains("jvbrnat1").contains("jvtap");
        assertThat(value(output, "netdev-one")).as("QEMU inherits the TAP's descriptor")
                .contains("\"type\":\"tap\"").contains("\"fd\":\"3\"").endsWith(" fd3=/dev/net/tun");
        assertThat(block(output, "domiflist-one")).contains("network   nat1").contains(NetworkGuestsScenario.MAC1)
                .containsPattern("jvtap\\d+");

        String leases = block(output, "net-dhcp-leases");
        assertThat(leases).contains(" Expiry Time").contains("Client ID or DUID")
                .containsPattern(NetworkGuestsScenario.MAC1 + "\\s+ipv4\\s+10\\.63\\.0\\.10/24")
                .containsPattern(NetworkGuestsScenario.MAC2 + "\\s+ipv4\\s+10\\.63\\.0\\.1\\d\\d/24");
        String twoIp = value(output, "two-ip");
        assertThat(block(output, "domifaddr-one")).contains(" Name       MAC address          Protocol     Address")
                .containsPattern("jvtap\\d+\\s+" + NetworkGuestsScenario.MAC1 + "    ipv4         10\\.63\\.0\\.10/24");
        assertThat(block(output, "domifaddr-two")).contains(NetworkGuestsScenario.MAC2 + "    ipv4         " + twoIp + "/24");
        assertThat(value(output, "status-net-destroy-in-use")).isEqualTo("1");
        assertThat(block(output, "net-destroy-in-use")).contains("is in use by guests");

        assertThat(block(output, "attach-interface")).contains("Interface attached successfully");
        assertThat(block(output, "domiflist-two-attached")).containsPattern("jvtap\\d+\\s+network\\s+nat1\\s+virtio\\s+"
                + NetworkGuestsScenario.MAC5);
        assertThat(value(output, "udhcpc-eth1")).as("the hot-plugged NIC gets a lease").isEqualTo("true");
        assertThat(block(output, "net-dhcp-leases-attached")).containsPattern(NetworkGuestsScenario.MAC5
                + "\\s+ipv4\\s+10\\.63\\.0\\.1\\d\\d/24");
        assertThat(value(output, "ping-one-two")).isEqualTo("true");
        assertThat(value(output, "ping-two-one")).isEqualTo("true");
        assertThat(value(output, "ping-one-bridge")).isEqualTo("true");
        assertThat(value(output, "ping-nobody")).isEqualTo("false");

        assertThat(value(output, "killed")).isEqualTo("true");
        assertThat(block(output, "list-after-restart")).contains(one).contains(two).contains("running");
        assertThat(block(output, "net-list-after-restart")).contains(" nat1   active   yes         yes");
        assertThat(value(output, "dnsmasq-after")).as("the network adopted, its dnsmasq kept")
                .isEqualTo(value(output, "dnsmasq-before"));
        assertThat(value(output, "ping-one-two-after")).isEqualTo("true");
        assertThat(value(output, "ping-two-one-after")).isEqualTo("true");
        assertThat(block(output, "net-dhcp-leases-after")).contains(NetworkGuestsScenario.MAC1)
                .doesNotContain(NetworkGuestsScenario.MAC2);

        assertThat(block(output, "net-update-add")).isEqualTo("Updated network nat1 persistent config and live state\n");
        assertThat(block(output, "net-update-clash")).contains("error: Failed to update network nat1\n")
                .contains("error: Requested operation is not valid: there is an existing dhcp host entry in network 'nat1' "
                        + "that matches \"<host mac='" + NetworkGuestsScenario.MAC2 + "' name='(null)' ip='10.63.0.21'/>\"");
        assertThat(value(output, "status-net-update-clash")).isEqualTo("1");
        assertThat(value(output, "hostsfile")).isEqualTo("52:54:00:63:00:01,10.63.0.10,one|" + NetworkGuestsScenario.MAC2
                + ",10.63.0.20,two|");
        assertThat(value(output, "renew-two")).as("dnsmasq reloaded its hosts: the guest gets the new reservation").isEqualTo("true");
        assertThat(block(output, "net-dhcp-leases-updated")).containsPattern(NetworkGuestsScenario.MAC2 + "\\s+ipv4\\s+10\\.63\\.0\\.20/24");
        assertThat(block(output, "net-update-file")).isEqualTo("Updated network nat1 persistent config\n");
        assertThat(block(output, "net-update-delete")).isEqualTo("Updated network nat1 persistent config\n");
        assertThat(block(output, "net-update-current")).as("current on an active network: its live state")
                .isEqualTo("Updated network nat1 live state\n");
        assertThat(block(output, "net-update-section")).contains("error: Failed to update network nat1")
                .contains("ip-dhcp-host section of a network only, not 'dns-host'");
        assertThat(block(output, "net-dumpxml-live-updated")).doesNotContain(NetworkGuestsScenario.MAC2);
        assertThat(block(output, "net-dumpxml-config-updated")).contains("ip='10.63.0.20'").doesNotContain(NetworkGuestsScenario.MAC5);
        assertThat(block(output, "domifaddr-arp")).as("the host's neighbour table")
                .containsPattern("jvtap\\d+\\s+" + NetworkGuestsScenario.MAC1 + "    ipv4         10\\.63\\.0\\.10/0");
        assertThat(value(output, "status-domifaddr-agent")).isEqualTo("1");
        assertThat(block(output, "domifaddr-agent")).contains("error: Failed to query for interfaces addresses")
                .contains("has no guest agent channel");
        assertThat(block(output, "net-edit")).isEqualTo("Network nat1 XML configuration edited.\n\n");
        assertThat(block(output, "net-edit-unchanged")).isEqualTo("Network nat1 XML configuration not changed.\n\n");
        assertThat(value(output, "status-net-edit-broken")).isEqualTo("1");
        assertThat(block(output, "net-edit-broken")).contains("Failed. Try again? [y,n,i,f,?]:").contains("error: Failed to edit network nat1");
        assertThat(block(output, "net-dumpxml-edited")).contains("end='10.63.0.198'").contains("<name>nat1</name>");
        assertThat(value(output, "status-detach-ambiguous")).isEqualTo("1");
        assertThat(block(output, "detach-ambiguous")).as("virsh's order, its blank line on stdout")
                .isEqualTo("\nerror: Domain has 2 interfaces. Please specify which one to "
                + "detach using --mac\nerror: Failed to detach interface\n");
        assertThat(block(output, "detach-no-type")).isEqualTo("\nerror: No interface found whose type is bridge\n"
                + "error: Failed to detach interface\n");
        assertThat(block(output, "detach-no-mac")).isEqualTo("\nerror: No interface with MAC address 52:54:00:63:00:99 was found\n"
                + "error: Failed to detach interface\n");
        assertThat(block(output, "detach-not-last")).contains("error: Failed to detach interface")
                .contains("unplugs only the last one");
        assertThat(block(output, "detach-live")).isEqualTo("Interface detached successfully\n\n");
        assertThat(block(output, "domiflist-two-detached")).contains(NetworkGuestsScenario.MAC2)
                .doesNotContain(NetworkGuestsScenario.MAC5);
        assertThat(value(output, "eth1-gone")).as("unplugged from the guest").isEqualTo("true");
        assertThat(value(output, "tap5")).startsWith("jvtap");
        assertThat(value(output, "links-after-detach")).as("its TAP went with it").doesNotContain(value(output, "tap5") + ",")
                .doesNotContain(value(output, "tap5") + "]");
        assertThat(block(output, "attach-config")).isEqualTo("Interface attached successfully\n\n");
        assertThat(block(output, "domiflist-one-live")).doesNotContain(NetworkGuestsScenario.MAC6);
        assertThat(block(output, "domiflist-one-inactive")).containsPattern("network\\s+nat1\\s+virtio\\s+"
                + NetworkGuestsScenario.MAC6);
        assertThat(block(output, "detach-config")).isEqualTo("Interface detached successfully\n\n");
        assertThat(block(output, "domiflist-one-inactive-after")).doesNotContain(NetworkGuestsScenario.MAC6)
                .contains(NetworkGuestsScenario.MAC1);
        assertThat(value(output, "links-after-destroy")).doesNotContain("jvtap").contains("jvbrnat1");
        assertThat(block(output, "net-destroy")).contains("Network nat1 destroyed");
        assertThat(value(output, "links-after-net-destroy")).isEqualTo("[lo]");
        assertThat(value(output, "nft-tables")).doesNotContain("jvirt");
        assertThat(value(output, "dnsmasq-alive")).isEqualTo("false");
        assertThat(value(output, "network-runtime")).doesNotContain("nat1.json");
        assertThat(block(output, "net-list-all-end")).containsPattern(" nat1\\s+inactive\\s+yes\\s+yes\n");
        assertThat(block(output, "net-create-lan")).contains("Network lan created from ");
        assertThat(value(output, "status-create-three")).isEqualTo("0");
        assertThat(value(output, "status-create-four")).isEqualTo("0");
        assertThat(block(output, "domiflist-four")).containsPattern("jvtap\\d+\\s+bridge\\s+jvtestbr9\\s+virtio\\s+"
                + NetworkGuestsScenario.MAC4);
        assertThat(value(output, "netdev-three")).as("two queues: a persistent TAP QEMU opens by name")
                .containsPattern("\"type\":\"tap\",\"ifname\":\"jvtap\\d+\",\"script\":\"no\",\"downscript\":\"no\",\"queues\":2");
        assertThat(value(output, "tap-records-three")).as("recorded for a later jvirtd").contains("-three");
        assertThat(value(output, "addr-three")).isEqualTo("true");
        assertThat(value(output, "addr-four")).isEqualTo("true");
        assertThat(value(output, "ping-three-four")).isEqualTo("true");
        assertThat(value(output, "ping-four-host")).isEqualTo("true");
        assertThat(value(output, "links-after-lan-guests")).doesNotContain("jvtap").contains("jvtestbr9");
        assertThat(block(output, "net-destroy-lan")).contains("Network lan destroyed");
        assertThat(value(output, "links-after-lan")).as("the host's bridge is left as it was").isEqualTo("[lo, jvtestbr9]");
        assertThat(block(output, "net-list-after-lan")).as("a transient network is forgotten").isEqualTo("default\nnat1\n\n");
        assertThat(value(output, "autostarted-guest")).as("an autostart guest on an autostart network starts").isEqualTo("true");
        assertThat(block(output, "net-list-autostarted")).contains(" nat1   active   yes         yes");
        assertThat(value(output, "links-after-autostart-guest")).doesNotContain("jvtap");
        assertThat(block(output, "net-destroy-again")).contains("Network nat1 destroyed");
        assertThat(block(output, "net-undefine")).contains("Network nat1 has been undefined");
        assertThat(block(output, "net-info-gone")).contains("error: failed to get network 'nat1'")
                .contains("error: Network not found: no network with matching name 'nat1'");
        assertThat(value(output, "definition-file")).isEqualTo("false");
    }

    private static String value(String output, String key) {
        return SystemModeNamespace.value(output, key);
    }

    private static String block(String output, String key) {
        return SystemModeNamespace.block(output, key);
    }
}
