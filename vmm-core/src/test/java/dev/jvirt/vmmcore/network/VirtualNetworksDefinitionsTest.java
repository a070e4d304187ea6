package dev.jvirt.vmmcore.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.vmmcore.NetworkFailedException;
import dev.jvirt.vmmcore.NetworkInfo;
import dev.jvirt.vmmcore.NoSuchNetworkException;
import dev.jvirt.vmmcore.StateDirs;
import dev.jvirt.vmmcore.VirtualNetworks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network definitions as {@link VirtualNetworks} keeps them, without starting anything on the
 * host: stored atomically in {@code STATE/network/NAME.xml} (0600), read back by a new instance,
 * UUIDs kept on redefinition and unique, clashes with other networks refused, names checked,
 * autostart markers, lookups by UUID, undefine.
 */
class VirtualNetworksDefinitionsTest {
    private static final String NAT1 = "<network><name>nat1</name><forward mode='nat'/><bridge name='jvbrt1'/>"
            + "<ip address='10.71.0.1' netmask='255.255.255.0'><dhcp><range start='10.71.0.100' end='10.71.0.200'/>"
            + "</dhcp></ip></network>";

    @TempDir
    Path dir;

    private StateDirs dirs() {
        return new StateDirs(dir.resolve("state"), dir.resolve("run"));
    }

    @Test
    void aDefinitionIsStoredAndReadBackByTheNextDaemon() throws Exception {
        VirtualNetworks nets = VirtualNetworks.open(dirs(), null);
        NetworkInfo n = nets.define(NAT1);
        assertThat(n).isEqualTo(new NetworkInfo("nat1", n.uuid(), false, true, false, "jvbrt1"));
        Path file = dir.resolve("state/network/nat1.xml");
        assertThat(Files.readString(file)).contains("<name>nat1</name>").contains("<uuid>" + n.uuid() + "</uuid>");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        nets.setAutostart("nat1", true);

        VirtualNetworks again = VirtualNetworks.open(dirs(), null);
        assertThat(again.list()).containsExactly(new NetworkInfo("nat1", n.uuid(), false, true, true, "jvbrt1"));
        assertThat(again.info(n.uuid().toUpperCase()).name()).isEqualTo("nat1");
        assertThat(again.xml("nat1", false)).contains("<bridge name='jvbrt1'");
    }

    @Test
    void aRedefinitionWithoutUuidKeepsItAndAnotherUuidIsRefused() {
        VirtualNetworks nets = VirtualNetworks.open(dirs(), null);
        String uuid = nets.define(NAT1).uuid();
        assertThat(nets.define(NAT1.replace("10.71.0.200", "10.71.0.250")).uuid()).isEqualTo(uuid);
        assertThatThrownBy(() -> nets.define(NAT1.replace("<name>nat1</name>",
                "<name>nat1</name><uuid>0d3c9a0e-1d1b-4b5e-9b8e-5b4d0f1a2c3d</uuid>")))
                .isInstanceOf(NetworkFailedException.class).hasMessage("network 'nat1' is already defined with uuid " + uuid);
        assertThatThrownBy(() -> nets.define(NAT1.replace("<name>nat1</name>", "<name>nat2</name><uuid>" + uuid + "</uuid>")
                .replace("jvbrt1", "jvbrt2").replace("10.71.", "10.72.")))
                .isInstanceOf(NetworkFailedException.class).hasMessage("network 'nat1' already has uuid " + uuid);
    }

    @Test
    void overlappingSubnetsAndASharedBridgeAreRefusedNamingTheOtherNetwork() {
        VirtualNetworks nets = VirtualNetworks.open(dirs(), null);
        nets.define(NAT1);
        assertThatThrownBy(() -> nets.define(NAT1.replace("nat1", "nat2").replace("jvbrt1", "jvbrt2")))
                .isInstanceOf(NetworkFailedException.class).hasMessageContaining("nat1")
                .satisfies(e -> assertThat(((NetworkFailedException) e).kind()).isEqualTo(NetworkFailedException.Kind.INVALID));
        assertThatThrownBy(() -> nets.define(NAT1.replace("nat1", "nat3").replace("10.71.", "10.73.")))
                .isInstanceOf(NetworkFailedException.class).hasMessageContaining("bridge 'jvbrt1'")
                .hasMessageContaining("nat1");
        assertThat(nets.list()).extracting(NetworkInfo::name).containsExactly("nat1");
    }

