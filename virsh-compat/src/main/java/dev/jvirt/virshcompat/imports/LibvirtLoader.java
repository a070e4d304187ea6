package dev.jvirt.virshcompat.imports;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class loader of {@code jvirsh import}'s libvirt side: libvirt-java's jar (found beside
 * jvirsh's own jar in lib/, off jvirsh's class path so that no other command opens it) and the
 * classes of {@code imports.libvirt}, defined here from jvirsh's jar so that they link against
 * libvirt-java. Everything else (the inventory records, JNA, the JDK) comes from jvirsh's class
 * loader, so what the reader answers is of jvirsh's own types.
 */
final class LibvirtLoader extends URLClassLoader {

    private static final String PACKAGE = "dev.jvirt.virshcompat.imports.libvirt.";
    private static final String READER = PACKAGE + "LibvirtReader";

    static {
        registerAsParallelCapable();
    }

    private LibvirtLoader(URL[] urls, ClassLoader parent) {
        super("jvirsh-libvirt", urls, parent);
    }

    static LibvirtSource load() {
        ClassLoader parent = LibvirtLoader.class.getClassLoader();
        URL[] urls = parent.getResource("org/libvirt/Connect.class") != null ? new URL[0] : libvirtJars();
        try {
            LibvirtLoader loader = new LibvirtLoader(urls, parent);
            return (LibvirtSource) loader.loadClass(READER).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ImportException("cannot load libvirt-java (" + e + ")", e);
        }
    }

    /** lib/libvirt-*.jar beside the jar this class comes from (dist/lib, /usr/lib/jvirt/lib). */
    private static URL[] libvirtJars() {
        Path lib;
        try {
            lib = Path.of(LibvirtLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException | RuntimeException e) {
            throw new ImportException("cannot find jvirsh's lib directory: " + e.getMessage(), e);
        }
        List<URL> urls = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "libvirt-[0-9]*.jar")) {
            for (Path jar : jars) {
                urls.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            throw new ImportException("cannot list " + lib + ": " + e.getMessage(), e);
        }
        if (urls.isEmpty()) {
            throw new ImportException("libvirt-java is not installed: no libvirt-*.jar in " + lib);
        }
        return urls.toArray(new URL[0]);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(PACKAGE) && !name.startsWith("org.libvirt.")) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = name.startsWith(PACKAGE) ? defineOwn(name) : libvirt(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    /** libvirt-java from the jar when there is one, else (a test class path that has it) from the parent. */
    private Class<?> libvirt(String name) throws ClassNotFoundException {
        return getURLs().length > 0 ? findClass(name) : getParent().loadClass(name);
    }

    private Class<?> defineOwn(String name) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = getParent().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length, LibvirtLoader.class.getProtectionDomain());
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
