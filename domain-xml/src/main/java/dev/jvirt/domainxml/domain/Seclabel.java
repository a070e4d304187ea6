package dev.jvirt.domainxml.domain;

/**
 * {@code <seclabel type model relabel>}: the security label of the guest's processes and files.
 *
 * @param type {@code dynamic}, {@code static} or {@code none}, or null
 * @param model {@code dac}, {@code selinux}, {@code apparmor} or {@code none}, or null
 * @param relabel yes/no, or null
 * @param label {@code <label>}, or null
 * @param imagelabel {@code <imagelabel>}, or null
 * @param baselabel {@code <baselabel>}, or null
 */
public record Seclabel(String type, String model, Boolean relabel, String label, String imagelabel, String baselabel) {}
