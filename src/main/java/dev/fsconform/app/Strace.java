package dev.fsconform.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Tracing a tool with {@code strace -f}, restricted to the calls that move, link, remove or copy
 * files, and reading what it wrote back: the one place that knows strace's output format.
 */
final class Strace {
    static final String CALLS = "rename,renameat,renameat2,link,linkat,symlink,symlinkat,unlink,unlinkat,copy_file_range";
    private static final Pattern LINE = Pattern.compile("^(\\w+)\\((.*)\\) += (-?\\d+|\\?)(?: (E[A-Z0-9]+) .*)?$");
    private static final Pattern FD_PATH = Pattern.compile("^(?:AT_FDCWD|\\d+)<(.*)>$");

    private Strace() {
    }

    /**
     * The prefix that runs a command under strace, one output file per process ({@code -ff}), each
     * fd decorated with its path ({@code -y}). {@code --seccomp-bpf} stops only at traced calls, but a
     * process already under a seccomp filter must not use it: a filter's injected errno outranks
     * strace's trace request, and the refused call would vanish from the trace.
     */
    static List<String> prefix(Path strace, Path outPrefix, boolean seccompBpf) {
        List<String> argv = new ArrayList<>(List.of(strace.toString(), "-f", "-ff", "-qq", "-y", "-e", "trace=" + CALLS,
                "-e", "signal=none", "-o", outPrefix.toString()));
        if (seccompBpf) {
            argv.add("--seccomp-bpf");
        }
        argv.add("--");
        return argv;
    }

    /** Every call in the files {@code outPrefix.PID}, relative paths resolved against {@code cwd}. */
    static List<Call> read(Path outPrefix, Path cwd) throws IOException {
        String name = outPrefix.getFileName().toString() + ".";
        List<Call> calls = new ArrayList<>();
        try (Stream<Path> files = Files.list(outPrefix.getParent())) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(name)).sorted().toList()) {
                int pid;
                try {
                    pid = Integer.parseInt(f.getFileName().toString().substring(name.length()));
                } catch (NumberFormatException e) {
                    continue;
                }
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    Call c = parse(pid, line, cwd);
                    if (c != null) {
                        calls.add(c);
                    }
                }
            }
        }
        return calls;
    }

    /** One line of strace output as a call, or null for anything else (exit notices, unknown calls). */
    static Call parse(int pid, String line, Path cwd) {
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
            return null;
        }
        String syscall = m.group(1);
        List<String> args = split(m.group(2));
        String errno = m.group(3).startsWith("-") ? (m.group(4) == null ? "E?" : m.group(4)) : null;
        switch (syscall) {
            case "rename", "link":
                return args.size() < 2 ? null : new Call(pid, syscall, null, path(null, args.get(0), cwd), path(null, args.get(1), cwd), errno);
            case "renameat", "renameat2", "linkat":
                if (args.size() < 4) {
                    return null;
                }
                return new Call(pid, syscall, args.size() > 4 ? args.get(4) : null, path(args.get(0), args.get(1), cwd),
                        path(args.get(2), args.get(3), cwd), errno);
            case "symlink":
                return args.size() < 2 ? null : new Call(pid, syscall, null, null, path(null, args.get(1), cwd), errno);
            case "symlinkat":
                return args.size() < 3 ? null : new Call(pid, syscall, null, null, path(args.get(1), args.get(2), cwd), errno);
            case "unlink":
                return args.isEmpty() ? null : new Call(pid, syscall, null, path(null, args.get(0), cwd), null, errno);
            case "unlinkat":
                return args.size() < 2 ? null : new Call(pid, syscall, args.size() > 2 ? args.get(2) : null,
                        path(args.get(0), args.get(1), cwd), null, errno);
            case "copy_file_range":
                return args.size() < 3 ? null : new Call(pid, syscall, null, fd(args.get(0)), fd(args.get(2)), errno);
            default:
                return null;
        }
    }

    /** A path argument: absolute as it is, relative to its dirfd's decorated path, else to {@code cwd}. */
    private static Path path(String dirfd, String quoted, Path cwd) {
        String p = unquote(quoted);
        if (p == null) {
            return null;
        }
        if (p.startsWith("/")) {
            return Path.of(p).normalize();
        }
        Path base = dirfd == null ? null : fd(dirfd);
        return (base != null ? base : cwd).resolve(p).normalize();
    }

    private static Path fd(String arg) {
        Matcher m = FD_PATH.matcher(arg.strip());
        return m.matches() && m.group(1).startsWith("/") ? Path.of(m.group(1)).normalize() : null;
    }

    private static String unquote(String arg) {
        String a = arg.strip();
        if (a.endsWith("...")) {
            a = a.substring(0, a.length() - 3);
        }
        return a.length() >= 2 && a.startsWith("\"") && a.endsWith("\"") ? a.substring(1, a.length() - 1) : null;
    }

    /** Splits on commas outside quotes and fd decorations. */
    static List<String> split(String args) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        for (int i = 0; i < args.length(); i++) {
            char ch = args.charAt(i);
            if (quoted) {
                cur.append(ch);
                if (ch == '\\' && i + 1 < args.length()) {
                    cur.append(args.charAt(++i));
                } else if (ch == '"') {
                    quoted = false;
                }
            } else if (ch == '"') {
                quoted = true;
                cur.append(ch);
            } else if (ch == '<') {
                angle++;
                cur.append(ch);
            } else if (ch == '>' && angle > 0) {
                angle--;
                cur.append(ch);
            } else if (ch == ',' && angle == 0) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString().strip());
        }
        return out;
    }
}
