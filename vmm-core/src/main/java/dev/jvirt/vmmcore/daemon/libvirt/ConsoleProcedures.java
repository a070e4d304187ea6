package dev.jvirt.vmmcore.daemon.libvirt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.console.ConsoleUnavailableException;
import dev.jvirt.console.hub.AttachRequest;
import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.libvirtwire.XdrReader;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.QemuMonitorException;
import java.util.concurrent.atomic.AtomicLong;

/** {@code virDomainOpenConsole} (a stream: {@link ConsoleStream}) and the QEMU program's monitor passthrough. */
final class ConsoleProcedures {
    private static final int CONSOLE_FORCE = 1;
    private static final int MONITOR_HMP = 1;
    /** Made on first use (a holder class): a jvirtd start should not load jackson-databind. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private final AtomicLong monitorIds = new AtomicLong();
    private final Hypervisor hv;
    private final DomainProcedures domains;

    ConsoleProcedures(Hypervisor hv, DomainProcedures domains) {
        this.hv = hv;
        this.domains = domains;
    }

    void register(ProcedureTable t) {
        t.on("REMOTE_PROC_DOMAIN_OPEN_CONSOLE", c -> {
            String name = domains.domainName(c);
            XdrReader a = c.args();
            String device = a.readOptionalString();
            long flags = a.readUnsigned();
            c.argsDone();
            if (device != null && !device.equals("serial0") && !device.equals("console0")) {
                throw LibvirtErrors.invalidArg("jvirt connects the first serial console only (serial0), not '" + device + "'");
            }
            ConsoleHub hub = hv.console(name).orElseThrow(() -> new ConsoleUnavailableException(
                    "domain '" + name + "' has no serial console"));
            AttachRequest req = AttachRequest.writer().withForce((flags & CONSOLE_FORCE) != 0);
            ConsoleStream s = ConsoleStream.open(c.connection(), c.header(), hub, req);
            c.afterReply(s::replied);
        });
        t.on("QEMU_PROC_DOMAIN_MONITOR_COMMAND", c -> {
            String name = domains.domainName(c);
            String cmd = c.args().readString();
            long flags = c.args().readUnsigned();
            c.argsDone();
            c.ret().writeString((flags & MONITOR_HMP) != 0 ? hv.monitoring().qemuMonitorHmp(name, cmd) : monitorReply(name, cmd));
        });
    }

    /**
     * QEMU's whole reply, as libvirt passes it through: {@code {"return":…,"id":"libvirt-N"}}, or
     * with QEMU's {@code error} object (not an RPC error: virsh prints it and fails, as with libvirtd).
     */
    private String monitorReply(String name, String cmd) {
        ObjectNode reply = JsonNodeFactory.instance.objectNode();
        String id = "libvirt-" + monitorIds.incrementAndGet();
        try {
            reply.set("return", Json.MAPPER.readTree(hv.monitoring().qemuMonitorCommand(name, cmd)));
            reply.put("id", id);
        } catch (QemuMonitorException e) {
            reply.put("id", id); // QEMU's own order: id first in an error
            reply.putObject("error").put("class", e.errorClass()).put("desc", e.description());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("QEMU's reply is not JSON: " + e.getOriginalMessage(), e);
        }
        return reply.toString();
    }
}
