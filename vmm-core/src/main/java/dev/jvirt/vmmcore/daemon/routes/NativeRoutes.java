package dev.jvirt.vmmcore.daemon.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Json;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.RouteTable;
import java.util.List;

/** {@code POST /1.0/domxml-to-native}: the QEMU command line a definition would run (nothing is touched). */
final class NativeRoutes {
    private final Hypervisor hv;

    NativeRoutes(Hypervisor hv) {
        this.hv = hv;
    }

    void register(RouteTable t) {
        t.postQuery("/1.0/domxml-to-native", r -> {
            ObjectNode body = r.json();
            String format = Json.optionalText(body, "format", "qemu-argv");
            if (!format.equals("qemu-argv")) {
                throw ApiException.badRequest("format '" + format + "' is not supported; use qemu-argv");
            }
            List<String> argv = hv.commandLines().domxmlToNative(Json.requiredText(body, "xml"));
            ObjectNode o = Json.object();
            ArrayNode a = o.putArray("argv");
            argv.forEach(a::add);
            return Reply.json(o);
        });
    }
}
