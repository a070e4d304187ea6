package dev.jvirt.vmmcore;

import dev.jvirt.testimages.TinyGuest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Domain XML of the tiny guest for tests, from {@code domains/tiny.xml} with its placeholders filled (escaped). */
final class TestDomains {

    private TestDomains() {
    }

    /** The tiny guest's kernel command line ({@code no_timer_check} is part of it now). */
    static final String CMDLINE = TinyGuest.CMDLINE;

    static String tiny(TinyGuest guest, String name) {
        return tiny(guest, name, "qemu", CMDLINE, guest.newDisk(name + "-vda"));
    }

    static String tiny(TinyGuest guest, String name, String type, String cmdline, Path disk) {
        return fill(Map.of("TYPE", type, "NAME", name, "KERNEL", guest.kernel().toString(),
                "INITRD", guest.initrd().toString(), "CMDLINE", cmdline, "DISK", disk.toString()));
    }

    private static String fill(Map<String, String> values) {
        String text;
        try (InputStream in = TestDomains.class.getResourceAsStream("/domains/tiny.xml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace("${" + v.getKey() + "}", escape(v.getValue()));
        }
        return text;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;").replace("\"", "&quot;");
    }
}
