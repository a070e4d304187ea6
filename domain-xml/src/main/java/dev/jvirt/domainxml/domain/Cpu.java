package dev.jvirt.domainxml.domain;

import java.util.List;

/**
 * {@code <cpu>}: the guest CPU model.
 *
 * @param mode {@code host-passthrough}, {@code host-model}, {@code custom} or {@code maximum}; null means custom
 * @param match {@code minimum|exact|strict}, or null
 * @param check {@code none|partial|full}, or null
 * @param migratable on/off, or null
 * @param model {@code <model>}, or null
 * @param vendor {@code <vendor>}, or null
 * @param topology {@code <topology>}, or null
 * @param features {@code <feature policy name>} in order
 * @param cache {@code <cache level mode>}, or null
 * @param numa {@code <numa><cell>} guest NUMA cells in order (empty: no guest NUMA)
 */
public record Cpu(
        String mode,
        String match,
        String check,
        Boolean migratable,
        Model model,
        String vendor,
        Topology topology,
        List<Feature> features,
        Cache cache,
        List<NumaCell> numa) {

    /** Normalises the lists. */
    public Cpu {
        features = features == null ? List.of() : List.copyOf(features);
        numa = numa == null ? List.of() : List.copyOf(numa);
    }

    /** {@code <cache level='3' mode='emulate|passthrough|disable'/>}. */
    public record Cache(Integer level, String mode) {}

    /**
     * {@code <cell id='0' cpus='0-1' memory='2097152' unit='KiB' memAccess discard>} with its distances.
     *
     * @param id cell id, or null (libvirt numbers cells in order)
     * @param cpus vCPU list such as {@code 0-1,4}, or null
     * @param memoryKiB the cell's memory in KiB
     * @param memAccess {@code shared|private}, or null
     * @param discard yes/no, or null
     * @param distances {@code <distances><sibling id value/>} in order
     */
    public record NumaCell(Integer id, String cpus, long memoryKiB, String memAccess, Boolean discard,
            List<Sibling> distances) {
        /** Normalises the list. */
        public NumaCell {
            distances = distances == null ? List.of() : List.copyOf(distances);
        }
    }

    /** {@code <sibling id='1' value='21'/>}: the distance to another cell. */
    public record Sibling(Integer id, Integer value) {}

    /** {@code <model fallback='allow'>Skylake-Client</model>}. */
    public record Model(String name, String fallback) {}

    /** {@code <topology sockets dies cores threads>}; null parts were not given. */
    public record Topology(Integer sockets, Integer dies, Integer cores, Integer threads) {
        /** The number of vCPUs the topology describes (absent parts count as 1). */
        public long product() {
            return (long) nz(sockets) * nz(dies) * nz(cores) * nz(threads);
        }

        private static int nz(Integer i) {
            return i == null ? 1 : i;
        }
    }

    /** {@code <feature policy='require' name='vmx'/>}. */
    public record Feature(String policy, String name) {}
}
