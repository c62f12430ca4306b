package dev.fsconform.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** A file's UTF-8 text, read up to a bound; gzip is decompressed transparently and counted after decompression. */
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
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            }
            if (bytes.length > maxBytes) {
                throw new Unreadable("larger than " + size(maxBytes) + (gzip ? " once decompressed" : "")
                        + ", the most fsconform reads");
            }
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new Unreadable("a damaged gzip stream (" + Quote.firstLine(e.getMessage()) + ")");
        } catch (IOException e) {
            throw new Unreadable("cannot read (" + Quote.firstLine(e.getMessage()) + ")");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable("not UTF-8 text");
        }
    }

    static String size(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }
}
