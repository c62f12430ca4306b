package dev.fsconform.env;

import java.util.List;

/**
 * What building one catalogue entry asks of the machine, derived from the entry itself (its backend,
 * sandbox, engine, driver, runtime): docs/reliability.md's least-privilege table is generated from these.
 *
 * @param kind host lab, container or kernel guest
 * @param root uid 0 on the host, or a root-owned engine to talk to
 * @param privileged a container run with --privileged (or its explicit equivalent: all capabilities)
 * @param capSysAdmin where CAP_SYS_ADMIN is needed: {@code host}, {@code own userns} (only inside a user
 *                    namespace of its own), {@code container} or empty for none
 * @param devices device nodes opened
 * @param userNamespace a user namespace of its own
 * @param why what needs it, in a few words
 */
public record Needs(String environment, String kind, boolean root, boolean privileged, String capSysAdmin,
                    List<String> devices, boolean userNamespace, String why) {
    public Needs {
        devices = List.copyOf(devices);
    }

    /** A row of the markdown table {@link #TABLE_HEAD} heads. */
    public String row() {
        return "| " + environment + " | " + kind + " | " + yes(root) + " | " + yes(privileged) + " | "
                + (capSysAdmin.isEmpty() ? "—" : capSysAdmin) + " | " + (devices.isEmpty() ? "—" : String.join(", ", devices))
                + " | " + yes(userNamespace) + " | " + why + " |";
    }

    public static final String TABLE_HEAD = "| environment | kind | root | --privileged | CAP_SYS_ADMIN | device | user namespace | why |\n"
            + "|---|---|---|---|---|---|---|---|";

    private static String yes(boolean b) {
        return b ? "yes" : "—";
    }
}