    @Test
    void aDhcpRangeOutsideItsSubnetAndABridgeNameOver15BytesAreRefusedAtDefine() {
        VirtualNetworks nets = VirtualNetworks.open(dirs(), null);
        assertThatThrownBy(() -> nets.define(NAT1.replace("10.71.0.200", "10.99.0.200")))
                .hasMessageContaining("/network/ip/dhcp/range").hasMessageContaining("10.99.0.200");
        assertThatThrownBy(() -> nets.define(NAT1.replace("jvbrt1", "jvbr-much-too-long")))
                .hasMessageContaining("jvbr-much-too-long");
        assertThat(nets.list()).isEmpty();
        assertThat(dir.resolve("state/network/nat1.xml")).doesNotExist();
    }

    @Test
    void namesThatAreNotSafeFileNamesAreRefused() {
        VirtualNetworks nets = VirtualNetworks.open(dirs(), null);
        assertThatThrownBy(() -> nets.define(NAT1.replace("<name>nat1</name>", "<name>semi;colon</name>")))
                .isInstanceOf(NetworkFailedException.class).hasMessageContaining("network name 'semi;colon' is not allowed");
        assertThat(dir.resolve("state/network")).doesNotExist();
    }

    @Test
    void systemModesDefaultNetworkIsDefinedOnFirstUseOnlyOnAFreeRange() throws Exception {
        VirtualNetworks nets = VirtualNetworks.open(dirs(), null);
        NetworkInfo d = nets.defineDefaultOnFirstUse(dirs()).orElseThrow();
        assertThat(d.name()).isEqualTo("default");
        assertThat(d.active()).isFalse();
        assertThat(d.autostart()).isFalse();
        assertThat(d.bridge()).matches("jvbr\\d+");
        String xml = nets.xml("default", true);
        assertThat(xml).contains("<forward mode='nat'/>").containsPattern("<ip address='192\\.168\\.\\d+\\.1'");
        String third = xml.replaceAll("(?s).*<ip address='192\\.168\\.(\\d+)\\.1'.*", "$1");
        Process routes = new ProcessBuilder("ip", "-4", "-o", "route", "show").redirectErrorStream(true).start();
        String table = new String(routes.getInputStream().readAllBytes());
        routes.waitFor();
        assertThat(table).as("a range no host route has").doesNotContain("192.168." + third + ".0/24");
        assertThat(VirtualNetworks.open(dirs(), null).defineDefaultOnFirstUse(dirs())).as("only on first use").isEmpty();
    }

    @Test
    void undefineAndUnknownNetworks() {
        VirtualNetworks nets = VirtualNetworks.open(dirs(), null);
        nets.define(NAT1);
        assertThatThrownBy(() -> nets.start("nope")).isInstanceOf(NoSuchNetworkException.class)
                .hasMessage("no network with matching name 'nope'");
        assertThatThrownBy(() -> nets.destroy("nat1", false)).isInstanceOf(NetworkFailedException.class)
                .hasMessage("network 'nat1' is not active");
        assertThatThrownBy(() -> nets.leases("nat1", null)).isInstanceOf(NetworkFailedException.class)
                .hasMessage("network 'nat1' is not active");
        nets.undefine("nat1");
        assertThat(nets.list()).isEmpty();
        assertThat(dir.resolve("state/network/nat1.xml")).doesNotExist();
        assertThatThrownBy(() -> nets.info("nat1")).isInstanceOf(NoSuchNetworkException.class);
    }
}
