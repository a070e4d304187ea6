package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON for {@code -device}, {@code -blockdev}, {@code -netdev} and {@code -object}, built with Jackson. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** A new, empty object; keys keep their insertion order. */
    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Compact text of a node, as QEMU reads it on its command line. */
    static String text(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + node, e);
        }
    }
}
