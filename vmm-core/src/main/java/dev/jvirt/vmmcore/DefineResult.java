package dev.jvirt.vmmcore;

/**
 * What a define did: the domain, and whether it replaced a stored definition of that name (which
 * keeps its UUID; a running guest goes on with its live definition until its next start).
 */
public record DefineResult(DomainInfo domain, boolean replaced) {
}
