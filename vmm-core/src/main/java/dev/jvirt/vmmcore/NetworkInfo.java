package dev.jvirt.vmmcore;

/**
 * A virtual network as {@code net-list} and {@code net-info} show it.
 *
 * @param name       its name
 * @param uuid       its UUID
 * @param active     whether it runs (bridge, dnsmasq, nftables table in place)
 * @param persistent whether it has a stored definition ({@code STATE/network/NAME.xml})
 * @param autostart  whether the daemon starts it when it starts
 * @param bridge     the bridge its guests attach to: the live one when active, else the defined
 *                   {@code <bridge name>}, or null
 */
public record NetworkInfo(String name, String uuid, boolean active, boolean persistent, boolean autostart,
        String bridge) {
}
