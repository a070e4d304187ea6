package dev.jvirt.testimages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a test (method or constructor parameter, or a {@code @BeforeAll}/{@code @BeforeEach}
 * method) a {@link TinyGuest}. The image is built once per test run (cached on disk by its
 * inputs); each test gets its own scratch directory for disks, removed when the test's scope ends.
 */
public final class TinyGuestExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TinyGuestExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TinyGuest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TinyGuestImage image = context.getRoot().getStore(NS)
                .getOrComputeIfAbsent(TinyGuestImage.class, k -> TinyGuestImage.build(), TinyGuestImage.class);
        ScratchDir scratch = context.getStore(NS)
                .getOrComputeIfAbsent(ScratchDir.class, k -> new ScratchDir(TinyGuest.newScratch()), ScratchDir.class);
        return new TinyGuest(image, scratch.path());
    }

    /** A directory removed with everything in it when the JUnit scope that made it closes. */
    record ScratchDir(Path path) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            deleteTree(path);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
