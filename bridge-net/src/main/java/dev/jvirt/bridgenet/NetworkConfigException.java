package dev.jvirt.bridgenet;

/**
 * A network (or a NIC on one) that cannot be set up as defined: overlapping subnets, a DHCP range
 * outside its subnet, a bridge name in use, a tool the definition needs that is not installed.
 * Nothing was left on the host. The message names the network and the element.
 */
public class NetworkConfigException extends NetworkException {

    private static final long serialVersionUID = 1L;

    private final String network;
    private final String element;

    /**
     * @param network the network's name (or, for a NIC, what it is)
     * @param element the element path, such as {@code /network/bridge}
     * @param problem what is wrong and, where it helps, what to do
     */
    public NetworkConfigException(String network, String element, String problem) {
        super("network '" + network + "': " + element + ": " + problem);
        this.network = network;
        this.element = element;
    }

    private NetworkConfigException(String message, String element) {
        super(message);
        this.network = null;
        this.element = element;
    }

    /**
     * A guest NIC that cannot be set up: {@code what: <element>: problem}.
     *
     * @param what the NIC, such as {@code interface net0 of guest web1}
     * @param element its element, such as {@code target dev}
     */
    public static NetworkConfigException nic(String what, String element, String problem) {
        return new NetworkConfigException(what + ": <" + element + ">: " + problem, element);
    }

    /** The network's name, or null for a NIC's problem. */
    public String network() {
        return network;
    }

    public String element() {
        return element;
    }
}
