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

    /** "EXDEV (Invalid cross-device link)": the name for matching, the text for people. */
    public String describe() {
        jnr.constants.platform.Errno known = jnr.constants.platform.Errno.valueOf(number);
        return known.defined() ? name + " (" + known.description() + ")" : name;
    }

    /** Accepts a name such as ENOSYS (any case) or a positive number; null when neither. */
    public static Errno parse(String text) {
        String t = text.trim();
        if (t.matches("[0-9]{1,9}")) {
            int n = Integer.parseInt(t);
            return n > 0 ? of(n) : null;
        }
        return named(t.toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return name;
    }
}
