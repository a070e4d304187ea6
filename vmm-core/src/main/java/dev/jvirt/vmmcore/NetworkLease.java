package dev.jvirt.vmmcore;

import java.time.Instant;

/**
 * A DHCP lease a network's dnsmasq handed out ({@code net-dhcp-leases}, {@code domifaddr --source lease}).
 *
 * @param network  the network
 * @param expiry   when it expires, or null for never
 * @param mac      the client's MAC, or null (IPv6 clients are named by DUID)
 * @param ip       the address
 * @param prefix   the subnet's prefix length, or -1
 * @param hostname the name the client sent, or null
 * @param clientId the client id (IPv4) or DUID (IPv6), or null
 * @param iaid     the IPv6 identity association id, or null
 */
public record NetworkLease(String network, Instant expiry, String mac, String ip, int prefix, String hostname,
        String clientId, String iaid) {

    /** {@code ipv4} or {@code ipv6}. */
    public String type() {
        return ip.indexOf(':') >= 0 ? "ipv6" : "ipv4";
    }
}
