package dev.fsconform.container;

/** What one command run inside a container printed and returned. */
record ExecResult(int exitCode, String stdout, String stderr) {

    boolean ok() {
        return exitCode == 0;
    }

    /** The last non-blank line of stderr (else stdout): what a one-line error should quote. */
    String lastLine() {
        String from = stderr.isBlank() ? stdout : stderr;
        return from.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("(no output)").strip();
    }
}
