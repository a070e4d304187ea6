package dev.jvirt.domainxml.domain;

/** {@code <panic model='isa|pvpanic|hyperv'>}. */
public record Panic(String model, Address address) {}
