package dev.jvirt.virshcompat.format;

import dev.jvirt.api.json.Json;
import java.util.List;
import java.util.Map;

/** JSON indented as virsh's --pretty prints it: two spaces a level, {@code "key": value}. */
public final class JsonPretty {

    private JsonPretty() {
    }

    public static String format(Object value) {
        StringBuilder sb = new StringBuilder(256);
        write(sb, value, 0);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(StringBuilder sb, Object v, int depth) {
        if (v instanceof Map && !((Map<?, ?>) v).isEmpty()) {
            sb.append("{\n");
            int i = 0;
            Map<String, Object> map = (Map<String, Object>) v;
            for (Map.Entry<String, Object> e : map.entrySet()) {
                indent(sb, depth + 1);
                sb.append(Json.toText(e.getKey())).append(": ");
                write(sb, e.getValue(), depth + 1);
                sb.append(++i < map.size() ? ",\n" : "\n");
            }
            indent(sb, depth);
            sb.append('}');
        } else if (v instanceof List && !((List<?>) v).isEmpty()) {
            sb.append("[\n");
            List<Object> list = (List<Object>) v;
            for (int i = 0; i < list.size(); i++) {
                indent(sb, depth + 1);
                write(sb, list.get(i), depth + 1);
                sb.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            indent(sb, depth);
            sb.append(']');
        } else {
            sb.append(Json.toText(v));
        }
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth));
    }
}
