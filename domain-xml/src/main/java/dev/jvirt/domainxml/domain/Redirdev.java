package dev.jvirt.domainxml.domain;

/**
 * {@code <redirdev bus='usb' type='spicevmc|tcp'>}: a USB device redirected from the client.
 *
 * @param bus {@code usb}
 * @param type {@code spicevmc} or {@code tcp}
 * @param sourceHost tcp {@code <source host>}, or null
 * @param sourceService tcp {@code <source service>}, or null
 * @param bootOrder {@code <boot order>}, or null
 * @param address {@code <address>}, or null
 */
public record Redirdev(String bus, String type, String sourceHost, String sourceService, Integer bootOrder,
    Address address) {}
