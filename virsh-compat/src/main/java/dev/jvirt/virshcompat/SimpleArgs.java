package dev.jvirt.virshcompat;

import java.util.List;

/**
 * A command that can take plain invocations (known flags and its positional arguments, nothing
 * else) without picocli building its model, which costs about 200 ms of a short command's start.
 * Anything it does not accept goes to picocli, which stays the one model for help, completion and
 * errors; FastPathTest proves both parse every accepted invocation to the same fields.
 */
public interface SimpleArgs {

    /** Sets this command's fields from {@code args}; false (fields untouched or irrelevant) to let picocli parse. */
    boolean parseSimple(List<String> args);
}
