package dev.fsconform.sys;

/** An errno as number and symbolic name, so results stay readable and comparable across arches. */
public record Errno(int number, String name) {

    public static Errno of(int number) {
        jnr.constants.platform.Errno known = jnr.constants.platform.Errno.valueOf(number);
        String name = known == jnr.constants.platform.Errno.__UNKNOWN_CONSTANT__ ? "E" + number : known.name();
        return new Errno(number, name);
    }

    /** Looks an errno up by its symbolic name (EXDEV); null when the platform does not define it. */
    public static Errno named(String name) {
        try {
            jnr.constants.platform.Errno known = jnr.constants.platform.Errno.valueOf(name);
            return known.defined() ? new Errno(known.intValue(), known.name()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
