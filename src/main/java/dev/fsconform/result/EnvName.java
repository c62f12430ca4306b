package dev.fsconform.result;

import dev.fsconform.input.Quote;

/**
 * What every catalogue entry of an environment must say about itself, checked once for all kinds: a
 * name in the results' alphabet, a group and a description.
 */
public final class EnvName {
    /** One name; a row that runs on a variant (an inner engine, a kernel) appends {@code @VARIANT}. */
    public static final String NAME = "[a-z0-9][a-z0-9._+-]*";

    private EnvName() {
    }

    /** Refuses a missing name, group or description; {@code variants}: the name may carry {@code @VARIANT}. */
    public static void check(String name, String group, String description, boolean variants) {
        require(name, "name");
        if (!name.matches(variants ? NAME + "(@" + NAME + ")?" : NAME)) {
            throw new IllegalArgumentException("name must be lower-case letters, digits and . _ + - (got " + Quote.of(name) + ")");
        }
        require(group, "group");
        require(description, "description");
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
    }
}
