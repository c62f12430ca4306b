package dev.fsconform.report;

import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which kernel a column ran on. A row from a kernel guest names its kernel ({@code tmpfs@kernel-6.1},
 * label {@code kernel.axis}); any other row ran on the kernel of the machine that recorded it. The
 * environment's name without the kernel suffix ties the same environment together across kernels.
 */
final class KernelAxis {
    /** A kernel name as matrix/kernels.yaml allows it, after the environment's name. */
    private static final Pattern IN_NAME = Pattern.compile("@(kernel-[a-z0-9.]+)");

    private KernelAxis() {
    }

    /** The guest's kernel ("kernel-6.1"), or null for a row of the recording machine's own kernel. */
    static String of(EnvironmentVerdict v) {
        Fingerprint fp = v.env().fingerprint();
        String axis = fp == null ? null : fp.labels().get("kernel.axis");
        if (axis != null) {
            return axis;
        }
        Matcher m = IN_NAME.matcher(v.env().name());
        return m.find() ? m.group(1) : null;
    }

    /**
     * The environment's name on any kernel: {@code tmpfs} for {@code tmpfs@kernel-6.1} and for host
     * {@code tmpfs}; {@code tmpfs/image} for {@code tmpfs@kernel-6.1/image} (the guest in a container image).
     */
    static String base(EnvironmentVerdict v) {
        String name = v.env().name();
        String axis = of(v);
        int at = axis == null ? -1 : name.lastIndexOf("@" + axis);
        return at < 0 ? name : name.substring(0, at) + name.substring(at + axis.length() + 1);
    }

    /** The release the column's cells came from: the guest's, or the recording machine's. */
    static String release(EnvironmentVerdict v) {
        Fingerprint fp = v.env().fingerprint();
        if (fp == null) {
            return null;
        }
        return fp.labels().getOrDefault("kernel.release", fp.kernel());
    }

    /** One line per guest kernel, in column order; empty when no column came from a guest. */
    static List<PageView.KernelRow> summary(List<EnvironmentVerdict> columns) {
        Map<String, List<EnvironmentVerdict>> byKernel = new LinkedHashMap<>();
        for (EnvironmentVerdict v : columns) {
            String axis = of(v);
            if (axis != null) {
                byKernel.computeIfAbsent(axis, k -> new ArrayList<>()).add(v);
            }
        }
        List<PageView.KernelRow> rows = new ArrayList<>();
        byKernel.forEach((axis, vs) -> {
            Map<String, String> labels = vs.stream().map(v -> v.env().fingerprint()).filter(fp -> fp != null)
                    .map(Fingerprint::labels).filter(l -> l.containsKey("kernel.release")).findFirst().orElse(Map.of());
            long ran = vs.stream().filter(v -> v.env().status() == EnvStatus.RAN).count();
            rows.add(new PageView.KernelRow(axis, labels.getOrDefault("kernel.release", "not booted"),
                    labels.getOrDefault("kernel.suite", ""), labels.getOrDefault("kernel.accel", ""),
                    landlock(vs), labels.getOrDefault("kernel.lsm", ""), vs.size(), ran, vs.size() - ran));
        });
        return rows;
    }

    /** The Landlock ABI a guest's environments saw (every one probes it; a not-run row has no fingerprint). */
    private static String landlock(List<EnvironmentVerdict> vs) {
        return vs.stream().map(v -> v.env().fingerprint()).filter(fp -> fp != null && fp.labels().containsKey("kernel.release"))
                .findFirst().map(fp -> fp.landlockAbi() > 0 ? "ABI " + fp.landlockAbi() : "none").orElse("");
    }
}
