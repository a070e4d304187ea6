package dev.jvirt.domainxml.domain;

/** {@code <audio id='1' type='none|spice|pulseaudio|...'/>} (libvirt adds one with graphics). */
public record Audio(Integer id, String type) {}
