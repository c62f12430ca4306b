package dev.fsconform.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Popular sandboxes with the flags that make each usable for a Java program and the profile its users
 * typically run: what `validate --preset NAME` means, and what the matrix's bwrap and firejail
 * environments run the probe under. bubblewrap and firejail are command prefixes; crun is an OCI
 * runtime, so its preset names the runtime of a container image instead.
 */
public enum Preset {
    /**
     * bubblewrap as agent sandboxes use it: the host's tree writable, a private /tmp (a tmpfs: a mount
     * boundary under the workspace), its own /proc and /dev, a PID namespace, gone with its parent.
     */
    BWRAP("bwrap", List.of("bwrap", "--bind", "/", "/", "--tmpfs", "/tmp", "--proc", "/proc", "--dev", "/dev", "--unshare-pid",
            "--die-with-parent"), null),
    /**
     * firejail's default profile (seccomp, dropped capabilities, no_new_privs, a noexec tmpfs on
     * /var/tmp among others), quiet; --noprofile is what it would take to turn that off.
     */
    FIREJAIL("firejail", List.of("firejail", "--quiet"), null),
    /** crun as the OCI runtime of a container image (through podman, or a Docker engine that has it registered). */
    CRUN("crun", List.of(), "crun");

    private final String id;
    private final List<String> words;
    private final String runtime;

    Preset(String id, List<String> words, String runtime) {
        this.id = id;
        this.words = words;
        this.runtime = runtime;
    }

    public String id() {
        return id;
    }

    /** The sandbox's command and options, before the directories a caller binds in and the closing {@code --}. */
    public List<String> words() {
        return words;
    }

    /** The command prefix, as `--exec` takes it; null for a runtime preset. */
    public String prefix() {
        return words.isEmpty() ? null : String.join(" ", words) + " --";
    }

    /** The OCI runtime this preset names, or null for a command prefix. */
    public String runtime() {
        return runtime;
    }

    public static Preset parse(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown preset '" + id + "' (known: " + Arrays.stream(values()).map(Preset::id).collect(Collectors.joining(", ")) + ")"));
    }
}
