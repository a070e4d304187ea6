package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a guest device needs on the host side before its {@code -device} can be created, in the
 * form the command line takes and, for the JSON kinds, the exact arguments of the matching QMP
 * hotplug command.
 */
public sealed interface Backend {

    /** The command-line option, e.g. {@code -blockdev}. */
    String option();

    /** The option's argument: compact JSON, or a QemuOpts string. */
    String argument();

    /**
     * A backend given as JSON: the command line's argument is that JSON, compact, and the same
     * object is the matching QMP hotplug command's arguments.
     */
    sealed interface JsonBackend extends Backend {
        /** A copy of the backend's JSON. */
        ObjectNode node();

        @Override
        default String argument() {
            return Json.text(node());
        }
    }

    /** A block node: {@code -blockdev JSON}; the same JSON is {@code blockdev-add}'s arguments. */
    record Blockdev(ObjectNode node) implements JsonBackend {
        public Blockdev {
            node = node.deepCopy();
        }

        @Override
        public ObjectNode node() {
            return node.deepCopy();
        }

        /** The block node's {@code node-name} (what {@code blockdev-del} takes). */
        public String nodeName() {
            return node.get("node-name").asText();
        }

        @Override
        public String option() {
            return "-blockdev";
        }
    }

    /** A QOM object: {@code -object JSON}; the same JSON is {@code object-add}'s arguments. */
    record QomObject(ObjectNode node) implements JsonBackend {
        public QomObject {
            node = node.deepCopy();
        }

        @Override
        public ObjectNode node() {
            return node.deepCopy();
        }

        @Override
        public String option() {
            return "-object";
        }
    }

    /** A network backend: {@code -netdev JSON}; the same JSON is {@code netdev_add}'s arguments. */
    record Netdev(ObjectNode node) implements JsonBackend {
        public Netdev {
            node = node.deepCopy();
        }

        @Override
        public ObjectNode node() {
            return node.deepCopy();
        }

        @Override
        public String option() {
            return "-netdev";
        }
    }

    /**
     * A character device: {@code -chardev OPTS}. QEMU 7.2 takes no JSON here, and QMP's
     * {@code chardev-add} has a different shape, so hotplug of chardevs is the caller's to build.
     */
    record Chardev(String id, String opts) implements Backend {
        @Override
        public String option() {
            return "-chardev";
        }

        @Override
        public String argument() {
            return opts;
        }
    }

    /** A TPM backend: {@code -tpmdev OPTS} (not hotpluggable). */
    record Tpmdev(String id, String opts) implements Backend {
        @Override
        public String option() {
            return "-tpmdev";
        }

        @Override
        public String argument() {
            return opts;
        }
    }

    /** A 9p filesystem export: {@code -fsdev OPTS} (not hotpluggable). */
    record Fsdev(String id, String opts) implements Backend {
        @Override
        public String option() {
            return "-fsdev";
        }

        @Override
        public String argument() {
            return opts;
        }
    }
}
