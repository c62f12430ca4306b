package dev.fsconform.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptJsonTest {
    private static final List<String> HOSTILE = List.of("</script><script>alert(1)</script>", "<!-- x", "</SCRIPT >",
            "a & b", "\"quoted\" 'single'", "ünïcödé ✓ 𝄞", "line\u2028sep");

    @Test
    void markupCharactersNeverAppearInTheOutput() {
        // GIVEN strings that would end a script element or open a comment
        // WHEN encoded for a script block
        String json = ScriptJson.write(HOSTILE);
        // THEN none of < > & survive literally
        assertThat(json).doesNotContain("<", ">", "&");
        assertThat(json.toLowerCase()).doesNotContain("</script", "<!--");
    }

    @Test
    void theEncodingIsPlainJsonThatDecodesToTheSameValues() throws Exception {
        // GIVEN the encoded hostile strings
        String json = ScriptJson.write(HOSTILE);
        // WHEN decoded by any JSON parser
        List<?> back = new ObjectMapper().readValue(json, List.class);
        // THEN the values are exactly the originals (unicode kept as is)
        assertThat(back).isEqualTo(HOSTILE);
        assertThat(json).contains("ünïcödé");
    }
}
