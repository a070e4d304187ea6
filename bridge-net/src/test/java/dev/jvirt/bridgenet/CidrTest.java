package dev.jvirt.bridgenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {
    @Test
    void ipv4PrefixesContainAndOverlap() {
        Cidr net = Cidr.parse("192.168.122.1/24");
        assertThat(net.network()).hasToString("192.168.122.0/24");
        assertThat(net.netmask()).isEqualTo("255.255.255.0");
        assertThat(net.network().contains(Cidr.parse("192.168.122.254"))).isTrue();
        assertThat(net.network().contains(Cidr.parse("192.168.123.1"))).isFalse();
        assertThat(net.overlaps(Cidr.parse("192.168.0.0/16"))).isTrue();
        assertThat(net.overlaps(Cidr.parse("192.168.123.0/24"))).isFalse();
        assertThat(Cidr.parse("10.0.0.1/25").netmask()).isEqualTo("255.255.255.128");
        assertThat(Cidr.parse("10.0.0.0/30").size()).isEqualTo(4);
    }

    @Test
    void ipv6LiteralsParseAndPrintInShortForm() {
        assertThat(Cidr.parse("fd00:20::1/64").network()).hasToString("fd00:20::/64");
        assertThat(Cidr.parse("2001:db8:0:0:1:0:0:1").address()).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Cidr.parse("::1").address()).isEqualTo("::1");
        assertThat(Cidr.parse("fe80::/10").contains(Cidr.parse("fe80::1234/64"))).isTrue();
        assertThat(Cidr.parse("fd00::/64").overlaps(Cidr.parse("10.0.0.0/8"))).isFalse();
    }

    @Test
    void namesAndMalformedTextAreNotAddresses() {
        assertThat(Cidr.isAddress("localhost")).isFalse();
        assertThat(Cidr.isAddress("256.1.1.1")).isFalse();
        assertThat(Cidr.isAddress("1::2::3")).isFalse();
        assertThat(Cidr.isAddress("1.2.3")).isFalse();
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("out of range");
    }
}
