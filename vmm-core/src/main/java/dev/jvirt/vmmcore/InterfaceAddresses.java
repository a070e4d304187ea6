package dev.jvirt.vmmcore;

import java.util.List;

/**
 * A guest interface and its addresses, as domifaddr shows them: from the guest agent (the guest's
 * name for it) or the host's neighbour table (the host side's name).
 *
 * @param name the interface's name
 * @param mac its MAC, or null when the source has none
 * @param addrs its addresses
 */
public record InterfaceAddresses(String name, String mac, List<Address> addrs) {

    public InterfaceAddresses {
        addrs = List.copyOf(addrs);
    }

    /** One address: {@code type} {@code ipv4} or {@code ipv6}, {@code prefix} -1 when unknown. */
    public record Address(String type, String addr, long prefix) {
    }
}
