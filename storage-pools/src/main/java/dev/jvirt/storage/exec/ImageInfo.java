package dev.jvirt.storage.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvirt.storage.BackingImage;
import dev.jvirt.storage.StorageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code qemu-img info --output=json --backing-chain} says of an image: its format, virtual
 * size (capacity), bytes allocated on the host, and the images below it, nearest first.
 */
public record ImageInfo(String format, long virtualSize, long actualSize, List<BackingImage> backingChain) {
    /** Made on first use (a holder class): a jvirtd start should not load jackson-databind. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** Normalises the list. */
    public ImageInfo {
        backingChain = List.copyOf(backingChain);
    }

    /** Parses qemu-img's output: one object, or with --backing-chain an array, top image first. */
    public static ImageInfo parse(String json, String what) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new StorageException("cannot read qemu-img's report on " + what + ": " + e.getMessage(), e);
        }
        if (root == null || root.isArray() && root.isEmpty()) {
            throw new StorageException("qemu-img reported nothing on " + what);
        }
        JsonNode top = root.isArray() ? root.get(0) : root;
        List<BackingImage> chain = new ArrayList<>();
        if (root.isArray()) {
            for (int i = 1; i < root.size(); i++) {
                JsonNode n = root.get(i);
                chain.add(new BackingImage(n.path("filename").asText(null), n.path("format").asText(null)));
            }
        } else if (top.hasNonNull("backing-filename")) {
            String path = top.path("full-backing-filename").asText(top.path("backing-filename").asText());
            chain.add(new BackingImage(path, top.path("backing-filename-format").asText(null)));
        }
        return new ImageInfo(top.path("format").asText(null), top.path("virtual-size").asLong(-1),
                top.path("actual-size").asLong(0), chain);
    }
}
