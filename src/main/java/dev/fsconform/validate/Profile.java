package dev.fsconform.validate;

import dev.fsconform.result.CellKey;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.fsconform.grade.GradedCell;
import dev.fsconform.pattern.Pattern;
import dev.fsconform.result.Boundary;
import dev.fsconform.result.Observation;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/** What a sandbox is expected to honour; `validate --expect` exits 1 when it does not. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Profile {
    /** Nothing is enforced: the run only reports. */
    NONE("none", "report only"),
    /** Behaves like a plain local filesystem: no SURPRISING, FORBIDDEN or UNKNOWN cell. */
    POSIX_LOCAL("posix-local", "no SURPRISING, FORBIDDEN or UNKNOWN cell"),
    /**
     * Real tools survive: every application pattern and every real tool that ran works (directly or
     * through the tool's own fallback). A tool that is not installed in the sandbox is not judged.
     */
    AGENT_SANDBOX("agent-sandbox", "every application pattern and every real tool that ran works in the tested directories");

    private static final Set<String> PATTERN_PASSES = Set.of("OK", "FALLBACK");

    private final String id;
    private final String meaning;

    Profile(String id, String meaning) {
        this.id = id;
        this.meaning = meaning;
    }

    public String id() {
        return id;
    }

    public String meaning() {
        return meaning;
    }

    public static Profile parse(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown profile '" + id + "' (known: "
                        + Arrays.stream(values()).map(Profile::id).collect(Collectors.joining(", ")) + ")"));
    }

    /**
     * Pattern cells that failed only because they span two directories the sandbox keeps on separate
     * mounts: judged apart from one-directory patterns, never a violation.
     */
    public static List<GradedCell> acrossMounts(List<EnvironmentVerdict> verdicts) {
        return verdicts.stream().flatMap(v -> v.cells().stream()).filter(Profile::failedAcrossMounts).collect(Collectors.toList());
    }

    static boolean failedAcrossMounts(GradedCell c) {
        Observation o = c.observation();
        return CellKey.PATTERN.equals(o.operation()) && o.ran() && !PATTERN_PASSES.contains(o.outcome())
                && Pattern.byId(o.scenario()).map(Pattern::acrossDirectories).orElse(false)
                && o.where() != null && o.where().boundary() != Boundary.NONE;
    }

    /** "1 cell", "3 cells". */
    public static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The cells that break this profile; empty means the sandbox honours it. */
    public List<GradedCell> violations(List<EnvironmentVerdict> verdicts) {
        return verdicts.stream().flatMap(v -> v.cells().stream()).filter(this::violates).collect(Collectors.toList());
    }

    /** Whether this one cell breaks the profile. */
    public boolean violatedBy(GradedCell c) {
        return violates(c);
    }

    /** Whether the profile judges this cell at all: agent-sandbox judges only the application patterns. */
    public boolean judges(GradedCell c) {
        return this == POSIX_LOCAL || this == AGENT_SANDBOX && CellKey.PATTERN.equals(c.observation().operation());
    }

    /** The outcomes that pass this profile, in words, for a failure message. */
    public String passing() {
        return this == AGENT_SANDBOX ? PATTERN_PASSES.stream().sorted().toList().toString() : "graded EXPECTED or ACCEPTABLE";
    }

    private boolean violates(GradedCell c) {
        switch (this) {
            case POSIX_LOCAL:
                return c.finding();
            case AGENT_SANDBOX:
                return (CellKey.PATTERN.equals(c.observation().operation()) || CellKey.APP.equals(c.observation().operation()))
                        && c.observation().ran() && !PATTERN_PASSES.contains(c.observation().outcome())
                        && !failedAcrossMounts(c);
            default:
                return false;
        }
    }
}
