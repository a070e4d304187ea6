package dev.jvirt.domainxml.domain;

/**
 * {@code <tpm model>}: a TPM, emulated by swtpm or passed through from the host.
 *
 * @param model {@code tpm-tis}, {@code tpm-crb} or {@code tpm-spapr}, or null (tpm-tis)
 * @param backendType {@code emulator} or {@code passthrough}
 * @param backendVersion emulator {@code version} ({@code 1.2} or {@code 2.0}), or null
 * @param persistentState emulator {@code persistent_state} yes/no, or null
 * @param devicePath passthrough {@code <device path>}, or null
 * @param address {@code <address>}, or null
 */
public record Tpm(String model, String backendType, String backendVersion, Boolean persistentState, String devicePath,
    Address address) {}
