package dev.fsconform.env;

import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.PhaseTimings;
import java.util.function.Consumer;

/** One line per finished environment: {@code [n/N] name  STATUS  elapsed  (phases or reason)}. */
final class Progress {
    private final int total;
    private final Consumer<String> out;
    private int done;

    Progress(int total, Consumer<String> out) {
        this.total = total;
        this.out = out;
    }

    synchronized EnvironmentResult done(EnvironmentResult r) {
        done++;
        PhaseTimings t = r.phases() == null ? PhaseTimings.NONE : r.phases();
        String detail = r.status() == EnvStatus.RAN
                ? String.format("set-up %.2f s, probe %.2f s, teardown %.2f s", t.setupMillis() / 1000.0,
                t.probeMillis() / 1000.0, t.teardownMillis() / 1000.0)
                : shorten(r.reason());
        int width = String.valueOf(total).length();
        out.accept(String.format("[%" + width + "d/%d] %-28s %-11s %5.1f s  %s", done, total, r.name(), r.status(),
                t.totalMillis() / 1000.0, detail));
        return r;
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() <= 110 ? s : s.substring(0, 107) + "...";
    }
}
