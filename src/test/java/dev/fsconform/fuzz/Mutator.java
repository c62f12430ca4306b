package dev.fsconform.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Structure-aware mutations of a real input, driven by one seed so that a failure replays exactly:
 * a few edits of the parsed tree (values of the wrong type, hostile strings, words of the vocabulary in
 * the wrong place, removed or unknown fields, repeated elements), or edits of the raw bytes
 * (truncation, flipped bytes, syntax tokens), sometimes gzip-compressed or half a gzip stream.
 */
final class Mutator {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Words the readers give meaning to: statuses, outcomes, kinds, operations, field names. */
    private static final List<String> WORDS = List.of("RAN", "SKIPPED", "SETUP_ERROR", "TIMEOUT", "NOT_APPLICABLE",
            "OK", "COPIED", "PARTIAL", "WRONG_STATE", "FALLBACK", "EXDEV", "EEXIST", "EINVAL", "exit-1", "rename",
            "renameat2-exchange", "renameat2-whiteout", "files-move", "mv", "file-same-dir", "dir-cross-mount",
            "seeded-dir-same-dir", "tmpfs", "overlay", "loop", "bind-pair", "landlock", "seccomp", "plain-dir",
            "name", "kind", "backend", "cells", "environments", "schema", "schemaVersion", "fingerprint", "mounts",
            "fsType", "options", "labels", "rows", "outcomes", "ops", "groups", "where", "boundary", "mount", "device",
            "fsconform-results", "refer", "no-refer", "renameat2-enosys", "*", "**", "-", "--", "");
    private static final List<String> HOSTILE = List.of("</script><script>alert(1)</script>", "{{name}}", "\u0000",
            "\uD800", "\u202Eevil", "line\nbreak", "tab\there", "../../etc/passwd", "/", "%s%n%x", "${jndi:x}",
            "'\"`", "\r\n", "NaN", "-0", "1e999", "9223372036854775808");
    private static final List<String> JSON_TOKENS = List.of("{", "}", "[", "]", "\"", ",", ":", "null", "true",
            "-1e99999", "\\u0000", "\\ud800", "0x10", "[[[[[[[[[[", "}}}}", "/*", "\uFEFF");
    private static final List<String> YAML_TOKENS = List.of("&a ", "*a", "!!binary ", "!!java.io.File ", "? ", "- ",
            "{", "}", "[", "]", ": ", "\t", "  ", "<<: *a", "---\n", "...\n", "|\n", ">-\n", "%YAML 1.1\n", "#", "'",
            "\"", "~", "!!int ", "0o777", ".inf", "@", "`");

    private static final List<String> PROC_TOKENS = List.of(" ", "\n", " - ", "-", "\\040", "\\000", "\\", "\u0000",
            "0", "-1", "99999999999999999999", "0:0", "/", "//", "/..", "Uid:", "CapEff:", "\t", ":", "ffffffffffffffffff",
            "shared:1", "master:", "rw,", ",,");

    private Mutator() {
    }

    /** Line-oriented text (/proc files): byte edits with the tokens their parsers split on. */
    static byte[] text(byte[] seed, long rnd) {
        return bytes(seed, new Random(rnd), PROC_TOKENS);
    }

    static byte[] json(byte[] seed, long rnd) {
        Random r = new Random(rnd);
        byte[] out = r.nextInt(10) < 6 ? tree(JSON, seed, r) : bytes(seed, r, JSON_TOKENS);
        return r.nextInt(10) == 0 ? gzip(out, r) : out;
    }

    static byte[] yaml(byte[] seed, long rnd) {
        Random r = new Random(rnd);
        return r.nextInt(10) < 5 ? tree(YAML, seed, r) : bytes(seed, r, YAML_TOKENS);
    }

