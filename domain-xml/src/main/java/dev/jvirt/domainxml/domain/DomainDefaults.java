package dev.jvirt.domainxml.domain;

/** Placeholder, completed below. */
public final class DomainDefaults {
  private DomainDefaults() {}

  /** Returns the definition with defaults filled. */
  public static Domain fill(Domain d) {
    return d;
  }
}
