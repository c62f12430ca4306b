package dev.fsconform.report;

import com.github.mustachejava.Mustache;
import com.github.mustachejava.SafeMustacheFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

/**
 * Renders the page template. {@link SafeMustacheFactory} refuses unescaped tags ({{{x}}}, {{&x}})
 * and any partial but the page's own script and style, so every value is HTML-escaped by construction.
 * The Content-Security-Policy allows exactly those two inline blocks (by hash) and no network at all.
 */
final class Page {
    private static final String ROOT = "dev/fsconform/report";
    static final String TEMPLATE = "matrix.mustache";
    static final String SCRIPT = "matrix.js";
    static final String STYLE = "matrix.css";
    private static final Mustache MUSTACHE = new SafeMustacheFactory(Set.of(TEMPLATE, SCRIPT, STYLE), ROOT)
            .compile(TEMPLATE);
    static final String CSP = "default-src 'none'; script-src '" + sha256(SCRIPT) + "'; style-src '"
            + sha256(STYLE) + "'; img-src data:; base-uri 'none'; form-action 'none'";

    private Page() {
    }

    static String render(PageView view) {
        StringWriter out = new StringWriter();
        MUSTACHE.execute(out, view);
        return out.toString();
    }

    static String resource(String name) {
        try (InputStream in = Page.class.getClassLoader().getResourceAsStream(ROOT + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(resource(name).getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
