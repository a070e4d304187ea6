package dev.jvirt.vmmcore;

/** No network of that name (or UUID) is defined or active. */
public final class NoSuchNetworkException extends VmmException {
    private static final long serialVersionUID = 1L;
    private final String network;

    public NoSuchNetworkException(String network) {
        super("no network with matching name '" + network + "'"); // libvirt's words
        this.network = network;
    }

    public String network() {
        return network;
    }
}
