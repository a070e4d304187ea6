package dev.jvirt.bridgenet;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.domainxml.network.Network;
import dev.jvirt.domainxml.network.NetworkXml;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionConflictsTest {
    private static Network net(String xml) {
        return NetworkXml.parse(xml, "t.xml");
    }

    private static final Network DEFAULT = net("<network><name>default</name><forward/><bridge name='jvbr0'/>"
            + "<ip address='192.168.122.1' prefix='24'/></network>");

    @Test
    void overlappingSubnetsAndSharedBridgesAreRefusedNamingTheOtherNetwork() {
        assertThatThrownBy(() -> DefinitionConflicts.check(net("<network><name>wide</name>"
                + "<ip address='192.168.0.1' prefix='16'/></network>"), List.of(DEFAULT)))
                .hasMessage("network 'wide': /network/ip: 192.168.0.1/16 overlaps 192.168.122.0/24 of network 'default' "
                        + "(on jvbr0); choose another address range");
        assertThatThrownBy(() -> DefinitionConflicts.check(net("<network><name>same</name><bridge name='jvbr0'/>"
                + "<ip address='10.9.0.1' prefix='24'/></network>"), List.of(DEFAULT)))
                .hasMessageStartingWith("network 'same': /network/bridge: bridge 'jvbr0' is already the bridge of network 'default'");
    }

    @Test
    void separateSubnetsHostBridgesAndTheNetworkItselfAreFine() {
        assertThatCode(() -> DefinitionConflicts.check(net("<network><name>other</name>"
                + "<ip address='192.168.123.1' prefix='24'/></network>"), List.of(DEFAULT))).doesNotThrowAnyException();
        assertThatCode(() -> DefinitionConflicts.check(DEFAULT, List.of(DEFAULT))).doesNotThrowAnyException();
        Network lan1 = net("<network><name>lan1</name><forward mode='bridge'/><bridge name='br0'/></network>");
        Network lan2 = net("<network><name>lan2</name><forward mode='bridge'/><bridge name='br0'/></network>");
        assertThatCode(() -> DefinitionConflicts.check(lan1, List.of(lan2))).doesNotThrowAnyException();
    }
}
