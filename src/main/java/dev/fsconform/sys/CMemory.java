package dev.fsconform.sys;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/** Native memory the facade hands to the kernel: zeroed structs, C strings, NULL-terminated arrays. */
final class CMemory {
    /** Paths and arguments go to the kernel in the JVM's file-name encoding, as java.io does. */
    private static final Charset JNU = jnuCharset();

    private final Runtime runtime;

    CMemory(Runtime runtime) {
        this.runtime = runtime;
    }

    Pointer zeroed(int bytes) {
        return Memory.allocateDirect(runtime, bytes, true);
    }

    Pointer cString(String s) {
        byte[] bytes = s.getBytes(JNU);
        Pointer p = zeroed(bytes.length + 1);
        p.put(0, bytes, 0, bytes.length);
        return p;
    }

    /** {@code length} bytes the kernel wrote (a name, a link target), decoded as java.io decodes file names. */
    String decode(Pointer p, long offset, int length) {
        byte[] bytes = new byte[length];
        p.get(offset, bytes, 0, length);
        return new String(bytes, JNU);
    }

    /** A NULL-terminated char*[]; {@code keep} holds the strings so the GC cannot free them early. */
    record CStringArray(Pointer array, List<Pointer> keep) {
    }

    CStringArray cStringArray(List<String> strings) {
        int width = runtime.addressSize();
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
