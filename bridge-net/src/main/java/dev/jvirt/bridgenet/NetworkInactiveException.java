package dev.jvirt.bridgenet;

/** A NIC names a network that is not active (libvirt's most-hated error, said clearly). */
public class NetworkInactiveException extends NetworkException {

    private static final long serialVersionUID = 1L;

    private final String network;

    public NetworkInactiveException(String network, String what) {
        super(what + " is on network '" + network + "', which is not active; start it with `jvirsh net-start "
                + network + "`");
        this.network = network;
    }

    public String network() {
        return network;
    }
}
