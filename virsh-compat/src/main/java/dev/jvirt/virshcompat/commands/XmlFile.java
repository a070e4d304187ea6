package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.client.JvirshException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A domain definition read from a file as UTF-8 (what jvirtd's API carries). A file that is not
 * UTF-8 is refused here, before anything is sent, naming the file, the byte offset and the line
 * of the first bad byte (a JSON request could not carry it to jvirtd anyway).
 */
final class XmlFile {

    private XmlFile() {
    }

    static String read(String file) throws IOException {
        return read(Path.of(file), file);
    }

    static String read(Path path, String shown) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new JvirshException(shown + " is not UTF-8 text: byte 0x" + Integer.toHexString(bytes[offset] & 0xff)
                    + " at byte offset " + offset + " (line " + line + ") does not start a UTF-8 character");
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }
}
