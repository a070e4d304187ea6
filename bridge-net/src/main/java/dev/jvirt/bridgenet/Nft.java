package dev.jvirt.bridgenet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** nftables through {@code nft -j -f FILE} with a generated JSON file. */
final class Nft {
    static final String RULES = "nftables.json";
    /** Made on first use (a holder class): a jvirtd start should not load jackson-databind. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private final Path nft;

    Nft(Path nft) {
        this.nft = nft;
    }

    /** Puts the network's table in place (one transaction); returns its name. */
    String create(NetworkPlan plan, Path dir) {
        Path file = dir.resolve(RULES);
        try {
            Files.writeString(file, NftRuleset.create(plan), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NetworkException("network '" + plan.name() + "': cannot write " + file + ": " + e.getMessage(), e);
        }
        try {
            Commands.run(nft, List.of("-j", "-f", file.toString()));
        } catch (HostCommandException e) {
            throw new HostCommandException("network '" + plan.name() + "': its nftables rules were refused: "
                    + e.getMessage(), e.argv(), e.exitStatus(), e);
        }
        return NftRuleset.tableName(plan.bridge());
    }

    /** Deletes the table; nothing when it is not there. */
    void delete(String table) {
        if (!exists(table)) {
            return;
        }
        Commands.run(nft, List.of("-j", "-f", "-"), NftRuleset.delete(table));
    }

    boolean exists(String table) {
        String out = Commands.run(nft, List.of("-j", "list", "tables", "inet"));
        try {
            for (JsonNode n : Json.MAPPER.readTree(out).path("nftables")) {
                if (table.equals(n.path("table").path("name").asText(null))) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new NetworkException("nft -j list tables printed JSON that cannot be read: " + e.getMessage(), e);
        }
    }
}
