package dev.fsconform.cause;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every cause id a report can print has a page saying what the kernel does, how it is detected and the fix. */
class CauseDocsTest {

    @Test
    void everyCauseIdHasADocsPageAndATitleAndFix() throws IOException {
        for (String id : Cause.IDS) {
            Path page = Path.of("docs", "causes", id + ".md");
            assertThat(page).as("docs page of cause %s", id).isRegularFile();
            String text = Files.readString(page);
            assertThat(text).as("%s", page).startsWith("# Cause `" + id + "`").contains("## References");
            assertThat(CauseText.of(id)).as("title and fix of %s", id).isNotNull();
            assertThat(CauseText.of(id).fix()).as("fix of %s", id).isNotBlank();
        }
    }
}
