package dev.fsconform.env;

import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.InvalidResultsException;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One boot of one kernel: QEMU as the chosen {@link KernelLauncher} starts it (on the host in an
 * enclave of its own, or in a container; either dies with this JVM, even by SIGKILL),
 * the host lab of this very jar run inside the guest over the chosen environments, and its
 * results read back from the writable share and renamed {@code NAME@kernel-K}, each fingerprint
 * carrying the guest kernel's facts. The console log, exit status and the guest's own summary are
 * kept in {@code keep}.
 */
final class KernelGuest {
    /** The console of a boot that panicked before the host lab started, when the guest was booted again. */
    static final String FIRST_BOOT = "console-first-boot.log";

    /** What the guest writes into its share, besides matrix.json. */
    static final List<String> KEPT = List.of("console.log", "exit-status", "progress.log", "summary.txt", "lsm",
            "filesystems", "qemu.log", FIRST_BOOT, "qemu-started");

    /** Where the guest's host lab writes each environment's results as soon as it is done. */
    static final String STREAM_DIR = "envs";

    /**
     * Where the guest maps its copy of the class-data archive: in its RAM. A kernel before 5.15 reads a
     * 9p file through its page cache one page per request, 25 s for the archive and libjvm on 5.10,
     * where a direct read (O_DIRECT: requests of the mount's msize) copies the archive in a third of a
     * second; libjvm is copied so too. On later kernels it is a link to the share's archive.
     */
    static final String GUEST_ARCHIVE = "/run/fsconform/fsconform.jsa";

    /** Under emulation a probe takes 20-30 times as long as natively: environment budgets grow by this much. */
    static final int GUEST_SLOWDOWN = 5;

    private KernelGuest() {
    }

    record Setup(Path dir, Path keep, KernelLauncher launcher, KernelLauncher.Guest guest, String environmentsYaml, Qemu qemu) {
    }

