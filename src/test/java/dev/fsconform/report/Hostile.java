package dev.fsconform.report;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.ResultsFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Results whose names and messages try to break out of the page: they must be shown as text. */
final class Hostile {
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String CLOSE = "</script><img src=x onerror=alert(2)>";
    static final String QUOTES = "\"'><b>bold</b>`=";
    static final String UNICODE = "ünïcödé ✓ 𝄞 <!-- не комментарий";

    private Hostile() {
    }

    static ResultsFile results() {
        List<EnvironmentResult> envs = new ArrayList<>();
        int i = 0;
        for (String name : List.of(SCRIPT, CLOSE, QUOTES, UNICODE)) {
            EnvironmentResult e = Synthetic.environment(name, i % 2 == 0 ? "host " + CLOSE : "sand\"boxes", 40, new Random(i++));
            envs.add(new EnvironmentResult(e.name(), e.group(), "description " + SCRIPT, e.status(), null,
                    e.fingerprint(), e.durationMillis(), e.cells()));
        }
        return ResultsFile.of("fsconform " + SCRIPT, "2026-11-27T00:00:00Z", envs);
    }
}
