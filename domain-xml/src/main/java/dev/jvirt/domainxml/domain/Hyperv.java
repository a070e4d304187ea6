package dev.jvirt.domainxml.domain;

import java.util.List;

/**
 * {@code <features><hyperv mode='custom|passthrough'>}: Hyper-V enlightenments for Windows guests.
 *
 * @param mode {@code custom} or {@code passthrough}, or null (custom)
 * @param enlightenments the child elements in order
 */
public record Hyperv(String mode, List<Enlightenment> enlightenments) {

    /** Normalises the list. */
    public Hyperv {
        enlightenments = enlightenments == null ? List.of() : List.copyOf(enlightenments);
    }

    /**
     * One enlightenment, e.g. {@code <spinlocks state='on' retries='8191'/>}.
     *
     * @param name element name: relaxed, vapic, spinlocks, vpindex, runtime, synic, stimer, reset,
     *     vendor_id, frequencies, reenlightenment, tlbflush, ipi, evmcs, avic, emsr_bitmap, xmm_input
     * @param state on/off, or null
     * @param retries spinlocks {@code retries}, or null
     * @param value vendor_id {@code value}, or null
     * @param direct stimer {@code <direct state>}, or null
     */
    public record Enlightenment(String name, Boolean state, Integer retries, String value, Boolean direct) {}
}
