package dev.jvirt.virshcompat;

import dev.jvirt.virshcompat.client.NetworkApi;
import picocli.CommandLine.Parameters;

/** A command about one network, given by name or UUID as its first argument. */
public abstract class NetworkCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<network>", description = "The network: its name or UUID.")
    protected String network;

    protected NetworkApi networks() {
        return client().networks();
    }
}
