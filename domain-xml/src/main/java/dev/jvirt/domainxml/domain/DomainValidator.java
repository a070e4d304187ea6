package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.Parsed;

/** Placeholder, completed below. */
public final class DomainValidator {
  private DomainValidator() {}

  /** Throws when invalid. */
  public static void requireValid(Parsed<Domain> p) {}
}
