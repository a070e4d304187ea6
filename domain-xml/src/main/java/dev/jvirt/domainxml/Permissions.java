package dev.jvirt.domainxml;

/**
 * {@code <permissions><mode>0711</mode><owner>0</owner><group>0</group><label>...</label></permissions>}
 * of a pool target or a volume; all parts optional.
 */
public record Permissions(String mode, String owner, String group, String label) {}
