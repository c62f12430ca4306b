package dev.fsconform.app;

import dev.fsconform.result.AppTrace;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Runs one job in a cell directory: {@code job/} holds everything the tool touches (its home, temp
 * and caches too), {@code other/} is the second directory (on the second mount when there is one),
 * and the traces and logs go beside them, where no tool looks.
 */
public final class AppRun {
    private static final long STEP_TIMEOUT_SECONDS = 60;
    /** Colour codes some tools print even when not on a terminal. */
    private static final java.util.regex.Pattern ANSI = java.util.regex.Pattern.compile("\u001B\\[[0-9;]*m");
    private static final java.util.regex.Pattern BIN = java.util.regex.Pattern.compile("\\$\\{bin:([A-Za-z0-9._+-]+)}");

    /** Version lines by command: several jobs share a tool, and asking pip its version costs half a second. */
    private static final Map<List<String>, String> VERSIONS = new java.util.concurrent.ConcurrentHashMap<>();

    private final AppJob job;
    private final Path jobDir;
    private final Path otherDir;
    private final Path logDir;
    private final Map<String, String> vars = new LinkedHashMap<>();

    private AppRun(AppJob job, Path cellDir, Path otherDir) {
        this.job = job;
        this.jobDir = cellDir.resolve("job");
        this.otherDir = otherDir;
        this.logDir = cellDir.resolve("trace");
        vars.put("job", jobDir.toString());
        vars.put("other", otherDir.toString());
        vars.put("m2", m2().toString());
    }

    /** Why this job cannot run here (a program missing, not GNU, a path absent), or null. */
    public static String unavailable(AppJob job) {
        for (String p : job.needs()) {
            if (Programs.locate(p).isEmpty()) {
                return Programs.missing(p);
            }
        }
        for (String r : job.requires()) {
            Path p = Path.of(r.replace("${m2}", m2().toString()));
            if (!Files.exists(p)) {
                return p + " does not exist here";
            }
        }
        return null;
    }

    /**
     * Runs the job; {@code otherDir} is on the second mount, or null for a directory beside the job.
     * Trouble preparing the inputs is an IOException (the cell's set-up error); the tool's own failure
     * is a result.
     */
    public static AppResult run(AppJob job, Path cellDir, Path otherDir, Tracing tracing) throws IOException {
        return new AppRun(job, cellDir, otherDir != null ? otherDir : cellDir.resolve("other")).run(tracing);
    }

    private AppResult run(Tracing tracing) throws IOException {
        Files.createDirectories(logDir);
        for (String d : List.of("home", "tmp", "home/.cache", "home/.config")) {
            Files.createDirectories(jobDir.resolve(d));
        }
        Files.createDirectories(otherDir);
        String version = version();
        writeFiles();
        int n = 0;
        for (AppJob.Step s : job.setup()) {
            Exit e = exec(s, "setup" + n++, null);
            if (e.status != 0) {
                throw new IOException("set-up step '" + String.join(" ", s.run()) + "' exited " + e.status + ": " + e.lastLine);
            }
        }
        List<Call> calls = new ArrayList<>();
        int exit = 0;
        String failedLine = null;
        long t0 = System.nanoTime();
        n = 0;
        for (AppJob.Step s : job.steps()) {
            Path tracePrefix = tracing.traced() ? logDir.resolve("step" + n) : null;
            Exit e = exec(s, "step" + n++, tracePrefix == null ? null : tracing.prefix(tracePrefix));
            if (tracePrefix != null) {
                calls.addAll(Strace.read(tracePrefix, cwd(s)));
            }
            if (e.status != 0) {
                exit = e.status;
                failedLine = String.join(" ", s.run().stream().map(this::expand).toList()).replace(jobDir + "/", "") + " exited " + e.status + ": " + e.lastLine;
                break;
            }
        }
        double micros = (System.nanoTime() - t0) / 1000.0;
        List<String> problems = exit == 0 ? check() : List.of();
        Fallbacks.Decision d = Fallbacks.decide(calls, exit, problems, jobDir);
        Call deciding = d.deciding();
        AppTrace trace = new AppTrace(version, tracing.description(), exit, d.failed(), d.fallback(),
                deciding == null ? null : deciding.operation(), deciding == null ? null : Shapes.scenario(deciding));
        Path source = deciding == null || deciding.source() == null ? jobDir : Shapes.existingParent(deciding.source());
        Path target = deciding == null || deciding.target() == null ? source : Shapes.existingParent(deciding.target());
        return new AppResult(d.outcome(), deciding == null ? null : deciding.errno(), trace,
                detail(d, calls.size(), tracing, failedLine, problems), problems, source, target, micros);
    }

