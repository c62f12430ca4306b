package dev.fsconform.validate;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Popular sandboxes as `validate --exec` prefixes, each with the flags that make it usable for a Java
 * program and the profile its users typically run: what `validate --preset NAME` means.
 */
public enum Preset {
    /**
     * bubblewrap as agent sandboxes use it: the host's tree writable, a private /tmp (a tmpfs: a mount
     * boundary under the workspace), its own /proc and /dev, a PID namespace, gone with its parent.
     */
    BWRAP("bwrap", "bwrap --bind / / --tmpfs /tmp --proc /proc --dev /dev --unshare-pid --die-with-parent --"),
    /**
     * firejail's default profile (seccomp, dropped capabilities, no_new_privs, a noexec tmpfs on
     * /var/tmp among others), quiet; --noprofile is what it would take to turn that off.
     */
    FIREJAIL("firejail", "firejail --quiet --");

    private final String id;
    private final String prefix;

    Preset(String id, String prefix) {
        this.id = id;
        this.prefix = prefix;
    }

    public String id() {
        return id;
    }

    /** The command prefix, as `--exec` takes it. */
    public String prefix() {
        return prefix;
    }

    public static Preset parse(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown preset '" + id + "' (known: " + Arrays.stream(values()).map(Preset::id).collect(Collectors.joining(", "))
                        + "; for crun: --podman IMAGE --runtime crun)"));
    }
}
