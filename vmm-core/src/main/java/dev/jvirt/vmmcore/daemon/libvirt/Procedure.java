package dev.jvirt.vmmcore.daemon.libvirt;

/** The handler of one remote procedure: reads {@link Call#args()}, calls the facade, writes {@link Call#ret()}. */
@FunctionalInterface
interface Procedure {
    void answer(Call call);
}
