package dev.jvirt.vmmcore.daemon.http;

import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 for request bodies: the first byte that is not valid UTF-8 is reported with its
 * offset and its line and column, so a person can find it in the file they sent.
 */
final class Utf8 {

    private Utf8() {
    }

    /** {@code bytes} as text, or 400 {@code code} naming where {@code what} stops being UTF-8. */
    static String decode(byte[] bytes, String what, String code) {
        check(bytes, what, code);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void check(byte[] bytes, String what, String code) {
        int bad = firstInvalid(bytes);
        if (bad < 0) {
            return;
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < bad; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = 1;
        for (int i = lineStart; i < bad; i++) {
            if ((bytes[i] & 0xc0) != 0x80) { // count characters, not continuation bytes
                column++;
            }
        }
        throw new ApiException(io.netty.handler.codec.http.HttpResponseStatus.BAD_REQUEST, code,
                what + " is not valid UTF-8: byte 0x" + String.format("%02x", bytes[bad] & 0xff) + " at byte offset "
                        + bad + " (line " + line + ", column " + column + ")",
                "save it as UTF-8 (iconv -f LATIN1 -t UTF-8, or your editor's encoding setting)", null);
    }

    /** The offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
    static int firstInvalid(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len;
            if (c >= 0xc2 && c <= 0xdf) {
                len = 2;
            } else if (c >= 0xe0 && c <= 0xef) {
                len = 3;
            } else if (c >= 0xf0 && c <= 0xf4) {
                len = 4;
            } else {
                return i;
            }
            if (i + len > b.length) {
                return i;
            }
            for (int k = 1; k < len; k++) {
                if ((b[i + k] & 0xc0) != 0x80) {
                    return i;
                }
            }
            int c1 = b[i + 1] & 0xff;
            if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 > 0x9f) || (c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 > 0x8f)) {
                return i; // overlong, a surrogate, or past U+10FFFF
            }
            i += len;
        }
        return -1;
    }
}
