package dev.fsconform.repro;

import dev.fsconform.operation.Operation;

/**
 * The exact call the probe makes, as a program small enough to read: C for the native calls (same
 * descriptors and raw syscall as {@code Posix}), Java for Files.move. Paths are relative to the fixture.
 */
final class CallSource {
    private static final String C_HEAD = String.join("\n",
            "#define _GNU_SOURCE",
            "#include <errno.h>",
            "#include <fcntl.h>",
            "#include <stdio.h>",
            "#include <string.h>",
            "#include <sys/syscall.h>",
            "#include <unistd.h>",
            "",
            "int main(void) {");
    private static final String C_TAIL = String.join("\n",
            "    printf(\"%s\\n\", rc == 0 ? \"OK\" : strerror(errno));",
            "    printf(\"errno=%d\\n\", rc == 0 ? 0 : errno);",
            "    return rc != 0;",
            "}",
            "");

    private CallSource() {
    }

    /** The C program for a native call, or null when the operation is not one. */
    static String c(Operation op, String target) {
        String call = nativeCall(op, target);
        return call == null ? null : "// " + op.description() + ": " + Paths.SOURCE + " -> " + target + "\n"
                + C_HEAD + "\n" + call + "\n" + C_TAIL;
    }

    private static String nativeCall(Operation op, String target) {
        String dir = target.substring(0, target.lastIndexOf('/'));
        String dirs = "    int a = open(\"" + Paths.SOURCE_DIR + "\", O_PATH | O_DIRECTORY | O_CLOEXEC);\n"
                + "    int b = open(\"" + dir + "\", O_PATH | O_DIRECTORY | O_CLOEXEC);\n";
        switch (op) {
            case RENAME: return "    long rc = rename(\"" + Paths.SOURCE + "\", \"" + target + "\");";
            case LINK: return "    long rc = link(\"" + Paths.SOURCE + "\", \"" + target + "\");";
            case RENAMEAT: return dirs + "    long rc = renameat(a, \"src\", b, \"dst\");";
            case LINKAT: return dirs + "    long rc = linkat(a, \"src\", b, \"dst\", 0);";
            case RENAMEAT2: return dirs + renameat2("0");
            case RENAMEAT2_NOREPLACE: return dirs + renameat2("1 /* RENAME_NOREPLACE */");
            case RENAMEAT2_EXCHANGE: return dirs + renameat2("2 /* RENAME_EXCHANGE */");
            case RENAMEAT2_WHITEOUT: return dirs + renameat2("4 /* RENAME_WHITEOUT, needs CAP_MKNOD */");
            default: return null;
        }
    }

    /** The raw syscall, as the probe makes it, so an old libc without renameat2() does not matter. */
    private static String renameat2(String flags) {
        return "    long rc = syscall(SYS_renameat2, a, \"src\", b, \"dst\", " + flags + ");";
    }

    /** A Java source-file program for Files.move, or null when the operation is not one. */
    static String java(Operation op, String target) {
        String options;
        switch (op) {
            case FILES_MOVE: options = ""; break;
            case FILES_MOVE_REPLACE: options = ", StandardCopyOption.REPLACE_EXISTING"; break;
            case FILES_MOVE_ATOMIC: options = ", StandardCopyOption.ATOMIC_MOVE"; break;
            default: return null;
        }
        return "import java.nio.file.*;\n"
                + "class Repro { public static void main(String[] args) throws Exception {\n"
                + "    Files.move(Path.of(\"" + Paths.SOURCE + "\"), Path.of(\"" + target + "\")" + options + "); } }\n";
    }
}
