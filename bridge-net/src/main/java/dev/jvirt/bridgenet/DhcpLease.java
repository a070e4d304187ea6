package dev.jvirt.bridgenet;

import java.time.Instant;

/**
 * A lease dnsmasq handed out, as its lease file has it (what {@code net-dhcp-leases} and
 * {@code domifaddr --source lease} show).
 *
 * @param expiry when it expires, or null for never (an infinite lease)
 * @param mac the client's MAC (IPv4), or null (IPv6 leases name the client by DUID and IAID)
 * @param ip the leased address
 * @param prefix the prefix length of the network's subnet it is in, or -1 when unknown
 * @param hostname the name the client sent, or null
 * @param clientId the client id (IPv4) or DUID (IPv6), or null
 * @param iaid the IPv6 identity association id, or null for IPv4
 */
public record DhcpLease(Instant expiry, String mac, String ip, int prefix, String hostname, String clientId,
        String iaid) {

    public boolean isIpv6() {
        return ip.indexOf(':') >= 0;
    }

    DhcpLease withPrefix(int p) {
        return new DhcpLease(expiry, mac, ip, p, hostname, clientId, iaid);
    }
}
