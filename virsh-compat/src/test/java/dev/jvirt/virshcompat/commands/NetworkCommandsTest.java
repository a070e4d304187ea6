package dev.jvirt.virshcompat.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.virshcompat.FakeJvirtd;
import dev.jvirt.virshcompat.JvirshRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The net-* commands and domifaddr against a scripted jvirtd: virsh 9.0's text (each expected
 * table, info block and message was printed by virsh 9.0 with libvirt's test driver, {@code virsh
 * -c test:///default}, for the same networks), exit codes, and the requests sent.
 */
class NetworkCommandsTest {
    private static final String UUID = "dd8fe884-6c02-601e-7551-cca97df1c5df";
    private static final String NETS = "[{\"name\":\"default\",\"uuid\":\"" + UUID + "\",\"active\":true,"
            + "\"persistent\":true,\"autostart\":false,\"bridge\":\"virbr0\"},{\"name\":\"n1\",\"uuid\":\"u-n1\","
            + "\"active\":false,\"persistent\":true,\"autostart\":false,\"bridge\":null}]";
    private final FakeJvirtd fake = new FakeJvirtd();

    NetworkCommandsTest() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        fake.close();
    }

    private JvirshRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("-c", fake.uri()));
        all.addAll(List.of(args));
        return JvirshRun.withEnv(Map.of(), "", all.toArray(new String[0]));
    }

    @Test
    void netListShowsTheActiveOnesAndWithAllTheInactiveToo() {
        fake.json("GET", "/1.0/networks", NETS);
        assertThat(run("net-list").out()).isEqualTo("""
                 Name      State    Autostart   Persistent
                --------------------------------------------
                 default   active   no          yes

                """);
        assertThat(run("net-list", "--all").out()).isEqualTo("""
                 Name      State      Autostart   Persistent
                ----------------------------------------------
                 default   active     no          yes
                 n1        inactive   no          yes

                """);
        assertThat(run("net-list", "--all", "--name").out()).isEqualTo("default\nn1\n\n");
        assertThat(run("net-list", "--uuid").out()).isEqualTo(UUID + "\n\n");
        JvirshRun both = run("net-list", "--name", "--uuid");
        assertThat(both.status()).isEqualTo(1);
        assertThat(both.err()).isEqualTo("error: Only one argument from --table, --name and --uuid may be specified.\n");
    }

    @Test
    void netInfoUuidAndName() {
        String info = "{\"name\":\"default\",\"uuid\":\"" + UUID + "\",\"active\":true,\"persistent\":true,"
                + "\"autostart\":false,\"bridge\":\"virbr0\"}";
        fake.json("GET", "/1.0/networks/default", info);
        fake.json("GET", "/1.0/networks/" + UUID, info);
        assertThat(run("net-info", "default").out()).isEqualTo("""
                Name:           default
                UUID:           dd8fe884-6c02-601e-7551-cca97df1c5df
                Active:         yes
                Persistent:     yes
                Autostart:      no
                Bridge:         virbr0

                """);
        assertThat(run("net-uuid", "default").out()).isEqualTo(UUID + "\n\n");
        assertThat(run("net-name", UUID).out()).isEqualTo("default\n\n");
    }

    @Test
    void anUnknownNetworkIsVirshsTwoLines() {
        fake.json("GET", "/1.0/networks/nope", 404, "{\"error\":{\"code\":\"no-such-network\",\"message\":"
                + "\"no network with matching name 'nope'\",\"network\":\"nope\"}}");
        JvirshRun r = run("net-info", "nope");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: failed to get network 'nope'\n"
                + "error: Network not found: no network with matching name 'nope'\n");
    }

    @Test
    void lifecycleMessages(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("n1.xml");
        Files.writeString(file, "<network><name>n1</name></network>");
        String n1 = "{\"name\":\"n1\",\"uuid\":\"u\",\"active\":false,\"persistent\":true,\"autostart\":false,\"bridge\":null}";
        fake.json("POST", "/1.0/networks", 201, n1);
        fake.json("POST", "/1.0/networks/create", 201, n1);
        fake.json("POST", "/1.0/networks/n1/start", n1);
        fake.json("POST", "/1.0/networks/n1/destroy", n1);
        fake.json("DELETE", "/1.0/networks/n1", "{}");
        fake.json("PUT", "/1.0/networks/n1/autostart", "{\"autostart\":true}");
        assertThat(run("net-define", file.toString()).out()).isEqualTo("Network n1 defined from " + file + "\n\n");
        assertThat(run("net-create", file.toString()).out()).isEqualTo("Network n1 created from " + file + "\n\n");
        assertThat(run("net-start", "n1").out()).isEqualTo("Network n1 started\n\n");
        assertThat(run("net-destroy", "n1").out()).isEqualTo("Network n1 destroyed\n\n");
        assertThat(run("net-autostart", "n1").out()).isEqualTo("Network n1 marked as autostarted\n\n");
        assertThat(run("net-autostart", "n1", "--disable").out()).isEqualTo("Network n1 unmarked as autostarted\n\n");
        assertThat(run("net-undefine", "n1").out()).isEqualTo("Network n1 has been undefined\n\n");
        assertThat(fake.requests()).extracting(FakeJvirtd.Request::body).contains("{\"force\":false}",
                "{\"autostart\":false}");
    }

    @Test
    void netStartOfAnActiveNetworkSaysSo() {
        fake.json("POST", "/1.0/networks/n1/start", 409, "{\"error\":{\"code\":\"invalid-state\",\"message\":"
                + "\"network 'n1' is already active\"}}");
        JvirshRun r = run("net-start", "n1");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: Failed to start network n1\n"
                + "error: Requested operation is not valid: network 'n1' is already active\n");
    }

    @Test
    void dhcpLeasesSortedByMacWithPrefixes() {
        fake.json("GET", "/1.0/networks/nat1/leases", "[{\"network\":\"nat1\",\"expiry_time\":null,"
                + "\"mac\":\"52:54:00:63:00:02\",\"type\":\"ipv4\",\"ipaddr\":\"10.63.0.131\",\"prefix\":24,"
                + "\"hostname\":null,\"client_id\":\"01:52:54:00:63:00:02\",\"iaid\":null},{\"network\":\"nat1\","
                + "\"expiry_time\":null,\"mac\":\"52:54:00:63:00:01\",\"type\":\"ipv4\",\"ipaddr\":\"10.63.0.10\","
                + "\"prefix\":24,\"hostname\":\"one\",\"client_id\":null,\"iaid\":null}]");
        assertThat(run("net-dhcp-leases", "nat1").out()).isEqualTo("""
                 Expiry Time   MAC address         Protocol   IP address       Hostname   Client ID or DUID
                ------------------------------------------------------------------------------------------------
                 -             52:54:00:63:00:01   ipv4       10.63.0.10/24    one        -
                 -             52:54:00:63:00:02   ipv4       10.63.0.131/24   -          01:52:54:00:63:00:02

                """);
    }

    @Test
    void domifaddrInVirshsLayout() {
        fake.json("GET", "/1.0/domains/test/interface-addresses?source=lease", "[{\"name\":\"testnet0\","
                + "\"mac\":\"aa:bb:cc:dd:ee:ff\",\"addrs\":[{\"type\":\"ipv4\",\"addr\":\"192.168.122.3\",\"prefix\":24}]}]");
        assertThat(run("domifaddr", "test").out()).isEqualTo("""
                 Name       MAC address          Protocol     Address
                -------------------------------------------------------------------------------
                 testnet0   aa:bb:cc:dd:ee:ff    ipv4         192.168.122.3/24

                """);
    }
}
