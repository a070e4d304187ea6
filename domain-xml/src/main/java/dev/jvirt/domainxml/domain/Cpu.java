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
 */
public record Cpu(
    String mode,
    String match,
    String check,
    Boolean migratable,
    Model model,
    String vendor,
    Topology topology,
    List<Feature> features) {

  /** Normalises the list. */
  public Cpu {
    features = features == null ? List.of() : List.copyOf(features);
  }

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
