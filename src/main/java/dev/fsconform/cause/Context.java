package dev.fsconform.cause;

import dev.fsconform.result.Boundary;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.MountFacts;
import dev.fsconform.result.Observation;
import dev.fsconform.result.SandboxApplied;
import dev.fsconform.result.Where;
import dev.fsconform.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/** One cell to explain, with everything the rules may read about it. */
record Context(Observation cell, Scenario scenario, Where where, Fingerprint fp, Controls controls) {

    static Context of(Controls controls, Observation cell) {
        return new Context(cell, controls.scenario(cell), cell.where(), controls.env().fingerprint(), controls);
    }

    Boundary boundary() {
        return where == null ? null : where.boundary();
    }

    MountFacts sourceMount() {
        return where == null ? null : mount(where.sourceMountId());
    }

    MountFacts mount(long id) {
        return fp == null ? null : fp.mounts().stream().filter(m -> m.mountId() == id).findFirst().orElse(null);
    }

    /** Whether the source's parent is on this filesystem, by statfs of the cell or of its mount. */
    boolean sourceIs(String statfsType) {
        MountFacts m = sourceMount();
        return (where != null && statfsType.equals(where.sourceFs())) || (m != null && statfsType.equals(m.statfsType()));
    }

    /** What the launcher declared it applied around the probe. */
    SandboxApplied sandbox() {
        return fp == null ? SandboxApplied.NONE : fp.sandbox();
    }

    String label(String key) {
        return fp == null ? null : fp.labels().get(key);
    }

    /** "rename × dir-cross-dir → EXDEV" for evidence lines. */
    static String show(Observation o) {
        return o.operation() + " × " + o.scenario() + " → " + Signals.outcome(o);
    }

    /**
     * "mount 27 (ext4 /dev/vda at /)", with only what is known: "mount 18 (overlay at /)",
     * "the mount of device 0:30 (not in the fingerprint)".
     */
    String describeMount(long id, String dev) {
        MountFacts m = id == 0 ? null : mount(id);
        String name = id == 0 ? "the mount of device " + (dev == null ? MountFacts.UNKNOWN : dev) + " (id unknown"
                : "mount " + id + " (";
        if (m == null) {
            return name + (id == 0 ? ")" : "not in the fingerprint)");
        }
        List<String> parts = new ArrayList<>();
        for (String part : List.of(m.fsType(), m.source(), m.inMountTable() ? "at " + m.mountPoint() : MountFacts.UNKNOWN)) {
            if (!MountFacts.UNKNOWN.equals(part) && !"none".equals(part)) {
                parts.add(part);
            }
        }
        return name + (parts.isEmpty() ? "not in the mount table" : String.join(" ", parts)) + ")";
    }
}
