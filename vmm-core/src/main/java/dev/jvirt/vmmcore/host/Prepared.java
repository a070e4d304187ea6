package dev.jvirt.vmmcore.host;

/**
 * A host resource a backend prepared for one start, and how to give it back: a failed start
 * releases it at once (newest first, with the start's other steps); a guest that stops releases
 * it in its teardown.
 *
 * @param value   what the command line needs (a TAP, a volume)
 * @param release undoes the preparation; called once
 */
public record Prepared<T>(T value, Release release) {

    /** How a backend gives a resource back. */
    @FunctionalInterface
    public interface Release {
        void release() throws Exception;
    }

    public static <T> Prepared<T> of(T value, Release release) {
        return new Prepared<>(value, release);
    }
}
