package dev.fsconform.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON for a {@code <script type="application/json">} block. The characters that mean something to
 * an HTML parser ({@code < > &}) are written as {@code \\uXXXX}, so no value can close the script
 * element ({@code </script>}) or open a comment ({@code <!--}), whatever escaping comes later. The
 * page template HTML-escapes it on top (no unescaped output anywhere); the page's script undoes that.
 */
final class ScriptJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    static {
        MAPPER.getFactory().setCharacterEscapes(new MarkupEscapes());
    }

    private ScriptJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode page data: " + e.getOriginalMessage(), e);
        }
    }

    private static final class MarkupEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] table = standardAsciiEscapesForJSON();

        MarkupEscapes() {
            table['<'] = ESCAPE_STANDARD;
            table['>'] = ESCAPE_STANDARD;
            table['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
