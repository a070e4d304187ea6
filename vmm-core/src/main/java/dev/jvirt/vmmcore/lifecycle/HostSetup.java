package dev.jvirt.vmmcore.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host-side steps of one start, each recorded with how to undo it. A failed start rolls them
 * back in reverse order, so it leaves nothing behind.
 */
public final class HostSetup {
    private static final Logger log = LoggerFactory.getLogger(HostSetup.class);
    private final Deque<Step> done = new ArrayDeque<>();

    /** How to undo one step. */
    @FunctionalInterface
    public interface Undo {
        void undo() throws Exception;
    }

    private record Step(String what, Undo undo) {
    }

    /** Records that {@code what} was done and how to undo it. */
    public void done(String what, Undo undo) {
        done.push(new Step(what, undo));
    }

    /** Undoes every recorded step, newest first; a failing undo is logged and the rest still run. */
    public void rollback() {
        while (!done.isEmpty()) {
            Step s = done.pop();
            try {
                s.undo().undo();
            } catch (Exception e) {
                log.warn("could not undo '{}': {}", s.what(), e.toString());
            }
        }
    }

    /** The start went through: nothing is to be undone any more. */
    public void commit() {
        done.clear();
    }
}