    private String detail(Fallbacks.Decision d, int traced, Tracing tracing, String failedLine, List<String> problems) {
        StringBuilder b = new StringBuilder(job.tool());
        switch (d.outcome()) {
            case "OK" -> b.append(" worked").append(tracing.traced()
                    ? ": no rename, link or unlink refused (" + traced + " calls traced)" : " (" + tracing.description() + ")");
            case "FALLBACK" -> b.append(" worked by its fallback: ").append(d.deciding().show(jobDir)).append(", then ")
                    .append(d.fallback()).append(job.fallback() == null ? "" : " (documented: " + job.fallback() + ")");
            case "WRONG_STATE" -> b.append(" exited 0 but the end state is wrong: ").append(String.join("; ", problems))
                    .append(d.deciding() == null ? "" : "; refused: " + d.deciding().show(jobDir) + ", then " + d.fallback());
            default -> {
                b.append(" failed: ").append(failedLine);
                if (d.deciding() != null) {
                    b.append("; refused: ").append(d.deciding().show(jobDir)).append(", then ").append(d.fallback());
                } else if (!tracing.traced()) {
                    b.append(" (").append(tracing.description()).append(")");
                }
            }
        }
        return b.toString();
    }

    /** The tool's version line; a tool that cannot say it, or is not GNU where GNU is meant, is not here. */
    private String version() throws IOException {
        if (job.version().isEmpty()) {
            return job.tool();
        }
        String first = VERSIONS.get(job.version());
        if (first == null) {
            Exit e = exec(new AppJob.Step(null, job.version()), "version", null);
            first = e.firstLine == null ? "" : e.firstLine.strip();
            if (e.status != 0 || first.isEmpty()) {
                throw new Unavailable(String.join(" ", job.version()) + " exited " + e.status + " (" + e.lastLine + ")"
                        + (job.gnu() ? ": not GNU" : ""));
            }
            VERSIONS.put(job.version(), first);
        }
        if (job.gnu() && !first.contains("GNU")) {
            throw new Unavailable(job.needs().get(0) + " here is not GNU (" + first + ")");
        }
        // "11.19.1" alone does not say which tool it is.
        return Character.isDigit(first.charAt(0)) ? job.needs().get(0) + " " + first : first;
    }

    /** The job cannot run in this environment: the cell is SKIPPED with this reason. */
    public static final class Unavailable extends IOException {
        private static final long serialVersionUID = 1L;

        Unavailable(String reason) {
            super(reason);
        }
    }

    private void writeFiles() throws IOException {
        for (Map.Entry<String, AppJob.FileSpec> f : job.files().entrySet()) {
            Path p = path(f.getKey());
            Files.createDirectories(p.getParent());
            AppJob.FileSpec spec = f.getValue();
            if (spec.text() != null) {
                Files.writeString(p, expand(spec.text()));
                continue;
            }
            try (OutputStream out = Files.newOutputStream(p); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, String> e : spec.zip().entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
        }
    }

    /** Every promise of the job's end state that does not hold. */
    private List<String> check() throws IOException {
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (AppJob.Check c : job.checks()) {
            if (c.file() != null) {
                Path p = path(c.file());
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    problems.add(c.file() + " is missing");
                } else if (c.contains() != null && !Files.readString(p, StandardCharsets.ISO_8859_1).contains(c.contains())) {
                    problems.add(c.file() + " does not contain '" + c.contains() + "'");
                }
            } else if (c.absent() != null) {
                if (Files.exists(path(c.absent()), LinkOption.NOFOLLOW_LINKS)) {
                    problems.add(c.absent() + " is still there");
                }
            } else if (c.glob() != null) {
                if (!globMatches(c.glob())) {
                    problems.add("nothing matches " + c.glob());
                }
            } else {
                Exit e = exec(new AppJob.Step(null, c.run()), "check" + n++, null);
                if (e.status != 0) {
                    problems.add(String.join(" ", c.run()) + " exited " + e.status + ": " + e.lastLine);
                } else if (c.output() != null && !e.output.contains(c.output())) {
                    problems.add(String.join(" ", c.run()) + " did not print '" + c.output().replace("\n", "\\n") + "'");
                }
            }
        }
        return problems;
    }

