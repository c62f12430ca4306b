package dev.fsconform.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixFileTest {
    @TempDir
    Path tmp;

    @Test
    void runFromTheCheckoutItReadsTheCheckoutsFileWhereverTheWorkingDirectoryIs() throws Exception {
        // GIVEN this build runs from target/classes of a checkout
        Path checkout = MatrixFile.checkout().orElseThrow();

        // WHEN a catalogue is read THEN it is the checkout's own file, named by its absolute path
        MatrixFile f = MatrixFile.standard("environments.yaml", Limits.CATALOGUE_BYTES);
        assertThat(Path.of(f.origin())).isEqualTo(checkout.resolve("matrix/environments.yaml"));
        assertThat(f.text()).isEqualTo(Files.readString(checkout.resolve("matrix/environments.yaml")));
    }

    @Test
    void aFileNeitherTheCheckoutNorTheJarHoldsIsRefusedInOneLine() {
        assertThatThrownBy(() -> MatrixFile.standard("docker/no-such-profile.json", Limits.CATALOGUE_BYTES))
                .isInstanceOf(BoundedText.Unreadable.class).hasMessage("this build has no bundled matrix/docker/no-such-profile.json");
    }

    @Test
    void scriptsAreExtractedInTheirLayoutAndExecutable() throws Exception {
        MatrixFile.extractScripts(tmp, "docker/build-images.sh", "debian/apt-suite.sh");

        assertThat(tmp.resolve("docker/build-images.sh")).isExecutable().content().startsWith("#!");
        assertThat(tmp.resolve("debian/apt-suite.sh")).isExecutable();
        assertThatThrownBy(() -> MatrixFile.extractScripts(tmp, "docker/none.sh")).hasMessageContaining("matrix/docker/none.sh");
    }
}