    static List<EnvironmentResult> run(Kernel k, KernelImage image, List<Environment> envs, Setup s, KernelStatus status)
            throws IOException {
        long t0 = System.nanoTime();
        Path out = Files.createDirectories(s.dir().resolve("out"));
        Files.writeString(out.resolve("environments.yaml"), EnvironmentCatalog.forGuest(s.environmentsYaml(), GUEST_SLOWDOWN,
                envs.stream().map(Environment::name).collect(Collectors.toSet())));
        Files.writeString(out.resolve("run.sh"), script(s.guest().fsconform(), envs, k.apps(), s.qemu().smp()));
        Files.createDirectories(s.keep());
        status.watch(out);
        Deadline deadline = Deadline.in(k.timeoutSeconds());
        EnvFailure failure = null;
        String firstBoot = null;
        try {
            failure = boot(k, image, s, out, deadline, status);
            if (failure == null && panickedBeforeTheLab(out)) {
                firstBoot = lastConsoleLine(out);
                Files.move(out.resolve("console.log"), out.resolve(FIRST_BOOT), StandardCopyOption.REPLACE_EXISTING);
                failure = boot(k, image, s, out, deadline, status);
            }
        } finally {
            status.unwatch();
            keep(out, s.keep());
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (failure == null) {
            failure = guestFailure(out);
        }
        Map<String, EnvironmentResult> byName = streamed(out);
        if (Files.isRegularFile(out.resolve("matrix.json"))) {
            try {
                ResultsFile file = ResultsJson.read(out.resolve("matrix.json"));
                file.environments().forEach(r -> byName.put(r.name(), r));
                Files.copy(out.resolve("matrix.json"), s.keep().resolve("matrix.json"), StandardCopyOption.REPLACE_EXISTING);
            } catch (InvalidResultsException e) {
                failure = EnvFailure.setupError("the guest's results cannot be read: " + e.getMessage());
            }
        } else if (failure == null) {
            failure = EnvFailure.setupError("the guest wrote no results; console: " + lastConsoleLine(out));
        }
        Map<String, String> facts = facts(k, image, s.qemu(), s.guest().launcher(), out);
        if (firstBoot != null) {
            facts.put("kernel.boots", "2 (the first panicked before the host lab started: " + firstBoot + "; its console is kept as "
                    + FIRST_BOOT + ")");
        }
        List<EnvironmentResult> rows = new ArrayList<>();
        for (Environment e : envs) {
            EnvironmentResult r = byName.get(e.name());
            String name = e.name() + "@" + k.axis();
            String description = e.description() + " (kernel " + image.release() + ")";
            if (r == null) {
                EnvFailure f = failure != null ? failure : EnvFailure.setupError("the guest's results have no row for it");
                rows.add(EnvironmentResult.notRun(name, e.group(), description, f.status(), f.getMessage(), millis));
            } else {
                rows.add(new EnvironmentResult(name, r.group(), description, r.status(), r.reason(),
                        withFacts(r.fingerprint(), facts), r.durationMillis(), r.cells(), r.phases()));
            }
        }
        return rows;
    }

    /**
     * The rows the guest handed out one by one as its environments finished ({@code --stream-to}):
     * what a guest that ran out of time or crashed still measured. Unreadable ones are left out.
     */
    static Map<String, EnvironmentResult> streamed(Path out) throws IOException {
        Map<String, EnvironmentResult> byName = new LinkedHashMap<>();
        Path dir = out.resolve(STREAM_DIR);
        if (!Files.isDirectory(dir)) {
            return byName;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    ResultsJson.read(f).environments().forEach(r -> byName.put(r.name(), r));
                } catch (InvalidResultsException e) {
                    // Half a file from a guest killed while writing it: that row is the guest's failure.
                }
            }
        }
        return byName;
    }

    private static EnvFailure boot(Kernel k, KernelImage image, Setup s, Path out, Deadline deadline, KernelStatus status)
            throws IOException {
        try {
            Path log = out.resolve("qemu.log");
            // The host's time of day the launcher starts QEMU at, for the time from there to the guest's milestones.
            Files.writeString(out.resolve("qemu-started"), String.format("%.3f%n", System.currentTimeMillis() / 1000.0));
            int rc = s.launcher().run(s.guest(), s.qemu().argv(s.guest(), out, out.resolve("console.log")), s.dir(), log,
                    Duration.ofMillis(deadline.remainingMillis()));
            return rc == 0 ? null : EnvFailure.setupError("QEMU failed: "
                    + new Exec.Outcome(rc, Files.isRegularFile(log) ? Files.readString(log) : "").lastLine());
        } catch (EnvFailure f) {
            return f.status() == EnvStatus.TIMEOUT
                    ? EnvFailure.timeout("the guest timed out after " + k.timeoutSeconds() + " s, " + status.phase())
                    : f;
        }
    }

    /**
     * Under multi-threaded TCG a guest kernel now and then oopses on int3 while another vCPU patches
     * kernel text in early boot (seen on 7.2 at 1.2 s, in the scheduler): that boot never reached
     * fsconform, so it is booted once more, and both consoles are kept. A panic once the lab has
     * started is a result and is not retried.
     */
    static boolean panickedBeforeTheLab(Path out) throws IOException {
        Path console = out.resolve("console.log");
        if (!Files.isRegularFile(console) || Files.isRegularFile(out.resolve("exit-status"))) {
            return false;
        }
        String text = Files.readString(console);
        return text.contains("Kernel panic") && !text.contains("fsconform-guest: host lab starting");
    }

    /**
     * The guest's script: mount the jar's share at the jar's path in QEMU's root (a class-data archive maps
     * only for the jar it was dumped from, by path; the JVM reads just the entries it needs, where
     * copying the jar cost seconds under emulation), record the kernel's LSMs and filesystems, run
     * the host lab without containers, one environment per vCPU, each probed on a thread of that one
     * JVM (a cold JVM per environment was most of the time under emulation), each environment's
     * results handed out as soon as it is done (a guest out of time keeps those), and matrix.json,
     * written straight into the share (a copy there cost seconds under emulation). The
     * guest's run directories go under /run/fsconform/work, apart from the jar's path (on the
     * guest's tmpfs /var/tmp when the host's work directory is there): its reaper must not take
     * that for a run the guest left behind. The kernel's filesystems are listed at the end, when the
     * modules the guest loads in the background are all in. The lab starts from {@link Launcher#GUEST_MATRIX},
     * not {@code -jar ... matrix}: no containers, no kernels, and no picocli (seconds under emulation), and maps
     * its {@link #GUEST_ARCHIVE copy} of the class-data archive.
     */
    static String script(Launcher launcher, List<Environment> envs, String apps, int jobs) {
        String only = envs.stream().map(Environment::name).collect(Collectors.joining(","));
        String dir = quote(launcher.jar().getParent().toString());
        Path archive = launcher.archive();
        Launcher lab = launcher.withArchiveCopy(Path.of(GUEST_ARCHIVE));
        return String.join("\n",
                "#!/bin/sh",
                "export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8",
                "g=/fsconform-guest w=/run/fsconform",
                "mkdir -p $w/work $g/" + STREAM_DIR + " " + dir + " && cp $g/environments.yaml $w/ || exit 125",
                "mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=262144 " + Qemu.JAR_TAG + " " + dir
                        + " || exit 125",
                "echo \"fsconform-guest: copying the JVM's files $(cut -d' ' -f1 /proc/uptime)s\"",
                // Before 5.15 both at once, libjvm bound over its own path; later kernels read ahead over 9p,
                // where the copies cost more than they save, and the lab maps the share's archive by a link.
                "case $(uname -r) in [1-4].*|5.[0-9].*|5.1[0-4].*) "
                        + (archive == null ? "" : "{ dd if=" + quote(archive.toString()) + " of=" + GUEST_ARCHIVE
                        + " bs=1M iflag=direct status=none || cp " + quote(archive.toString()) + " " + GUEST_ARCHIVE + "; } & ")
                        + "j=" + quote(launcher.java().getParent().getParent().resolve("lib/server/libjvm.so").toString())
                        + "; dd if=\"$j\" of=$w/libjvm.so bs=1M iflag=direct status=none 2>/dev/null && mount --bind $w/libjvm.so \"$j\"; wait;; "
                        + (archive == null ? "" : "*) ln -s " + quote(archive.toString()) + " " + GUEST_ARCHIVE + ";; ") + "esac",
                "cat /sys/kernel/security/lsm > $g/lsm 2>/dev/null",
                "echo \"fsconform-guest: host lab starting $(cut -d' ' -f1 /proc/uptime)s\"",
                "cd $w && " + quote(lab.java().toString()) + " "
                        + lab.jvmOptions().stream().map(KernelGuest::quote).collect(Collectors.joining(" "))
                        + " -Dfsconform.milestones=true -cp " + quote(lab.jar().toString()) + " " + Launcher.GUEST_MATRIX
                        + " --only " + quote(only)
                        + " --apps " + quote(apps) + " --json-only --probe-threads --stream-to $g/" + STREAM_DIR
                        + " --after /run/fsconform-init/modules-loaded"
                        + " --environments $w/environments.yaml --out $g --work-dir $w/work --jobs " + jobs
                        + " > $g/summary.txt 2> $g/progress.log",
                "rc=$?",
                "echo \"fsconform-guest: host lab exited $(cut -d' ' -f1 /proc/uptime)s\"",
                // What the kernel offers once every module is in: environments that needed none may all be done before.
                "n=0; while [ ! -e /run/fsconform-init/modules-loaded ] && [ $n -lt 600 ]; do sleep 0.2; n=$((n + 1)); done",
                "cat /proc/filesystems > $g/filesystems",
                "exit $rc",
                "");
    }

    /** One word for /bin/sh, whatever it holds. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The guest's matrix exits 0 or 1 (an environment failed: its row says why); anything else is the guest's failure. */
    private static EnvFailure guestFailure(Path out) throws IOException {
        Path status = out.resolve("exit-status");
        if (!Files.isRegularFile(status)) {
            return EnvFailure.setupError("the guest stopped before its run ended; console: " + lastConsoleLine(out));
        }
        String rc = Files.readString(status).strip();
        if (rc.equals("0") || rc.equals("1")) {
            return null;
        }
        Path err = out.resolve("progress.log");
        String last = Files.isRegularFile(err) ? new Exec.Outcome(1, Files.readString(err)).lastLine() : "";
        return EnvFailure.setupError("the guest's host lab exited " + rc + (last.isEmpty() ? "" : ": " + last));
    }

    static String lastConsoleLine(Path out) throws IOException {
        Path console = out.resolve("console.log");
        if (!Files.isRegularFile(console)) {
            return "no console output";
        }
        List<String> lines = Files.readString(console).replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").lines()
                .map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.isEmpty() ? "no console output" : lines.get(lines.size() - 1);
    }

    /** The guest kernel's facts: which kernel, from where, how it was run, its LSMs and filesystems. */
    private static Map<String, String> facts(Kernel k, KernelImage image, Qemu qemu, String launcher, Path out) throws IOException {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("kernel.axis", k.axis());
        f.put("kernel.release", image.release());
        f.put("kernel.suite", k.suite());
        f.put("kernel.packages", image.packages().lines().map(l -> l.split(" ")[0]).collect(Collectors.joining(" ")));
        f.put("kernel.vm", qemu.describe());
        f.put("kernel.accel", qemu.accel());
        f.put("kernel.launcher", launcher);
        Path lsm = out.resolve("lsm");
        f.put("kernel.lsm", Files.isRegularFile(lsm) ? Files.readString(lsm).strip() : "none (no securityfs)");
        Path fs = out.resolve("filesystems");
        if (Files.isRegularFile(fs)) {
            Set<String> names = new TreeSet<>();
            Files.readAllLines(fs).forEach(l -> names.add(l.substring(l.lastIndexOf('\t') + 1).strip()));
            f.put("kernel.filesystems", String.join(" ", names));
        }
        return f;
    }

    private static Fingerprint withFacts(Fingerprint fp, Map<String, String> facts) {
        if (fp == null) {
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>(fp.labels());
        labels.putAll(facts);
        return fp.withLabels(labels);
    }

    private static void keep(Path out, Path keep) {
        for (String f : KEPT) {
            try {
                if (Files.isRegularFile(out.resolve(f))) {
                    Files.copy(out.resolve(f), keep.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                // A missing log must not hide the guest's results.
            }
        }
    }

}
