package dev.jvirt.bridgenet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads dnsmasq's lease file ({@code dhcp-leasefile}): one lease a line,
 * {@code EXPIRY MAC IP HOSTNAME CLIENT-ID} for IPv4; after a {@code duid SERVER-DUID} line,
 * {@code EXPIRY IAID IP HOSTNAME CLIENT-DUID} for IPv6. {@code *} means none; expiry 0 never.
 */
public final class LeaseFile {
    private LeaseFile() {
    }

    /** The leases in {@code file}; none when it does not exist yet. Lines it cannot read are skipped. */
    public static List<DhcpLease> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new NetworkException("cannot read the DHCP lease file " + file + ": " + e.getMessage(), e);
        }
        return parse(text);
    }

    static List<DhcpLease> parse(String text) {
        List<DhcpLease> out = new ArrayList<>();
        boolean v6 = false;
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2 && f[0].equals("duid")) {
                v6 = true;
                continue;
            }
            if (f.length < 4 || !f[0].chars().allMatch(Character::isDigit) || !Cidr.isAddress(f[2])) {
                continue;
            }
            long expiry = Long.parseLong(f[0]);
            boolean six = v6 && f[2].indexOf(':') >= 0;
            String client = f.length > 4 ? none(f[4]) : null;
            out.add(new DhcpLease(expiry == 0 ? null : Instant.ofEpochSecond(expiry),
                    six ? null : f[1].toLowerCase(Locale.ROOT), f[2], -1, none(f[3]), client, six ? f[1] : null));
        }
        return out;
    }

    private static String none(String s) {
        return "*".equals(s) ? null : s;
    }
}
