package dev.jvirt.domainxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.domainxml.network.NetworkValidator;
import dev.jvirt.domainxml.network.NetworkXml;
import dev.jvirt.domainxml.pool.PoolValidator;
import dev.jvirt.domainxml.pool.PoolXml;
import dev.jvirt.domainxml.volume.VolumeValidator;
import dev.jvirt.domainxml.volume.VolumeXml;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per check of the network, pool and volume validators. */
class OtherValidatorsTest {

    static String net(String body) {
        return "<network>\n  <name>n</name>\n" + body + "\n</network>";
    }

    static String ip(String attrs, String dhcp) {
        return net("  <ip address='10.0.0.1' " + attrs + ">" + dhcp + "</ip>");
    }

    static String pool(String type, String body) {
        return "<pool type='" + type + "'>\n  <name>p</name>\n" + body + "\n</pool>";
    }

    static String vol(String body) {
        return "<volume>\n  <name>v.img</name>\n  <capacity>1024</capacity>\n" + body + "\n</volume>";
    }

    static Arguments n(String xml, ViolationKind k, String path, String msg) {
        return Arguments.of("network", xml, k, path, msg);
    }

    static Arguments p(String xml, ViolationKind k, String path, String msg) {
        return Arguments.of("pool", xml, k, path, msg);
    }

    static Arguments v(String xml, ViolationKind k, String path, String msg) {
        return Arguments.of("volume", xml, k, path, msg);
    }

