package dev.jvirt.virshcompat.host;

/**
 * One line of host-validate: what was checked, how it came out, and for WARN and FAIL what to do.
 * As virt-host-validate: FAIL means guests of that kind cannot run; WARN that something is
 * missing that helps (performance, features) but is not required.
 */
public record Check(String what, Result result, String advice) {

    public enum Result { PASS, WARN, FAIL }

    public static Check pass(String what) {
        return new Check(what, Result.PASS, null);
    }

    public static Check warn(String what, String advice) {
        return new Check(what, Result.WARN, advice);
    }

    public static Check fail(String what, String advice) {
        return new Check(what, Result.FAIL, advice);
    }

    /** virt-host-validate's line: "%6s: %-69s: RESULT (advice)". */
    public String line(String prefix) {
        String label = String.format("%6s: %-69s: ", prefix, what);
        return label + result + (advice == null ? "" : " (" + advice + ")");
    }
}
