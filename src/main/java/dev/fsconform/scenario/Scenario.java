package dev.fsconform.scenario;

/**
 * One fixture shape: what the source is, what (if anything) already sits at the target, how the
 * two parents relate, and whether the fixture comes from a seeded tree (prepared earlier, e.g. an
 * overlay lower layer or an image layer) rather than being created fresh by the probe.
 *
 * @param target null when the target path does not exist
 */
public record Scenario(String id, Kind source, Kind target, Placement placement, boolean seeded) {

    /** Ids read {@code [seeded-|cross-mount-]SOURCE[-onto-TARGET][-same-dir|-cross-dir]}. */
    static Scenario of(Kind source, Kind target, Placement placement, boolean seeded) {
        StringBuilder id = new StringBuilder();
        if (seeded) {
            id.append("seeded-");
        }
        if (placement == Placement.CROSS_MOUNT) {
            id.append("cross-mount-");
        }
        id.append(source.token());
        if (target != null) {
            id.append("-onto-").append(target.token());
        }
        if (placement != Placement.CROSS_MOUNT) {
            id.append('-').append(placement.token());
        }
        return new Scenario(id.toString(), source, target, placement, seeded);
    }

    /**
     * The scenario an id names, read from the id itself so that results written by an older
     * catalogue still parse; empty when the id does not follow the grammar of {@link #of}.
     */
    public static java.util.Optional<Scenario> parse(String id) {
        return ScenarioIds.parse(id);
    }

    /** The same shape in another placement (a differential control); null for seeded cross-mount. */
    public Scenario withPlacement(Placement p) {
        return seeded && p == Placement.CROSS_MOUNT ? null : of(source, target, p, seeded);
    }

    /** The simplest shape of the same source kind, nothing at the target; null for seeded cross-mount. */
    public Scenario simplest(Placement p, boolean seeded) {
        return seeded && p == Placement.CROSS_MOUNT ? null : of(source, null, p, seeded);
    }

    /** The same shape created fresh by the probe (for a seeded scenario: the upper-layer control). */
    public Scenario fresh() {
        return of(source, target, placement, false);
    }

    public boolean targetExists() {
        return target != null;
    }

    public boolean crossMount() {
        return placement == Placement.CROSS_MOUNT;
    }

    /** One line for reports: "dir onto an existing empty dir, across directories, from a seeded tree". */
    public String describe() {
        String what = source.token() + (target == null ? " to a missing target" : " onto an existing " + target.token());
        String where;
        switch (placement) {
            case SAME_DIR: where = "in the same directory"; break;
            case CROSS_DIR: where = "into another directory"; break;
            default: where = "onto another mount"; break;
        }
        return what + ", " + where + (seeded ? ", from a seeded (lower-layer) tree" : "");
    }
}
