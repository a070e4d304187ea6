package dev.jvirt.domainxml;

import dev.jvirt.domainxml.domain.DomainDefaults;
import dev.jvirt.domainxml.domain.DomainValidator;
import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.domainxml.network.NetworkDefaults;
import dev.jvirt.domainxml.network.NetworkValidator;
import dev.jvirt.domainxml.network.NetworkXml;
import dev.jvirt.domainxml.pool.PoolDefaults;
import dev.jvirt.domainxml.pool.PoolValidator;
import dev.jvirt.domainxml.pool.PoolXml;
import dev.jvirt.domainxml.volume.VolumeDefaults;
import dev.jvirt.domainxml.volume.VolumeValidator;
import dev.jvirt.domainxml.volume.VolumeXml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The test corpus under src/test/resources/corpus/KIND, and per-kind operations on it. */
public enum Corpus {
    DOMAIN("domain", x -> DomainXml.parse(x, null), o -> DomainXml.format((dev.jvirt.domainxml.domain.Domain) o),
            (o, r) -> DomainDefaults.fill((dev.jvirt.domainxml.domain.Domain) o, r),
            o -> DomainValidator.validate((dev.jvirt.domainxml.domain.Domain) o)),
    /** Domains recorded with the real tools: {@code corpus/realworld/record.sh} (virt-install, virsh dumpxml). */
    REALWORLD("realworld", DOMAIN.parse, DOMAIN.format, DOMAIN.fill, DOMAIN.validate),
    NETWORK("network", x -> NetworkXml.parse(x, null), o -> NetworkXml.format((dev.jvirt.domainxml.network.Network) o),
            (o, r) -> NetworkDefaults.fill((dev.jvirt.domainxml.network.Network) o, r),
            o -> NetworkValidator.validate((dev.jvirt.domainxml.network.Network) o)),
    POOL("pool", x -> PoolXml.parse(x, null), o -> PoolXml.format((dev.jvirt.domainxml.pool.StoragePool) o),
            (o, r) -> PoolDefaults.fill((dev.jvirt.domainxml.pool.StoragePool) o, r),
            o -> PoolValidator.validate((dev.jvirt.domainxml.pool.StoragePool) o)),
    VOLUME("volume", x -> VolumeXml.parse(x, null), o -> VolumeXml.format((dev.jvirt.domainxml.volume.StorageVolume) o),
            (o, r) -> VolumeDefaults.fill((dev.jvirt.domainxml.volume.StorageVolume) o),
            o -> VolumeValidator.validate((dev.jvirt.domainxml.volume.StorageVolume) o));

    /** Root of the test resources in the source tree (tests run with the module as working directory). */
    public static final Path RESOURCES = Path.of("src/test/resources");

    final String dir;
    final Function<String, Object> parse;
    final Function<Object, String> format;
    final java.util.function.BiFunction<Object, Random, Object> fill;
    final Function<Object, List<Violation>> validate;

    Corpus(String dir, Function<String, Object> parse, Function<Object, String> format,
            java.util.function.BiFunction<Object, Random, Object> fill, Function<Object, List<Violation>> validate) {
        this.dir = dir;
        this.parse = parse;
        this.format = format;
        this.fill = fill;
        this.validate = validate;
    }

    /** The corpus files of this kind, sorted. */
    public List<Path> files() {
        return list(RESOURCES.resolve("corpus").resolve(dir));
    }

    /** Where the golden (canonical, defaults filled) text of a corpus file lives. */
    public Path golden(Path corpusFile) {
        return RESOURCES.resolve("golden").resolve(dir).resolve(corpusFile.getFileName().toString());
    }

    /** The golden files of this kind. */
    public List<Path> goldenFiles() {
        return list(RESOURCES.resolve("golden").resolve(dir));
    }

    /** A random source seeded from the file name, so defaults are reproducible. */
    public static Random seeded(Path file) {
        return new Random(file.getFileName().toString().hashCode());
    }

    static List<Path> list(Path d) {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.toString().endsWith(".xml")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a file as UTF-8. */
    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
