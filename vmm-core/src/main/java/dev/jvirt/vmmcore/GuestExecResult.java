package dev.jvirt.vmmcore;

/**
 * What a command run in the guest by its agent ({@code guest-exec}) gave.
 *
 * @param exitCode its exit status; for a command ended by a signal, 128 + the signal
 * @param stdout what it wrote on its standard output
 * @param stderr what it wrote on its standard error
 * @param truncated the agent cut the output (qemu-ga keeps 16 MiB of each)
 */
public record GuestExecResult(int exitCode, byte[] stdout, byte[] stderr, boolean truncated) {
}
