package dev.jvirt.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reader and writer: JSON as RFC 8259 has it, and as Jackson (jvirtd's side) reads and writes it. */
class JsonTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void readsEveryKindOfValue() {
        Object v = Json.parse("{\"a\":[1,-2,3000000000,123456789012345678901,1.5,-2e3,true,false,null],"
                + "\"s\":\"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00 \u00fc\",\"o\":{},\"e\":[]}");
        assertThat(v).isEqualTo(Json.object(
                "a", Arrays.asList(1, -2, 3000000000L, new BigInteger("123456789012345678901"), 1.5, -2000.0, true, false, null),
                "s", "x\"\\/\b\f\n\r\t\u00e9\ud83d\ude00 \u00fc", "o", Map.of(), "e", List.of()));
        assertThat(Json.parse(" \n\t 7 ")).isEqualTo(7);
    }

    @Test
    void keepsTheOrderOfFields() {
        Map<?, ?> m = (Map<?, ?>) Json.parse("{\"z\":1,\"a\":2,\"m\":3}");
        assertThat(new ArrayList<Object>(m.keySet())).containsExactly("z", "a", "m");
    }

    @Test
    void refusesWhatIsNotJsonAndSaysWhere() {
        assertThatThrownBy(() -> Json.parse("")).hasMessage("malformed JSON at byte 0: no JSON value (empty text)");
        assertThatThrownBy(() -> Json.parse("{\"a\":1,}")).hasMessage("malformed JSON at byte 7: expected a field name");
        assertThatThrownBy(() -> Json.parse("[1 2]")).hasMessage("malformed JSON at byte 3: expected ',' or ']' in an array");
        assertThatThrownBy(() -> Json.parse("{} x")).hasMessage("malformed JSON at byte 3: text after the JSON value");
        assertThatThrownBy(() -> Json.parse("\"a\nb\"")).hasMessageContaining("control character");
        assertThatThrownBy(() -> Json.parse("01")).hasMessageContaining("leading zero");
        assertThatThrownBy(() -> Json.parse("tru")).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> Json.parse("\"\\x\"")).hasMessageContaining("bad escape");
        assertThatThrownBy(() -> Json.parse("[".repeat(600))).hasMessageContaining("nested deeper");
    }

    @Test
    void writesCompactJsonAsJacksonDoes() throws Exception {
        Map<String, Object> v = Json.object("s", "q\"b\\n\n\u0001\u007f\u00e9/", "n", null, "b", true,
                "i", 42, "l", 1L << 40, "d", 0.1, "big", new BigInteger("123456789012345678901"),
                "list", List.of(1, "two", Map.of()), "e", 1e21);
        assertThat(Json.toText(v)).isEqualTo(JACKSON.writeValueAsString(v));
    }

    @Test
    void agreesWithJacksonOnRandomDocuments() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            Object doc = random(random, 0);
            byte[] ours = Json.write(doc);
            byte[] theirs = JACKSON.writeValueAsBytes(doc);
            String text = new String(ours, StandardCharsets.UTF_8);
            if (text.codePointCount(0, text.length()) == text.length()) { // Jackson writes U+10000 and up as \\u escapes
                assertThat(text).isEqualTo(new String(theirs, StandardCharsets.UTF_8));
            }
            assertThat(Json.parse(theirs)).isEqualTo(JACKSON.readValue(theirs, Object.class));
            assertThat(Json.parse(ours)).isEqualTo(doc);
        }
    }

    private static Object random(Random r, int depth) {
        int kind = depth > 3 ? r.nextInt(5) : r.nextInt(7);
        switch (kind) {
            case 0: return null;
            case 1: return r.nextBoolean();
            case 2: return r.nextBoolean() ? (Object) r.nextInt() : (Object) (r.nextLong() | (1L << 40));
            case 3: return r.nextInt(1000) / 8.0;
            case 4: {
                StringBuilder sb = new StringBuilder();
                for (int n = r.nextInt(12); n > 0; n--) {
                    int c = r.nextInt(10) == 0 ? r.nextInt(0x20) : r.nextInt(5) == 0 ? 0x80 + r.nextInt(0x3000) : 0x20 + r.nextInt(0x5f);
                    sb.append((char) c);
                }
                if (r.nextInt(8) == 0) {
                    sb.append("\ud83d\ude00");
                }
                return sb.toString();
            }
            case 5: {
                List<Object> list = new ArrayList<>();
                for (int n = r.nextInt(4); n > 0; n--) {
                    list.add(random(r, depth + 1));
                }
                return list;
            }
            default: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int n = r.nextInt(4); n > 0; n--) {
                    map.put("k" + r.nextInt(100), random(r, depth + 1));
                }
                return map;
            }
        }
    }

    @Test
    void typedReadsNameTheFieldThatIsWrong() {
        JsonObject o = JsonObject.of(Json.parse("{\"n\":\"x\",\"b\":1,\"o\":[],\"i\":5}"));
        assertThat(o.number("i")).isEqualTo(5L);
        assertThat(o.number("missing", 7)).isEqualTo(7);
        assertThat(o.string("i")).isEqualTo("5");
        assertThatThrownBy(() -> o.number("n")).hasMessage("the string \"x\" for 'n' where an integer was expected");
        assertThatThrownBy(() -> o.bool("b")).hasMessage("'1' for 'b' where true or false was expected");
        assertThatThrownBy(() -> o.string("o")).hasMessage("an array for 'o' where a string was expected");
        assertThatThrownBy(() -> JsonObject.of(List.of())).hasMessage("an array where a JSON object was expected");
    }
}