    static Stream<Arguments> cases() {
        ViolationKind IP = ViolationKind.IP;
        ViolationKind M = ViolationKind.MISSING;
        ViolationKind U = ViolationKind.UNKNOWN_VALUE;
        ViolationKind R = ViolationKind.RANGE;
        String range = "<dhcp><range start='10.0.0.10' end='10.0.0.20'/></dhcp>";
        return Stream.of(
                n("<network>\n  <forward/>\n</network>", M, "/network/name", "missing network name"),
                n("<network>\n  <name>a/b</name>\n</network>", ViolationKind.NAME, "/network/name", "must not contain '/'"),
                n(net("  <uuid>1234</uuid>"), ViolationKind.UUID, "/network/uuid", "malformed UUID"),
                n(net("  <forward mode='masquerade'/>"), U, "/network/forward", "forward mode 'masquerade'"),
                n(net("  <forward mode='nat'><nat><port start='0' end='100'/></nat></forward>"), R, "/network/forward/nat/port", "NAT port 0"),
                n(net("  <forward mode='nat'><nat><port start='2000' end='1000'/></nat></forward>"), R, "/network/forward/nat/port", "start is after end"),
                n(net("  <bridge name='a-bridge-name-too-long'/>"), ViolationKind.NAME, "/network/bridge", "at most 15 characters"),
                n(net("  <bridge name='br0' delay='9999'/>"), R, "/network/bridge", "bridge delay"),
                n(net("  <forward mode='bridge'/>"), M, "/network/bridge", "needs <bridge name="),
                n(net("  <forward mode='bridge'/>\n  <bridge name='br0'/>\n  <ip address='10.0.0.1' prefix='24'/>"), ViolationKind.INCONSISTENT, "/network/ip", "cannot have <ip>"),
                n(net("  <mac address='01:00:00:00:00:01'/>"), ViolationKind.MAC, "/network/mac", "multicast"),
                n(net("  <mtu size='20'/>"), R, "/network/mtu", "MTU 20"),
                n(net("  <ip family='ipv5' address='10.0.0.1' prefix='24'/>"), U, "/network/ip", "address family 'ipv5'"),
                n(net("  <ip prefix='24'/>"), M, "/network/ip", "missing attribute 'address'"),
                n(net("  <ip family='ipv6' address='fd00::zz' prefix='64'/>"), IP, "/network/ip", "malformed IPv6 address"),
                n(net("  <ip family='ipv6' address='fd00::1' prefix='129'/>"), R, "/network/ip", "prefix 129"),
                n(net("  <ip family='ipv6' address='fd00::1' netmask='255.0.0.0'/>"), IP, "/network/ip", "IPv6 uses prefix"),
                n(net("  <ip address='10.0.0.300' prefix='24'/>"), IP, "/network/ip", "malformed IPv4 address"),
                n(ip("netmask='255.255.255.0' prefix='24'", ""), IP, "/network/ip", "either netmask or prefix"),
                n(ip("netmask='255.0.255.0'", ""), IP, "/network/ip", "not a contiguous IPv4 netmask"),
                n(ip("prefix='33'", ""), IP, "/network/ip", "prefix 33 is out of range"),
                n(ip("", ""), M, "/network/ip", "needs netmask or prefix"),
                n(ip("prefix='24'", "<dhcp><range start='10.0.0.10'/></dhcp>"), IP, "/network/ip/dhcp/range", "needs IPv4 start and end"),
                n(ip("prefix='24'", "<dhcp><range start='10.0.1.10' end='10.0.1.20'/></dhcp>"), IP, "/network/ip/dhcp/range", "is outside 10.0.0.1/24"),
                n(ip("prefix='24'", "<dhcp><range start='10.0.0.20' end='10.0.0.10'/></dhcp>"), IP, "/network/ip/dhcp/range", "is after end"),
                n(ip("prefix='24'", "<dhcp><range start='10.0.0.1' end='10.0.0.10'/></dhcp>"), IP, "/network/ip/dhcp/range", "contains the network's own address"),
                n(ip("prefix='24'", "<dhcp><host ip='10.0.0.5'/></dhcp>"), M, "/network/ip/dhcp/host", "needs mac or name"),
                n(ip("prefix='24'", "<dhcp><host mac='zz' ip='10.0.0.5'/></dhcp>"), ViolationKind.MAC, "/network/ip/dhcp/host", "malformed MAC"),
                n(ip("prefix='24'", "<dhcp><host mac='52:54:00:00:00:01' ip='10.0.0.5'/><host mac='52:54:00:00:00:01' ip='10.0.0.6'/></dhcp>"),
                        ViolationKind.DUPLICATE_MAC, "/network/ip/dhcp/host[2]", "two DHCP reservations"),
                n(ip("prefix='24'", "<dhcp><host name='a'/></dhcp>"), IP, "/network/ip/dhcp/host", "needs a valid IPv4 ip"),
                n(ip("prefix='24'", "<dhcp><host name='a' ip='10.9.0.5'/></dhcp>"), IP, "/network/ip/dhcp/host", "is outside"),
                n(ip("prefix='24'", "<dhcp><host name='a' ip='10.0.0.5'/><host name='b' ip='10.0.0.5'/></dhcp>"), ViolationKind.DUPLICATE, "/network/ip/dhcp/host[2]", "reserved twice"),
                n(net("  <dns><forwarder addr='dns.example'/></dns>"), IP, "/network/dns/forwarder", "is not an IP address"),
                n(net("  <dns><host ip='x'><hostname>a</hostname></host></dns>"), IP, "/network/dns/host", "needs a valid ip"),
                n(net("  <dns><host ip='10.0.0.2'/></dns>"), M, "/network/dns/host", "at least one <hostname>"),
                p("<pool>\n  <name>p</name>\n  <target><path>/x</path></target>\n</pool>", M, "/pool", "missing attribute 'type'"),
                p(pool("rbd", "  <target><path>/x</path></target>"), U, "/pool", "pool type 'rbd'"),
                p(pool("dir", "  <uuid>x</uuid>\n  <target><path>/x</path></target>").replace("<name>p</name>", "<name>a/b</name>"), ViolationKind.NAME, "/pool/name", "must not contain '/'"),
                p(pool("dir", "  <uuid>x</uuid>\n  <target><path>/x</path></target>"), ViolationKind.UUID, "/pool/uuid", "malformed UUID"),
                p(pool("dir", ""), M, "/pool/target/path", "missing target path"),
                p(pool("dir", "  <target><path>images</path></target>"), R, "/pool/target/path", "must be an absolute path"),
                p(pool("fs", "  <target><path>/x</path></target>"), M, "/pool/source", "exactly one <device"),
                p(pool("fs", "  <source><device path='/dev/sdb1'/><format type='ntfs3'/></source>\n  <target><path>/x</path></target>"), U, "/pool/source/format", "filesystem format 'ntfs3'"),
                p(pool("logical", ""), M, "/pool/source", "volume group <name> or <device>"),
                p(pool("logical", "  <source><name>vg</name><format type='lvm1'/></source>"), U, "/pool/source/format", "did you mean 'lvm2'"),
                p(pool("fs", "  <source><device path='sdb1'/></source>\n  <target><path>/x</path></target>"), R, "/pool/source/device", "must be an absolute path"),
                p(pool("dir", "  <source><dir path='rel'/></source>\n  <target><path>/x</path></target>"), R, "/pool/source/dir", "must be an absolute path"),
                p(pool("dir", "  <target><path>/x</path><permissions><mode>0999</mode></permissions></target>"), R, "/pool/target/permissions", "must be octal"),
                p(pool("dir", "  <target><path>/x</path><permissions><owner>root</owner></permissions></target>"), R, "/pool/target/permissions", "numeric ids"),
                p(pool("netfs", "  <source><dir path='/e'/></source>\n  <target><path>/x</path></target>"), M, "/pool/source", "<host name="),
                p(pool("netfs", "  <source><host name='h'/><dir path='/e'/><format type='cifs'/></source>\n  <target><path>/x</path></target>"), U, "/pool/source/format", "network filesystem format 'cifs'"),
                p(pool("dir", "  <source><host name='h'/></source>\n  <target><path>/x</path></target>"), ViolationKind.INCONSISTENT, "/pool/source/host", "only a netfs pool"),
                v("<volume>\n  <capacity>1</capacity>\n</volume>", M, "/volume/name", "missing volume name"),
                v(vol("").replace("<volume>", "<volume type='network'>"), U, "/volume", "volume type 'network'"),
                v("<volume>\n  <name>v</name>\n</volume>", M, "/volume/capacity", "missing capacity"),
                v(vol("  <allocation>2048</allocation>"), R, "/volume/allocation", "larger than capacity"),
                v(vol("  <target><format type='qcow3'/></target>"), U, "/volume/target/format", "did you mean 'qcow2'"),
                v(vol("  <target><path>v.img</path></target>"), R, "/volume/target/path", "must be an absolute path"),
                v(vol("  <target><permissions><mode>rw</mode></permissions></target>"), R, "/volume/target/permissions", "must be octal"),
                v(vol("  <target><format type='qcow2'/><compat>2.0</compat></target>"), U, "/volume/target/compat", "qcow2 compat level"),
                v(vol("  <target><format type='raw'/><features><lazy_refcounts/></features></target>"), ViolationKind.INCONSISTENT, "/volume/target", "apply only to qcow2"),
                v(vol("  <target><format type='qcow2'/></target>\n  <backingStore><format type='raw'/></backingStore>"), M, "/volume/backingStore/path", "missing backing store path"),
                v(vol("  <target><format type='qcow2'/></target>\n  <backingStore><path>base</path></backingStore>"), R, "/volume/backingStore/path", "must be an absolute path"),
                v(vol("  <target><format type='qcow2'/></target>\n  <backingStore><path>/b</path><format type='qcow9'/></backingStore>"), U, "/volume/backingStore/format", "backing format"),
                v(vol("  <target><format type='raw'/></target>\n  <backingStore><path>/b</path></backingStore>"), ViolationKind.INCONSISTENT, "/volume/backingStore", "needs a qcow2 or qed volume"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reportsTheViolation(String kind, String xml, ViolationKind k, String path, String msg) {
        List<Violation> vs;
        switch (kind) {
            case "network":
                vs = NetworkValidator.validate(NetworkXml.read(xml, null));
                break;
            case "pool":
                vs = PoolValidator.validate(PoolXml.read(xml, null));
                break;
            default:
                vs = VolumeValidator.validate(VolumeXml.read(xml, null));
        }
        assertThat(vs).anySatisfy(x -> {
            assertThat(x.kind()).isEqualTo(k);
            assertThat(x.path()).isEqualTo(path);
            assertThat(x.message()).contains(msg);
            assertThat(x.line()).isPositive();
        });
    }

    @Test
    void loadFailsWithAOneLineMessage() {
        assertThatThrownBy(() -> NetworkXml.load(ip("prefix='24'", "<dhcp><range start='10.0.1.10' end='10.0.1.20'/></dhcp>"), "n.xml"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("n.xml:3:44: /network/ip/dhcp/range: DHCP range 10.0.1.10-10.0.1.20 is outside 10.0.0.1/24");
        assertThatThrownBy(() -> PoolXml.load(pool("dir", ""), "p.xml"))
                .hasMessage("p.xml:1:1: /pool/target/path: missing target path");
        assertThatThrownBy(() -> VolumeXml.load("<volume>\n  <name>v</name>\n</volume>", "v.xml"))
                .hasMessage("v.xml:1:1: /volume/capacity: missing capacity");
    }
}
