package dev.fsconform.cause;

import dev.fsconform.result.Boundary;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.MountFacts;
import dev.fsconform.result.Observation;
import dev.fsconform.result.Where;
import dev.fsconform.scenario.Scenario;

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

    String label(String key) {
        return fp == null ? null : fp.labels().get(key);
    }

    /** "rename × dir-cross-dir → EXDEV" for evidence lines. */
    static String show(Observation o) {
        return o.operation() + " × " + o.scenario() + " → " + Signals.outcome(o);
    }

    /** "mount 27 (ext4 /dev/vda at /)" or "mount 27 (not in the fingerprint)". */
    String describeMount(long id) {
        MountFacts m = mount(id);
        if (m == null) {
            return "mount " + id + " (not in the fingerprint)";
        }
        return "mount " + id + " (" + m.fsType() + " " + m.source() + " at " + m.mountPoint() + ")";
    }
}
