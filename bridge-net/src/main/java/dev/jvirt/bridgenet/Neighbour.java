package dev.jvirt.bridgenet;

/**
 * An entry of the host's IPv4 neighbour (ARP) table: an address, the MAC it answered from, and the
 * interface it was seen on (domifaddr --source arp).
 */
public record Neighbour(String ip, String mac, String dev) {
}
