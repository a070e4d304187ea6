package dev.jvirt.domainxml.domain;

/**
 * {@code <disk>}: a block device for the guest.
 *
 * @param type source kind: {@code file}, {@code block} or {@code volume}
 * @param device {@code disk}, {@code cdrom}, {@code floppy} or {@code lun}; null means disk
 * @param driver {@code <driver>}, or null
 * @param source {@code <source>}, or null (an empty CD-ROM drive)
 * @param backingStore {@code <backingStore>} chain, or null
 * @param target {@code <target>}; validation requires it
 * @param readonly {@code <readonly/>}
 * @param shareable {@code <shareable/>}
 * @param serial {@code <serial>}, or null
 * @param bootOrder {@code <boot order>}, or null
 * @param address {@code <address>}, or null
 */
public record Disk(
    String type,
    String device,
    Driver driver,
    Source source,
    BackingStore backingStore,
    Target target,
    boolean readonly,
    boolean shareable,
    String serial,
    Integer bootOrder,
    Address address) {

  /** The device kind, {@code disk} when not given. */
  public String deviceOrDefault() {
    return device == null ? "disk" : device;
  }

  /** True for CD-ROM drives. */
  public boolean isCdrom() {
    return "cdrom".equals(device);
  }

  /** A copy with another target. */
  public Disk withTarget(Target t) {
    return new Disk(type, device, driver, source, backingStore, t, readonly, shareable, serial, bootOrder, address);
  }

  /** A copy with another address. */
  public Disk withAddress(Address a) {
    return new Disk(type, device, driver, source, backingStore, target, readonly, shareable, serial, bootOrder, a);
  }

  /**
   * {@code <driver name='qemu' type='qcow2' cache='none' io='native' discard='unmap'/>}; also
   * {@code iothread}, {@code queues} and {@code error_policy}. Null parts were not given.
   */
  public record Driver(String name, String type, String cache, String io, String discard, String detectZeroes,
      Integer iothread, Integer queues, String errorPolicy) {}

  /**
   * {@code <source>}: exactly one of file, dev or pool+volume for the disk's type.
   *
   * @param file for type file
   * @param dev for type block
   * @param pool for type volume
   * @param volume for type volume
   * @param mode for type volume ({@code host|direct}), or null
   * @param startupPolicy {@code mandatory|requisite|optional}, or null
   */
  public record Source(String file, String dev, String pool, String volume, String mode, String startupPolicy) {
    /** The host path of a file or block source, or null. */
    public String path() {
      return file != null ? file : dev;
    }
  }

  /** {@code <target dev='vda' bus='virtio' tray='open' removable='on'/>}. */
  public record Target(String dev, String bus, String tray, Boolean removable) {}

  /**
   * {@code <backingStore type='file'><format type='qcow2'/><source file/><backingStore/>}.
   *
   * @param type file or block
   * @param format image format, or null
   * @param source path of the backing image, or null
   * @param next the next element of the chain, or null
   */
  public record BackingStore(String type, String format, String source, BackingStore next) {}
}
