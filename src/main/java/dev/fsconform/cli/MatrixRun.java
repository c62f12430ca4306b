package dev.fsconform.cli;

import dev.fsconform.env.HostLab;
import dev.fsconform.result.EnvironmentResult;
import java.util.ArrayList;
import java.util.List;

/** One `matrix` run: the host it ran on, and every lab's results and reaped leftovers, in the order they ran. */
record MatrixRun(String host, boolean root, List<EnvironmentResult> results, List<String> reaped) {
    MatrixRun {
        results = List.copyOf(results);
        reaped = List.copyOf(reaped);
    }

    static MatrixRun of(HostLab.Report hostLab) {
        return new MatrixRun(hostLab.host(), hostLab.root(), hostLab.results(), hostLab.reaped());
    }

    /** With another lab's (containers', kernel guests') results after these. */
    MatrixRun plus(List<EnvironmentResult> more, List<String> moreReaped) {
        List<EnvironmentResult> all = new ArrayList<>(results);
        all.addAll(more);
        List<String> r = new ArrayList<>(reaped);
        r.addAll(moreReaped);
        return new MatrixRun(host, root, all, r);
    }
}
