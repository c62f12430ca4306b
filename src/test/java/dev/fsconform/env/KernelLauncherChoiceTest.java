package dev.fsconform.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KernelLauncherChoiceTest {
    @AfterEach
    void clear() {
        System.clearProperty(KernelLab.LAUNCHER_PROPERTY);
    }

    @Test
    void theHostsQemuUnlessThereIsNoneAndAnImageCanBeBuilt() {
        String expected = Tool.QEMU.locate().isPresent() ? KernelLauncher.HOST : KernelLauncher.IMAGE;
        assertThat(KernelLab.launcher(true)).isEqualTo(expected);
        assertThat(KernelLab.launcher(false)).as("without container code the host's, whose rows then name what is missing")
                .isEqualTo(KernelLauncher.HOST);
    }

    @Test
    void anExplicitChoiceWins() {
        System.setProperty(KernelLab.LAUNCHER_PROPERTY, "image");
        assertThat(KernelLab.launcher(true)).isEqualTo(KernelLauncher.IMAGE);
        System.setProperty(KernelLab.LAUNCHER_PROPERTY, "host");
        assertThat(KernelLab.launcher(true)).isEqualTo(KernelLauncher.HOST);
    }

    @Test
    void anUnknownChoiceIsBadInput() {
        System.setProperty(KernelLab.LAUNCHER_PROPERTY, "vm");
        assertThatThrownBy(() -> KernelLab.launcher(true)).isInstanceOf(InvalidEnvironmentsException.class)
                .hasMessage("-Dfsconform.kernels.launcher must be host or image (got 'vm')");
    }
}
