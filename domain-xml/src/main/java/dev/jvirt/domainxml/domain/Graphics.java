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
    Boolean glEnable) {

  /** Normalises the list. */
  public Graphics {
    listens = listens == null ? List.of() : List.copyOf(listens);
  }

  /** {@code <listen type='address|network|socket|none' address network socket/>}. */
  public record Listen(String type, String address, String network, String socket) {}
}
