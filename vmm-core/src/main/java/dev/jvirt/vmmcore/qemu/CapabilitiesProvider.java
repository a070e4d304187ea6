package dev.jvirt.vmmcore.qemu;

import dev.jvirt.vmmcore.HostCapabilities;
import dev.jvirt.vmmcore.VmmException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's capabilities, probed once per provider: the binary from the on-disk cache when its
 * identity is unchanged (else probed over QMP and cached), KVM probed afresh.
 */
public final class CapabilitiesProvider {
    private static final Logger log = LoggerFactory.getLogger(CapabilitiesProvider.class);
    private final Path emulator;
    private final Cache cache;
    private final QmpCapabilitiesProbe probe;
    private final Supplier<HostCapabilities.KvmSupport> kvm;
    private volatile HostCapabilities capabilities;

    /** Where probed binaries are kept between runs ({@code store.CapabilitiesCache} on disk). */
    public interface Cache {
        /** The probe of exactly this binary, if kept (a stale or unreadable entry counts as none). */
        Optional<ProbedBinary> lookup(BinaryIdentity identity);

        void store(ProbedBinary probed) throws IOException;
    }

    public CapabilitiesProvider(Path emulator, Cache cache, QmpCapabilitiesProbe probe,
                                Supplier<HostCapabilities.KvmSupport> kvm) {
        this.emulator = emulator;
        this.cache = cache;
        this.probe = probe;
        this.kvm = kvm;
    }

    /** {@link #get}, its failures as {@link VmmException} (naming the binary). */
    public HostCapabilities require() {
        try {
            return get();
        } catch (IOException e) {
            throw new VmmException("cannot probe " + emulator + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmmException("interrupted while probing " + emulator, e);
        }
    }

    public HostCapabilities get() throws IOException, InterruptedException {
        HostCapabilities c = capabilities;
        if (c == null) {
            synchronized (this) {
                c = capabilities;
                if (c == null) {
                    c = load().with(kvm.get());
                    capabilities = c;
                }
            }
        }
        return c;
    }

    private ProbedBinary load() throws IOException, InterruptedException {
        BinaryIdentity identity = BinaryIdentity.of(emulator);
        var cached = cache.lookup(identity);
        if (cached.isPresent()) {
            return cached.get();
        }
        long t0 = System.nanoTime();
        ProbedBinary probed = probe.probe(emulator);
        log.info("probed {} (QEMU {}, {} machine types, {} device types) in {} ms", emulator, probed.qemuVersion(),
                probed.machines().size(), probed.deviceTypes().size(), (System.nanoTime() - t0) / 1_000_000);
        try {
            cache.store(probed);
        } catch (IOException e) {
            log.warn("cannot cache QEMU capabilities: {}", e.getMessage());
        }
        return probed;
    }
}
