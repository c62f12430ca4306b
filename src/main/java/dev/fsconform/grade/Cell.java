package dev.fsconform.grade;

import dev.fsconform.result.Boundary;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.MountFacts;
import dev.fsconform.result.Observation;
import dev.fsconform.scenario.Scenario;
import java.math.BigInteger;
import java.util.Map;

/** The facts of one observed cell that expectation rows test, computed once per cell. */
record Cell(Observation obs, Scenario scenario, Boundary boundary, String fs, String mountType, BigInteger capEff) {
    private static final Map<String, Integer> CAPS = Map.of("CAP_MKNOD", 27, "CAP_SYS_ADMIN", 21,
            "CAP_DAC_OVERRIDE", 1, "CAP_FOWNER", 3);

    static Cell of(EnvironmentResult env, Observation obs) {
        Scenario s = Scenario.parse(obs.scenario()).orElse(null);
        Fingerprint fp = env.fingerprint();
        String mountType = null;
        if (fp != null && obs.where() != null) {
            mountType = fp.mounts().stream().filter(m -> m.mountId() == obs.where().sourceMountId())
                    .map(MountFacts::fsType).findFirst().orElse(null);
        }
        return new Cell(obs, s,
                obs.where() == null ? null : obs.where().boundary(),
                obs.where() == null ? null : obs.where().sourceFs(),
                mountType, fp == null ? null : hex(fp.capEff()));
    }

    /** Null when the capability set is unknown: a row that needs it then does not match. */
    Boolean lacks(String cap) {
        Integer bit = CAPS.get(cap);
        return capEff == null || bit == null ? null : !capEff.testBit(bit);
    }

    static boolean knownCap(String cap) {
        return CAPS.containsKey(cap);
    }

    private static BigInteger hex(String s) {
        try {
            return s == null ? null : new BigInteger(s, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