    /** A glob whose wildcards are in the last components: walk directory by directory. */
    private boolean globMatches(String glob) throws IOException {
        List<Path> current = List.of(jobDir);
        for (String part : expand(glob).split("/")) {
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!part.contains("*")) {
                    Path p = dir.resolve(part);
                    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                        next.add(p);
                    }
                    continue;
                }
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, part)) {
                    s.forEach(next::add);
                }
            }
            current = next;
        }
        return !current.isEmpty();
    }

    private record Exit(int status, String firstLine, String lastLine, String output) {
    }

    private Exit exec(AppJob.Step step, String name, List<String> prefix) throws IOException {
        List<String> argv = new ArrayList<>(prefix == null ? List.of() : prefix);
        List<String> cmd = step.run().stream().map(this::expand).toList();
        Path program = Programs.locate(cmd.get(0)).orElse(null);
        if (program == null) {
            return new Exit(127, null, cmd.get(0) + ": not found", "");
        }
        argv.add(program.toString());
        argv.addAll(cmd.subList(1, cmd.size()));
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd(step).toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env());
        Process p = pb.start();
        try {
            if (!p.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                return new Exit(124, null, "timed out after " + STEP_TIMEOUT_SECONDS + " s", "");
            }
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + cmd.get(0));
        }
        String out = ANSI.matcher(Files.readString(log, StandardCharsets.ISO_8859_1)).replaceAll("");
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        return new Exit(p.exitValue(), lines.isEmpty() ? null : lines.get(0),
                lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip(), out);
    }

    private Path cwd(AppJob.Step s) {
        return s.cwd() == null ? jobDir : path(s.cwd());
    }

    /** Every home, temp and cache directory inside the job's own directory; nothing from the caller. */
    private Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        Path home = jobDir.resolve("home");
        env.put("PATH", Programs.PATH);
        env.put("HOME", home.toString());
        env.put("TMPDIR", jobDir.resolve("tmp").toString());
        env.put("LC_ALL", "C");
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_AUTHOR_NAME", "fsconform");
        env.put("GIT_AUTHOR_EMAIL", "fsconform@example.invalid");
        env.put("GIT_COMMITTER_NAME", "fsconform");
        env.put("GIT_COMMITTER_EMAIL", "fsconform@example.invalid");
        env.put("npm_config_cache", home.resolve(".npm").toString());
        env.put("npm_config_update_notifier", "false");
        env.put("PIP_CACHE_DIR", home.resolve(".cache/pip").toString());
        env.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
        env.put("PIP_NO_INPUT", "1");
        env.put("PIP_ROOT_USER_ACTION", "ignore");
        env.put("PIP_BREAK_SYSTEM_PACKAGES", "1");
        env.put("CCACHE_DIR", home.resolve(".cache/ccache").toString());
        env.put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto");
        return env;
    }

    private Path path(String p) {
        return jobDir.resolve(expand(p)).normalize();
    }

    /** ${job}, ${other}, ${m2}, and ${bin:NAME}: where NAME is found on the jobs' PATH (as it is, when it is not). */
    private String expand(String s) {
        String out = s;
        for (Map.Entry<String, String> v : vars.entrySet()) {
            out = out.replace("${" + v.getKey() + "}", v.getValue());
        }
        return BIN.matcher(out).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                Programs.locate(m.group(1)).map(Path::toString).orElse(m.group(1))));
    }

    private static Path m2() {
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }
}
