package dev.jvirt.domainxml.domain;

import java.util.List;

/**
 * {@code <graphics type='vnc|spice'>}.
 *
 * @param type vnc or spice
 * @param port port, -1 for automatic, or null
 * @param autoport yes/no, or null
 * @param listen {@code listen} attribute, or null
 * @param passwd password, or null
 * @param keymap keymap, or null
 * @param listens {@code <listen type address network socket/>} elements in order
 * @param imageCompression spice {@code <image compression>}, or null
 * @param glEnable spice {@code <gl enable>} yes/no, or null
 * @param tlsPort spice {@code tlsPort}, -1 for automatic, or null
 * @param defaultMode spice {@code defaultMode} ({@code any|secure|insecure}), or null
 * @param channels spice {@code <channel name mode>} in order
 * @param extras spice {@code <streaming mode>}, {@code <clipboard copypaste>}, {@code <mouse mode>},
 *     {@code <filetransfer enable>}, {@code <gl rendernode>} as (element, attribute, value) in that order
 */
public record Graphics(
        String type,
        Integer port,
        Boolean autoport,
        String listen,
        String passwd,
        String keymap,
        List<Listen> listens,
        String imageCompression,
        Boolean glEnable,
        Integer tlsPort,
        String defaultMode,
        List<Channel> channels,
        List<Setting> extras) {

    /** Normalises the lists. */
    public Graphics {
        listens = listens == null ? List.of() : List.copyOf(listens);
        channels = channels == null ? List.of() : List.copyOf(channels);
        extras = extras == null ? List.of() : List.copyOf(extras);
    }

    /** spice {@code <channel name='main' mode='secure|insecure|any'/>}. */
    public record Channel(String name, String mode) {}

    /** One single-attribute spice setting such as {@code <streaming mode='filter'/>}. */
    public record Setting(String element, String attribute, String value) {}

    /** {@code <listen type='address|network|socket|none' address network socket/>}. */
    public record Listen(String type, String address, String network, String socket) {}
}
