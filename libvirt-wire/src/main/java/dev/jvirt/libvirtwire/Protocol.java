package dev.jvirt.libvirtwire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The protocol's numbers, read once from {@code jvirt_protocol.x} (this package's XDR subset):
 * its {@code const}s and {@code enum}s. Programs, limits and message types are constants here;
 * procedures are looked up by their XDR name ({@link #procedure}), so the .x file is the one
 * place a number is written.
 */
public final class Protocol {
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern CONST = Pattern.compile("const\\s+(\\w+)\\s*=\\s*(0x[0-9a-fA-F]+|-?\\d+)\\s*;");
    private static final Pattern ENUM = Pattern.compile("enum\\s+(\\w+)\\s*\\{([^}]*)}\\s*;");
    private static final Pattern MEMBER = Pattern.compile("(\\w+)\\s*=\\s*(0x[0-9a-fA-F]+|-?\\d+)");
    private static final Map<String, Long> CONSTANTS;
    private static final Map<String, Map<String, Integer>> ENUMS;

    static {
        String text;
        try (InputStream in = Protocol.class.getResourceAsStream("jvirt_protocol.x")) {
            if (in == null) {
                throw new IllegalStateException("jvirt_protocol.x is missing from the classpath");
            }
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Parsed p = parse(text);
        CONSTANTS = p.constants;
        ENUMS = p.enums;
    }

    public static final int MESSAGE_MAX = (int) constant("VIR_NET_MESSAGE_MAX");
    public static final int HEADER_SIZE = (int) constant("VIR_NET_MESSAGE_HEADER_MAX");
    public static final int LENGTH_SIZE = (int) constant("VIR_NET_MESSAGE_LEN_MAX");
    public static final int STRING_MAX = (int) constant("VIR_NET_MESSAGE_STRING_MAX");
    public static final int UUID_LEN = (int) constant("VIR_UUID_BUFLEN");
    public static final int DOMAIN_LIST_MAX = (int) constant("REMOTE_DOMAIN_LIST_MAX");

    public static final int REMOTE_PROGRAM = (int) constant("REMOTE_PROGRAM");
    public static final int REMOTE_VERSION = (int) constant("REMOTE_PROTOCOL_VERSION");
    public static final int QEMU_PROGRAM = (int) constant("QEMU_PROGRAM");
    public static final int QEMU_VERSION = (int) constant("QEMU_PROTOCOL_VERSION");
    public static final int KEEPALIVE_PROGRAM = (int) constant("KEEPALIVE_PROGRAM");
    public static final int KEEPALIVE_VERSION = (int) constant("KEEPALIVE_PROTOCOL_VERSION");

    public static final int CALL = enumValue("virNetMessageType", "VIR_NET_CALL");
    public static final int REPLY = enumValue("virNetMessageType", "VIR_NET_REPLY");
    public static final int MESSAGE = enumValue("virNetMessageType", "VIR_NET_MESSAGE");
    public static final int STREAM = enumValue("virNetMessageType", "VIR_NET_STREAM");
    public static final int CALL_WITH_FDS = enumValue("virNetMessageType", "VIR_NET_CALL_WITH_FDS");

    public static final int OK = enumValue("virNetMessageStatus", "VIR_NET_OK");
    public static final int ERROR = enumValue("virNetMessageStatus", "VIR_NET_ERROR");
    public static final int CONTINUE = enumValue("virNetMessageStatus", "VIR_NET_CONTINUE");

    public static final int KEEPALIVE_PING = enumValue("keepalive_procedure", "KEEPALIVE_PROC_PING");
    public static final int KEEPALIVE_PONG = enumValue("keepalive_procedure", "KEEPALIVE_PROC_PONG");

    private Protocol() {
    }

    public static long constant(String name) {
        Long v = CONSTANTS.get(name);
        if (v == null) {
            throw new IllegalArgumentException("jvirt_protocol.x has no const " + name);
        }
        return v;
    }

    public static int enumValue(String enumName, String member) {
        Integer v = ENUMS.getOrDefault(enumName, Map.of()).get(member);
        if (v == null) {
            throw new IllegalArgumentException("jvirt_protocol.x has no " + member + " in enum " + enumName);
        }
        return v;
    }

    /** A remote procedure's number by its XDR name, e.g. {@code REMOTE_PROC_CONNECT_OPEN}. */
    public static int procedure(String name) {
        return enumValue(name.startsWith("QEMU_") ? "qemu_procedure" : "remote_procedure", name);
    }

    /** The XDR name of procedure {@code number} of {@code program}, if the subset has it. */
    public static Optional<String> procedureName(int program, int number) {
        String e = program == REMOTE_PROGRAM ? "remote_procedure" : program == QEMU_PROGRAM ? "qemu_procedure"
                : program == KEEPALIVE_PROGRAM ? "keepalive_procedure" : null;
        if (e == null) {
            return Optional.empty();
        }
        return ENUMS.get(e).entrySet().stream().filter(x -> x.getValue() == number).map(Map.Entry::getKey).findFirst();
    }

    /** The members of one enum of the .x file, in file order. */
    public static Map<String, Integer> enumMembers(String enumName) {
        return Collections.unmodifiableMap(ENUMS.getOrDefault(enumName, Map.of()));
    }

    record Parsed(Map<String, Long> constants, Map<String, Map<String, Integer>> enums) {
    }

    /** Parses the consts and enums of an XDR text (the only declarations this subset needs). */
    static Parsed parse(String text) {
        String s = COMMENT.matcher(text).replaceAll(" ");
        Map<String, Long> constants = new LinkedHashMap<>();
        Matcher c = CONST.matcher(s);
        while (c.find()) {
            constants.put(c.group(1), number(c.group(2)));
        }
        Map<String, Map<String, Integer>> enums = new LinkedHashMap<>();
        Matcher e = ENUM.matcher(s);
        while (e.find()) {
            Map<String, Integer> members = new LinkedHashMap<>();
            for (String part : e.group(2).split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                Matcher m = MEMBER.matcher(part.trim());
                if (!m.matches()) {
                    throw new IllegalStateException("jvirt_protocol.x: enum " + e.group(1) + ": cannot read '" + part.trim() + "'");
                }
                if (members.containsValue((int) number(m.group(2)))) {
                    throw new IllegalStateException("jvirt_protocol.x: enum " + e.group(1) + ": " + m.group(1) + " repeats a number");
                }
                members.put(m.group(1), (int) number(m.group(2)));
            }
            enums.put(e.group(1), members);
        }
        return new Parsed(constants, enums);
    }

    private static long number(String s) {
        return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
    }
}
