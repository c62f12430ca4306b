package dev.fsconform.testsupport;

import dev.fsconform.result.CellKey;
import dev.fsconform.result.Answer;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.MountFacts;
import dev.fsconform.result.Observation;
import dev.fsconform.result.PostState;
import dev.fsconform.result.Where;
import dev.fsconform.sys.Errno;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Observations, fingerprints and environments built by hand, for grading and cause rules in isolation. */
public final class Canned {
    public static final MountFacts EXT4 = new MountFacts("primary", "/tmp/x", 27, "254:0", "/", "ext4", "/dev/vda",
            "rw,relatime", "rw", "ext4");
    public static final MountFacts TMPFS = new MountFacts("second", "/dev/shm", 30, "0:27", "/dev/shm", "tmpfs",
            "tmpfs", "rw,relatime", "rw", "tmpfs");
    /** Root's capabilities on this machine kind: CAP_MKNOD (bit 27) included. */
    public static final String ROOT_CAPS = "000001fffeffffff";

    private Canned() {
    }

    public static Where sameMount() {
        return new Where(27, 27, "254:0", "254:0", "ext4", "ext4", false);
    }

    public static Where crossMount() {
        return new Where(27, 30, "254:0", "0:27", "ext4", "tmpfs", false);
    }

    public static Where bindMounts() {
        return new Where(93, 94, "254:0", "254:0", "ext4", "ext4", false);
    }

    /** A cell that ran; an outcome ending in "Exception" is recorded as the exception too. */
    public static Observation ran(String op, String scenario, String outcome, String errno, Where where) {
        Errno e = errno == null ? null : Errno.named(errno);
        boolean broken = outcome.equals("WRONG_STATE") || outcome.equals("PARTIAL");
        PostState post = new PostState("absent", "file:source", true, broken ? List.of("canned problem") : List.of());
        Answer answer = new Answer(outcome, e == null ? null : e.number(), e == null ? null : e.name(),
                outcome.endsWith("Exception") ? outcome : null, null);
        return Observation.ran(new CellKey(op, scenario), answer, post, where, 1.0);
    }

    public static Observation ran(String op, String scenario, String outcome, Where where) {
        return ran(op, scenario, outcome, outcome.startsWith("E") && !outcome.endsWith("Exception") ? outcome : null, where);
    }

    public static Fingerprint fingerprint() {
        return new Fingerprint("6.18.44", "amd64", "17.0.15", "vm", 0, ROOT_CAPS, 0, 0, false, 7, null,
                List.of(EXT4, TMPFS), Map.of());
    }

    public static Fingerprint with(Fingerprint f, int seccompMode, int landlockAbi, String capEff, Boolean restricted,
                                   List<MountFacts> mounts, Map<String, String> labels) {
        return new Fingerprint(f.kernel(), f.arch(), f.javaVersion(), f.hostname(), f.uid(), capEff, seccompMode,
                seccompMode == 2 ? 1 : 0, f.noNewPrivs(), landlockAbi, restricted, mounts, labels);
    }

    public static Fingerprint labels(Fingerprint f, Map<String, String> labels) {
        return with(f, f.seccompMode(), f.landlockAbi(), f.capEff(), f.landlockRestricted(), f.mounts(), labels);
    }

    public static EnvironmentResult env(Fingerprint fp, Observation... cells) {
        return new EnvironmentResult("canned", "test", "canned cells", EnvStatus.RAN, null, fp, 1, List.of(cells));
    }

    public static EnvironmentResult env(Observation... cells) {
        return env(fingerprint(), cells);
    }

    /** A recorded environment with its fingerprint changed: the same cells seen by another launcher. */
    public static EnvironmentResult refingerprint(EnvironmentResult env, UnaryOperator<Fingerprint> change) {
        return new EnvironmentResult(env.name(), env.group(), env.description(), env.status(), env.reason(),
                change.apply(env.fingerprint()), env.durationMillis(), env.cells());
    }
}
