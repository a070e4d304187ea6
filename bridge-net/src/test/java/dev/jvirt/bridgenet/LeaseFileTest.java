package dev.jvirt.bridgenet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaseFileTest {
    @Test
    void readsIpv4AndIpv6LeasesAsDnsmasqWritesThem() {
        List<DhcpLease> leases = LeaseFile.parse("""
                1733290000 52:54:00:61:00:02 10.61.0.142 * 01:52:54:00:61:00:02
                0 52:54:00:61:00:01 10.61.0.10 one *
                duid 00:01:00:01:2c:aa:bb:cc:52:54:00:aa:bb:01
                1733290500 1234567 fd31::150 web 00:04:11:22
                garbage line
                """);
        assertThat(leases).containsExactly(
                new DhcpLease(Instant.ofEpochSecond(1733290000), "52:54:00:61:00:02", "10.61.0.142", -1, null,
                        "01:52:54:00:61:00:02", null),
                new DhcpLease(null, "52:54:00:61:00:01", "10.61.0.10", -1, "one", null, null),
                new DhcpLease(Instant.ofEpochSecond(1733290500), null, "fd31::150", -1, "web", "00:04:11:22", "1234567"));
        assertThat(leases.get(2).isIpv6()).isTrue();
    }

    @Test
    void aMissingFileHasNoLeases() {
        assertThat(LeaseFile.read(java.nio.file.Path.of("/nonexistent/dnsmasq.leases"))).isEmpty();
    }
}
