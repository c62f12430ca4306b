package dev.fsconform.sandbox;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.SaveError;

/** Loads libc lazily (parsing policies must not pay for jnr stubs) and owns native memory helpers. */
final class Native {
    /** Paths and arguments go to the kernel in the JVM's file-name encoding, as java.io does. */
    static final Charset JNU = jnuCharset();

    private Native() {
    }

    /**
     * The few libc entry points the sandbox needs. Every call saves errno so {@link Native} can read it
     * right after the call, before anything else on this thread can overwrite it.
     * {@code syscall} is variadic in C; fixed 64-bit integer arguments are passed the same way on
     * x86_64 and aarch64 Linux, and the kernel ignores the unused ones.
     * <p>
     * Public only for the JVM: jnr generates the implementation in its own class loader, which cannot
     * implement a package-private interface. The enclosing class keeps it package-private for Java code.
     */
    public interface LibC {
        @SaveError
        long syscall(long number, long a1, long a2, long a3);

        /**
         * Six arguments, never five: with jnr-ffi 2.3.4 on x86_64 a method of exactly six 64-bit
         * parameters passes garbage as the last one (seen with strace as renameat2 flags).
         */
        @SaveError
        long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

        @SaveError
        int prctl(int option, long a2, long a3, long a4, long a5);

        @SaveError
        int open(Pointer path, int flags);

        @SaveError
        int close(int fd);

        @SaveError
        int fcntl(int fd, int cmd, int arg);

        @SaveError
        int sigprocmask(int how, Pointer set, Pointer oldSet);

        @SaveError
        int execve(Pointer path, Pointer argv, Pointer envp);
    }

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    static LibC libc() {
        return Holder.LIBC;
    }

    static Runtime runtime() {
        return Holder.RUNTIME;
    }

    /** errno of the last {@link LibC} call on this thread; call it immediately after the call. */
    static int errno() {
        return Holder.RUNTIME.getLastError();
    }

    static Pointer zeroed(int bytes) {
        return Memory.allocateDirect(runtime(), bytes, true);
    }

    static Pointer cString(String s) {
        byte[] bytes = s.getBytes(JNU);
        Pointer p = zeroed(bytes.length + 1);
        p.put(0, bytes, 0, bytes.length);
        return p;
    }

    /** A NULL-terminated char*[]; {@code keep} holds the strings so the GC cannot free them early. */
    record CStringArray(Pointer array, List<Pointer> keep) {
    }

    static CStringArray cStringArray(List<String> strings) {
        int width = runtime().addressSize();
        Pointer array = zeroed((strings.size() + 1) * width);
        List<Pointer> keep = new ArrayList<>(strings.size());
        for (int i = 0; i < strings.size(); i++) {
            Pointer s = cString(strings.get(i));
            keep.add(s);
            array.putAddress((long) i * width, s.address());
        }
        return new CStringArray(array, List.copyOf(keep));
    }

    private static Charset jnuCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
