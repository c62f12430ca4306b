package dev.fsconform.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SandboxSpecTest {

    @Test
    void eachWithReturnsANewSpecAndLeavesItsOriginAsItWas() {
        SandboxSpec base = SandboxSpec.exec("bwrap --bind / / --");
        SandboxSpec ready = base.withDirs("/a", "/b").withTimeLimit(Duration.ofSeconds(5)).onlyCells("rename:*");

        assertThat(base.dirs()).isEmpty();
        assertThat(base.timeLimit()).isEqualTo(SandboxSpec.DEFAULT_TIME_LIMIT);
        assertThat(base.problem()).startsWith("no directory to probe");
        assertThat(ready.dirs()).containsExactly("/a", "/b");
        assertThat(ready.timeLimit()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ready.cells()).containsExactly("rename:*");
        assertThat(ready.problem()).isNull();
        assertThat(ready.withRuntime("runsc").problem()).isEqualTo("withRuntime and withDockerHost go with image");
        assertThat(ready.cells()).as("unchanged by a later with").containsExactly("rename:*");
        assertThat(SandboxSpec.image("debian").withDirs("/w").withRuntime("runsc").problem()).isNull();
        assertThat(SandboxSpec.image("debian").withDirs("/w").withRuntime("runsc").toString()).startsWith("image debian (runtime runsc) [/w]");
    }
}