    private static byte[] tree(ObjectMapper mapper, byte[] seed, Random r) {
        try {
            JsonNode root = mapper.readTree(seed);
            int edits = 1 + r.nextInt(4);
            for (int i = 0; i < edits; i++) {
                root = edit(root, r);
            }
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            // An edit the writer itself refuses (it never happens with these values): mutate the bytes instead.
            return bytes(seed, r, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One edit at a random container node of the tree; returns the (possibly replaced) root. */
    private static JsonNode edit(JsonNode root, Random r) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return value(r);
        }
        JsonNode at = containers.get(r.nextInt(containers.size()));
        if (at instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String field = names.isEmpty() || r.nextInt(5) == 0 ? pick(WORDS, r) : names.get(r.nextInt(names.size()));
            switch (r.nextInt(4)) {
                case 0 -> o.remove(field);
                case 1 -> o.set(field, value(r));
                case 2 -> o.set(pick(WORDS, r) + (r.nextBoolean() ? "" : "x"), value(r));
                default -> o.set(field, NODES.textNode(pick(WORDS, r)));
            }
        } else if (at instanceof ArrayNode a) {
            switch (r.nextInt(5)) {
                case 0 -> a.removeAll();
                case 1 -> {
                    if (!a.isEmpty()) {
                        JsonNode copy = a.get(r.nextInt(a.size())).deepCopy();
                        int n = 1 + r.nextInt(r.nextInt(20) == 0 ? 2_000 : 4);
                        for (int i = 0; i < n; i++) {
                            a.add(copy.deepCopy());
                        }
                    }
                }
                case 2 -> a.add(value(r));
                case 3 -> {
                    if (!a.isEmpty()) {
                        a.set(r.nextInt(a.size()), value(r));
                    }
                }
                default -> {
                    if (!a.isEmpty()) {
                        a.remove(r.nextInt(a.size()));
                    }
                }
            }
        }
        return root;
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    private static JsonNode value(Random r) {
        return switch (r.nextInt(14)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(r.nextBoolean());
            case 2 -> NODES.numberNode(r.nextInt(7) - 3);
            case 3 -> NODES.numberNode(r.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
            case 4 -> NODES.numberNode(r.nextBoolean() ? 1e308 : -0.5);
            case 5 -> NODES.textNode(pick(HOSTILE, r));
            case 6 -> NODES.textNode("x".repeat(r.nextInt(20) == 0 ? 200_000 : 1 + r.nextInt(300)));
            case 7 -> NODES.objectNode();
            case 8 -> NODES.arrayNode();
            case 9 -> {
                JsonNode deep = NODES.textNode("deep");
                for (int i = r.nextInt(40); i > 0; i--) {
                    deep = r.nextBoolean() ? NODES.arrayNode().add(deep) : NODES.objectNode().set("name", deep);
                }
                yield deep;
            }
            case 10 -> NODES.arrayNode().add(pick(WORDS, r)).add(pick(WORDS, r));
            case 11 -> NODES.objectNode().put("name", pick(WORDS, r)).put("kind", pick(WORDS, r));
            default -> NODES.textNode(pick(WORDS, r));
        };
    }

    private static byte[] bytes(byte[] seed, Random r, List<String> tokens) {
        byte[] b = seed;
        int edits = 1 + r.nextInt(6);
        for (int i = 0; i < edits && b.length > 0; i++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(tokens.isEmpty() ? 3 : 5)) {
                case 0 -> b = Arrays.copyOf(b, at);
                case 1 -> b[at] = (byte) r.nextInt(256);
                case 2 -> b = splice(b, at, at + Math.min(b.length - at, r.nextInt(64)), new byte[0]);
                default -> b = splice(b, at, at, pick(tokens, r).getBytes(StandardCharsets.UTF_8));
            }
            if (b == seed) {
                b = b.clone();
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }

    private static byte[] gzip(byte[] b, Random r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
            z.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] z = bytes.toByteArray();
        return r.nextBoolean() ? z : Arrays.copyOf(z, r.nextInt(z.length));
    }

    private static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }
}
