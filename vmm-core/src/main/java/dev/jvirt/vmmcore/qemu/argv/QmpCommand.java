package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One QMP command with its arguments, e.g. {@code device_add} with a device's properties.
 *
 * @param execute   the command's name
 * @param arguments its arguments (a copy is kept and handed out)
 */
public record QmpCommand(String execute, ObjectNode arguments) {

    public QmpCommand {
        arguments = arguments.deepCopy();
    }

    @Override
    public ObjectNode arguments() {
        return arguments.deepCopy();
    }

    /** The arguments as compact JSON text, as the command line carries the same object. */
    public String argumentsJson() {
        return Json.text(arguments);
    }
}
