package dev.jvirt.api.json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link Json#parse}: a recursive-descent reader over UTF-8 bytes, whose errors say what and at which byte. */
final class JsonReader {
    private static final int MAX_DEPTH = 512;
    private final byte[] b;
    private int pos;
    private int depth;

    JsonReader(byte[] b) {
        this.b = b;
    }

    /** The one value of the text, and nothing after it. */
    Object document() {
        Object v = value();
        skipSpace();
        if (pos < b.length) {
            throw error("text after the JSON value");
        }
        return v;
    }

    private Object value() {
        skipSpace();
        if (pos >= b.length) {
            throw error(pos == 0 ? "no JSON value (empty text)" : "the text ends where a value was expected");
        }
        byte c = b[pos];
        switch (c) {
            case '{': return object();
            case '[': return array();
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character " + describe(c));
        }
    }

    private Map<String, Object> object() {
        enter();
        pos++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a field name");
            }
            String key = string();
            skipSpace();
            expect(':');
            map.put(key, value());
            skipSpace();
            int c = next();
            if (c == '}') {
                depth--;
                return map;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' in an object");
            }
        }
    }

    private List<Object> array() {
        enter();
        pos++; // [
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            list.add(value());
            skipSpace();
            int c = next();
            if (c == ']') {
                depth--;
                return list;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' in an array");
            }
        }
    }

    private String string() {
        pos++; // opening quote
        int start = pos;
        while (pos < b.length) { // the common case: no escapes
            byte c = b[pos];
            if (c == '"') {
                return new String(b, start, pos++ - start, StandardCharsets.UTF_8);
            }
            if (c == '\\') {
                break;
            }
            if (c >= 0 && c < 0x20) {
                throw error("a control character inside a string");
            }
            pos++;
        }
        StringBuilder sb = new StringBuilder(pos - start + 16);
        sb.append(new String(b, start, pos - start, StandardCharsets.UTF_8));
        int run = pos;
        while (true) {
            if (pos >= b.length) {
                throw error("the text ends inside a string");
            }
            byte c = b[pos];
            if (c == '"' || c == '\\') {
                sb.append(new String(b, run, pos - run, StandardCharsets.UTF_8));
                pos++;
                if (c == '"') {
                    return sb.toString();
                }
                escape(sb);
                run = pos;
            } else if (c >= 0 && c < 0x20) {
                throw error("a control character inside a string");
            } else {
                pos++;
            }
        }
    }

    private void escape(StringBuilder sb) {
        int c = next();
        switch (c) {
            case '"': sb.append('"'); break;
            case '\\': sb.append('\\'); break;
            case '/': sb.append('/'); break;
            case 'b': sb.append('\b'); break;
            case 'f': sb.append('\f'); break;
            case 'n': sb.append('\n'); break;
            case 'r': sb.append('\r'); break;
            case 't': sb.append('\t'); break;
            case 'u': {
                if (pos + 4 > b.length) {
                    throw error("the text ends inside a \\u escape");
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int d = Character.digit(b[pos++], 16);
                    if (d < 0) {
                        pos--;
                        throw error("a bad hex digit in a \\u escape");
                    }
                    code = code * 16 + d;
                }
                sb.append((char) code);
                break;
            }
            default:
                pos--;
                throw error("a bad escape \\" + (c < 0 ? "" : describe((byte) c)));
        }
    }

    private Object number() {
        int start = pos;
        boolean integer = true;
        if (peek() == '-') {
            pos++;
        }
        int digits = pos;
        while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        if (pos == digits) {
            throw error("a '-' without digits");
        }
        if (b[digits] == '0' && pos - digits > 1) {
            pos = digits;
            throw error("a number with a leading zero");
        }
        if (pos < b.length && b[pos] == '.') {
            integer = false;
            pos++;
            int frac = pos;
            while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
                pos++;
            }
            if (pos == frac) {
                throw error("a '.' without digits after it");
            }
        }
        if (pos < b.length && (b[pos] == 'e' || b[pos] == 'E')) {
            integer = false;
            pos++;
            if (pos < b.length && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            int exp = pos;
            while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
                pos++;
            }
            if (pos == exp) {
                throw error("an exponent without digits");
            }
        }
        String text = new String(b, start, pos - start, StandardCharsets.ISO_8859_1);
        if (!integer) {
            return Double.parseDouble(text);
        }
        if (pos - start <= 18) { // fits a long
            long v = Long.parseLong(text);
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                return (int) v;
            }
            return v;
        }
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private Object literal(String word, Object value) {
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= b.length || b[pos + i] != word.charAt(i)) {
                throw error("unexpected character " + describe(b[pos]));
            }
        }
        pos += word.length();
        return value;
    }

    private void skipSpace() {
        while (pos < b.length) {
            byte c = b[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private int peek() {
        return pos < b.length ? b[pos] : -1;
    }

    private int next() {
        if (pos >= b.length) {
            throw error("the text ends too early");
        }
        return b[pos++];
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private static String describe(byte c) {
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : "0x" + Integer.toHexString(c & 0xff);
    }

    private JsonException error(String what) {
        return new JsonException("malformed JSON at byte " + pos + ": " + what);
    }
}
