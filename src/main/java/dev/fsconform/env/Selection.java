package dev.fsconform.env;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which environments --only picks: comma-separated globs ({@code *}, {@code ?}) matched against the
 * name or the group; no pattern picks all.
 */
record Selection(String pattern) {
    static final Selection ALL = new Selection(null);

    boolean matches(Environment e) {
        return matches(e.name(), e.group());
    }

    /** Whether a glob matches this name or this group. */
    boolean matches(String name, String group) {
        if (pattern == null || pattern.isBlank()) {
            return true;
        }
        for (String glob : pattern.split(",")) {
            Pattern p = compile(glob.strip());
            if (p.matcher(name).matches() || p.matcher(group).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a glob matches this name alone (a kernel row's name, {@code tmpfs@kernel-6.1}). */
    boolean matchesName(String name) {
        if (pattern == null || pattern.isBlank()) {
            return true;
        }
        for (String glob : pattern.split(",")) {
            if (compile(glob.strip()).matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    List<Environment> pick(List<Environment> all) {
        List<Environment> out = new ArrayList<>();
        for (Environment e : all) {
            if (matches(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }
}
