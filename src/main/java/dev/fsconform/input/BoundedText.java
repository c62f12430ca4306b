package dev.fsconform.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A file's UTF-8 text, read up to a bound; gzip is decompressed transparently and counted after
 * decompression. Past the bound nothing is kept: a plain file is refused by its size, a gzip stream
 * after one counting pass in a fixed buffer, so a bomb costs CPU time, not memory.
 */
public final class BoundedText {
    /** Why a file's text cannot be used: one line, without the file's name (the caller adds it). */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    private BoundedText() {
    }

    public static String read(Path path, long maxBytes) throws Unreadable {
        byte[] bytes;
        try {
            boolean gzip = isGzip(path);
            long size = gzip ? decompressedSize(path, maxBytes) : Files.size(path);
            if (size > maxBytes) {
                throw new Unreadable("larger than " + size(maxBytes) + (gzip ? " once decompressed" : "")
                        + ", the most fsconform reads");
            }
            try (InputStream raw = Files.newInputStream(path);
                 InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
                // One array of the known size, not readNBytes' growing copies: the text's memory is its size.
                byte[] buffer = new byte[(int) size];
                int n = in.readNBytes(buffer, 0, buffer.length);
                if (in.read() >= 0) {
                    throw new Unreadable("changed while it was read (it grew)");
                }
                bytes = n == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, n);
            }
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new Unreadable("a damaged gzip stream (" + Quote.firstLine(e.getMessage()) + ")");
        } catch (IOException e) {
            throw new Unreadable("cannot read (" + Quote.firstLine(e.getMessage()) + ")");
        }
        checkUtf8(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The file's bytes as a stream (gzip decompressed), failing with {@link TooLarge} once past the bound:
     * for a reader that scans a file before anything is kept in memory.
     */
    public static InputStream stream(Path path, long maxBytes) throws IOException {
        boolean gzip = isGzip(path);
        InputStream raw = Files.newInputStream(path);
        InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
        String bound = "larger than " + size(maxBytes) + (gzip ? " once decompressed" : "") + ", the most fsconform reads";
        return new java.io.FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                count(Math.max(0, n));
                return n;
            }

            private void count(int n) throws TooLarge {
                count += n;
                if (count > maxBytes) {
                    throw new TooLarge(bound);
                }
            }
        };
    }

    /** A stream from {@link #stream} went past its bound. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private static boolean isGzip(Path path) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 2)) {
            return raw.read() == 0x1f && raw.read() == 0x8b;
        }
    }

    /** Decompressed bytes up to one past the bound, counted in a fixed buffer. */
    private static long decompressedSize(Path path, long maxBytes) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path), 1 << 16)) {
            for (int n; total <= maxBytes && (n = in.read(buffer)) > 0; ) {
                total += n;
            }
        }
        return total;
    }

    /** Validates without a decoded copy: the text is then built once from the bytes. */
    private static void checkUtf8(byte[] bytes) throws Unreadable {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(1 << 14);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                throw new Unreadable("not UTF-8 text");
            }
            out.clear();
            if (r.isUnderflow()) {
                break;
            }
        }
        CoderResult r = decoder.flush(out);
        if (r.isError()) {
            throw new Unreadable("not UTF-8 text");
        }
    }

    static String size(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }
}
