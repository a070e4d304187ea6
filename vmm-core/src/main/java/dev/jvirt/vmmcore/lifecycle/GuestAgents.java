package dev.jvirt.vmmcore.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.vmmcore.GuestAgentException;
import dev.jvirt.vmmcore.GuestExecResult;
import dev.jvirt.vmmcore.InterfaceAddresses;
import dev.jvirt.vmmcore.qemu.GuestAgentClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The QEMU guest agent of a running guest, as the facade uses it: commands run in the guest
 * ({@code guest-exec}, polled with {@code guest-exec-status} until they exit) and the agent's
 * shutdown. One session at a time per guest (QEMU's chardev takes one client), each opened
 * with a sync so a half-read reply of an earlier one is never taken for this one's.
 */
public final class GuestAgents {
    /** How long the agent has to answer the sync: a guest still booting does not, a busy TCG guest takes seconds. */
    static final Duration SYNC = Duration.ofSeconds(20);
    private static final Duration CALL = Duration.ofSeconds(60);
    private static final long POLL_MS = 100;

    private GuestAgents() {
    }

    /** Runs {@code argv} in the guest; {@code stdin} (or null) is its standard input. */
    public static GuestExecResult exec(RunningGuest g, String domain, List<String> argv, byte[] stdin, Duration timeout) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no command to run");
        }
        synchronized (g) {
            try (GuestAgentClient agent = open(g, domain)) {
                ObjectNode args = JsonNodeFactory.instance.objectNode().put("path", argv.get(0));
                ArrayNode a = args.putArray("arg");
                argv.subList(1, argv.size()).forEach(a::add);
                args.put("capture-output", true);
                if (stdin != null) {
                    args.put("input-data", Base64.getEncoder().encodeToString(stdin));
                }
                long pid = agent.execute("guest-exec", args, CALL).path("pid").asLong();
                ObjectNode status = JsonNodeFactory.instance.objectNode().put("pid", pid);
                long deadline = System.nanoTime() + timeout.toNanos();
                while (true) {
                    JsonNode s = agent.execute("guest-exec-status", status, CALL);
                    if (s.path("exited").asBoolean()) {
                        int code = s.has("signal") ? 128 + s.path("signal").asInt() : s.path("exitcode").asInt();
                        return new GuestExecResult(code, decode(s.get("out-data")), decode(s.get("err-data")),
                                s.path("out-truncated").asBoolean() || s.path("err-truncated").asBoolean());
                    }
                    if (System.nanoTime() > deadline) {
                        throw new GuestAgentException(GuestAgentException.Kind.TIMEOUT, "the command '" + argv.get(0) + "' (pid " + pid
                                + " in the guest) did not exit within " + timeout.toSeconds() + " s; it goes on running there", null);
                    }
                    Thread.sleep(POLL_MS);
                }
            } catch (GuestAgentClient.AgentError e) {
                throw new GuestAgentException(GuestAgentException.Kind.REFUSED, "the guest agent of domain '" + domain
                        + "' could not run '" + argv.get(0) + "': " + e.getMessage(), e);
            } catch (IOException e) {
                throw unavailable(domain, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GuestAgentException(GuestAgentException.Kind.UNAVAILABLE, "interrupted", e);
            }
        }
    }

    /**
     * The guest's interfaces and their addresses as its agent reports them
     * ({@code guest-network-get-interfaces}: the guest's own names, loopback included).
     */
    public static List<InterfaceAddresses> interfaces(RunningGuest g, String domain) {
        synchronized (g) {
            try (GuestAgentClient agent = open(g, domain)) {
                List<InterfaceAddresses> out = new java.util.ArrayList<>();
                for (JsonNode i : agent.execute("guest-network-get-interfaces", null, CALL)) {
                    List<InterfaceAddresses.Address> addrs = new java.util.ArrayList<>();
                    for (JsonNode a : i.path("ip-addresses")) {
                        addrs.add(new InterfaceAddresses.Address(a.path("ip-address-type").asText(), a.path("ip-address").asText(),
                                a.path("prefix").asLong(-1)));
                    }
                    out.add(new InterfaceAddresses(i.path("name").asText(), i.hasNonNull("hardware-address")
                            ? i.path("hardware-address").asText() : null, addrs));
                }
                return out;
            } catch (GuestAgentClient.AgentError e) {
                throw new GuestAgentException(GuestAgentException.Kind.REFUSED, "the guest agent of domain '" + domain
                        + "' cannot list the guest's interfaces: " + e.getMessage(), e);
            } catch (IOException e) {
                throw unavailable(domain, e);
            }
        }
    }

    /** Asks the agent to power the guest off (it does not answer when it does). */
    public static void shutdown(RunningGuest g, String domain) {
        synchronized (g) {
            try (GuestAgentClient agent = open(g, domain)) {
                agent.send("guest-shutdown", JsonNodeFactory.instance.objectNode().put("mode", "powerdown"));
            } catch (IOException e) {
                throw unavailable(domain, e);
            }
        }
    }

    private static GuestAgentClient open(RunningGuest g, String domain) throws IOException {
        if (g.live().devices().guestAgentChannel() == null) {
            throw new GuestAgentException(GuestAgentException.Kind.UNAVAILABLE, "domain '" + domain
                    + "' has no guest agent channel (<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/>"
                    + "</channel>, or the nested-lxd option)", null);
        }
        var source = g.live().devices().guestAgentChannel().source();
        // a channel that names its socket has it there (CharBackends), else in the runtime dir
        java.nio.file.Path socket = source != null && source.path() != null ? java.nio.file.Path.of(source.path())
                : g.paths().guestAgentSocket();
        return GuestAgentClient.open(socket, SYNC);
    }

    private static GuestAgentException unavailable(String domain, IOException e) {
        String why = e instanceof GuestAgentClient.Timeout
                ? "the guest agent of domain '" + domain + "' does not answer (the guest may still be booting, or runs no qemu-guest-agent)"
                : "cannot reach the guest agent of domain '" + domain + "': " + e.getMessage();
        return new GuestAgentException(GuestAgentException.Kind.UNAVAILABLE, why, e);
    }

    private static byte[] decode(JsonNode b64) {
        return b64 == null || b64.isNull() ? new byte[0] : Base64.getDecoder().decode(b64.asText());
    }
}
