package dev.jvirt.domainxml.domain;

import java.util.List;

/**
 * {@code <sysinfo type='smbios'>} (SMBIOS tables for the guest) or {@code <sysinfo type='fwcfg'>}
 * (firmware configuration entries). Sections that were absent are empty lists.
 *
 * @param type {@code smbios} or {@code fwcfg}
 * @param bios {@code <bios>} entries
 * @param system {@code <system>} entries
 * @param baseBoards each {@code <baseBoard>}'s entries
 * @param chassis {@code <chassis>} entries
 * @param oemStrings {@code <oemStrings><entry>} texts
 * @param entries fwcfg {@code <entry name file>} entries
 */
public record Sysinfo(
        String type,
        List<Entry> bios,
        List<Entry> system,
        List<List<Entry>> baseBoards,
        List<Entry> chassis,
        List<String> oemStrings,
        List<Entry> entries) {

    /** Normalises the lists. */
    public Sysinfo {
        bios = copy(bios);
        system = copy(system);
        baseBoards = baseBoards == null ? List.of() : baseBoards.stream().map(Sysinfo::copy).toList();
        chassis = copy(chassis);
        oemStrings = copy(oemStrings);
        entries = copy(entries);
    }

    private static <T> List<T> copy(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    /** {@code <entry name='manufacturer'>Example</entry>}; {@code file} only for fwcfg; value may be null. */
    public record Entry(String name, String file, String value) {}
}
