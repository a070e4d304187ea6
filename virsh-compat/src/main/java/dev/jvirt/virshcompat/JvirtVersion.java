package dev.jvirt.virshcompat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** jvirt's version, as the build stamped it into {@code version.properties}. */
public final class JvirtVersion implements IVersionProvider {

    public static String version() {
        Properties props = new Properties();
        try (InputStream in = JvirtVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {version()};
    }
}
