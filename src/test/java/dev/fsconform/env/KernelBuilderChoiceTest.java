package dev.fsconform.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KernelBuilderChoiceTest {
    @AfterEach
    void clear() {
        System.clearProperty(KernelLab.BUILDER_PROPERTY);
    }

    @Test
    void theHostsToolsWhereItHasThemAllElseTheImage() {
        assertThat(KernelLab.builder(true, true)).isEqualTo(KernelBuilder.HOST);
        assertThat(KernelLab.builder(true, false)).isEqualTo(KernelBuilder.IMAGE);
        assertThat(KernelLab.builder(false, false)).as("without container code the host's, whose rows then name what is missing")
                .isEqualTo(KernelBuilder.HOST);
    }

    @Test
    void anExplicitChoiceWins() {
        System.setProperty(KernelLab.BUILDER_PROPERTY, "image");
        assertThat(KernelLab.builder(true, true)).isEqualTo(KernelBuilder.IMAGE);
        System.setProperty(KernelLab.BUILDER_PROPERTY, " host ");
        assertThat(KernelLab.builder(true, false)).isEqualTo(KernelBuilder.HOST);
    }

    @Test
    void aBadChoiceIsOneLineOfBadInput() {
        System.setProperty(KernelLab.BUILDER_PROPERTY, "docker");
        assertThatThrownBy(() -> KernelLab.builder(true, true)).isInstanceOf(InvalidEnvironmentsException.class)
                .hasMessage("-Dfsconform.kernels.builder must be host or image (got 'docker')");
        System.setProperty(KernelLab.BUILDER_PROPERTY, "image");
        assertThatThrownBy(() -> KernelLab.builder(false, true)).isInstanceOf(InvalidEnvironmentsException.class)
                .hasMessage("-Dfsconform.kernels.builder=image: this fsconform has no container engine code");
    }

    @Test
    void anEntryIsSharedBetweenBuildersExactlyWhenTheirBusyboxIsTheSame() {
        byte[] script = "script".getBytes(StandardCharsets.UTF_8);
        byte[] init = "init".getBytes(StandardCharsets.UTF_8);
        String host = KernelImages.key("linux-image-5.10 1", script, init, new byte[] {1, 2, 3});
        assertThat(KernelImages.key("linux-image-5.10 1", script, init, new byte[] {1, 2, 3})).isEqualTo(host).hasSize(16);
        assertThat(KernelImages.key("linux-image-5.10 1", script, init, new byte[] {1, 2, 4})).isNotEqualTo(host);
        assertThat(KernelImages.key("linux-image-5.10 2", script, init, new byte[] {1, 2, 3})).isNotEqualTo(host);
    }
}
