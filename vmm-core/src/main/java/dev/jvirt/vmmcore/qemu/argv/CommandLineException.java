package dev.jvirt.vmmcore.qemu.argv;

/**
 * A definition that cannot be turned into a QEMU command line on this host: an unsupported
 * device, bus, model or combination. The message names the device and the problem, and where it
 * can, what to write instead.
 */
public class CommandLineException extends RuntimeException {

    private final String device;
    private final String problem;

    /**
     * @param device  the device or part of the definition, as a person would name it, e.g. {@code disk 'vda'}
     * @param problem what is wrong with it and, where possible, what to do
     */
    public CommandLineException(String device, String problem) {
        super(device + ": " + problem);
        this.device = device;
        this.problem = problem;
    }

    /** The device or part of the definition at fault, e.g. {@code disk 'vda'}. */
    public String device() {
        return device;
    }

    /** What is wrong with it. */
    public String problem() {
        return problem;
    }
}
