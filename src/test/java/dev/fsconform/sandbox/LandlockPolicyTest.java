package dev.fsconform.sandbox;

import static dev.fsconform.sandbox.LandlockPolicy.Access.EXECUTE;
import static dev.fsconform.sandbox.LandlockPolicy.Access.IOCTL_DEV;
import static dev.fsconform.sandbox.LandlockPolicy.Access.READ_DIR;
import static dev.fsconform.sandbox.LandlockPolicy.Access.READ_FILE;
import static dev.fsconform.sandbox.LandlockPolicy.Access.REFER;
import static dev.fsconform.sandbox.LandlockPolicy.Access.TRUNCATE;
import static dev.fsconform.sandbox.LandlockPolicy.Access.WRITE_FILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsconform.sandbox.LandlockPolicy.Access;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policy values and parsing: pure, no kernel involved. */
class LandlockPolicyTest {
    private static final Path WS = Path.of("/home/agent/ws");
    private static final Path CACHE = Path.of("/home/agent/cache");
    private static final Path ROOT = Path.of("/");

    @Test
    void accessBitsAndAbisMatchTheKernelHeader() {
        // GIVEN include/uapi/linux/landlock.h  WHEN reading the enum  THEN bits and ABIs agree
        assertThat(EXECUTE.bit()).isEqualTo(1L);
        assertThat(REFER.bit()).isEqualTo(1L << 13);
        assertThat(IOCTL_DEV.bit()).isEqualTo(1L << 15);
        assertThat(REFER.sinceAbi()).isEqualTo(2);
        assertThat(TRUNCATE.sinceAbi()).isEqualTo(3);
        assertThat(IOCTL_DEV.sinceAbi()).isEqualTo(5);
        assertThat(Access.supportedBy(1)).hasSize(13).doesNotContain(REFER);
        assertThat(Access.mask(Access.supportedBy(7))).isEqualTo(0xFFFFL);
    }

    @Test
    void referDeniedHandlesReferButGrantsItNowhere() {
        // GIVEN one writable directory  WHEN building the no-refer preset
        LandlockPolicy p = LandlockPolicy.referDenied(List.of(WS));
        // THEN REFER is handled, / is read+execute, the workspace gets everything but REFER
        assertThat(p.name()).isEqualTo("no-refer");
        assertThat(p.handledAccess()).containsExactlyInAnyOrder(Access.values());
        assertThat(p.rules().get(ROOT)).containsExactlyInAnyOrder(EXECUTE, READ_FILE, READ_DIR);
        assertThat(p.rules().get(WS)).hasSize(15).doesNotContain(REFER);
        assertThat(p.rules().values()).noneMatch(access -> access.contains(REFER));
        assertThat(p.rules().get(Path.of("/dev/null"))).containsExactlyInAnyOrder(READ_FILE, WRITE_FILE, TRUNCATE, IOCTL_DEV);
    }

    @Test
    void referGrantedGrantsReferOnlyBeneathWritableDirectories() {
        LandlockPolicy p = LandlockPolicy.referGranted(List.of(WS, CACHE));
        assertThat(p.rules().get(WS)).contains(REFER);
        assertThat(p.rules().get(CACHE)).contains(REFER);
        assertThat(p.rules().get(ROOT)).doesNotContain(REFER);
    }

    @Test
    void abi1HandlesOnlyAbi1Rights() {
        LandlockPolicy p = LandlockPolicy.abi1(List.of(WS));
        assertThat(p.handledAccess()).isEqualTo(Access.supportedBy(1)).doesNotContain(REFER, TRUNCATE, IOCTL_DEV);
        assertThat(p.rules().get(Path.of("/dev/null"))).containsExactlyInAnyOrder(READ_FILE, WRITE_FILE);
    }

    @Test
    void agentSandboxWritesWorkspaceCacheAndTmp() {
        // GIVEN a workspace and a cache  WHEN building the agent presets
        LandlockPolicy plain = LandlockPolicy.agentSandbox(WS, CACHE, false);
        LandlockPolicy refer = LandlockPolicy.agentSandbox(WS, CACHE, true);
        // THEN both write the same three trees; only the -refer one may move between directories
        assertThat(plain.rules()).containsKeys(ROOT, WS, CACHE, Path.of("/tmp"));
        assertThat(plain.rules().get(Path.of("/tmp"))).doesNotContain(REFER).contains(WRITE_FILE);
        assertThat(refer.rules().get(Path.of("/tmp"))).contains(REFER);
        assertThat(List.of(plain.name(), refer.name())).containsExactly("agent", "agent-refer");
    }

    @Test
    void parseMapsCliNamesToPresets() {
        assertThat(LandlockPolicy.parse("refer", List.of(WS))).isEqualTo(LandlockPolicy.referGranted(List.of(WS)));
        assertThat(LandlockPolicy.parse("no-refer", List.of(WS))).isEqualTo(LandlockPolicy.referDenied(List.of(WS)));
        assertThat(LandlockPolicy.parse("abi1", List.of(WS))).isEqualTo(LandlockPolicy.abi1(List.of(WS)));
        assertThat(LandlockPolicy.parse("agent", List.of(WS, CACHE))).isEqualTo(LandlockPolicy.agentSandbox(WS, CACHE, false));
        assertThat(LandlockPolicy.parse("agent-refer", List.of(WS, CACHE))).isEqualTo(LandlockPolicy.agentSandbox(WS, CACHE, true));
    }

    @Test
    void parseRejectsUnknownNamesInOneLineListingTheValidOnes() {
        assertThatThrownBy(() -> LandlockPolicy.parse("strict", List.of(WS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown Landlock policy 'strict' (valid: refer, no-refer, abi1, agent, agent-refer, best-effort)");
        assertThatThrownBy(() -> LandlockPolicy.parse("refer", List.of()))
                .hasMessage("Landlock policy 'refer' needs at least one --rw DIR");
        // a name with line breaks (found by the coverage-guided fuzzer) is quoted escaped, on one line
        assertThatThrownBy(() -> LandlockPolicy.parse("\n\n", List.of(WS)))
                .hasMessageStartingWith("unknown Landlock policy '\\n\\n' (valid:").hasMessageNotContaining("\n");
    }

    @Test
    void grantingAnUnhandledRightIsRejectedBeforeTheKernelSaysEinval() {
        assertThatThrownBy(() -> new LandlockPolicy("x", EnumSet.of(READ_FILE), Map.of(WS, EnumSet.of(READ_FILE, REFER))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grants [REFER] on /home/agent/ws without handling it");
    }

    @Test
    void policiesAreImmutable() {
        LandlockPolicy p = LandlockPolicy.referDenied(List.of(WS));
        assertThatThrownBy(() -> p.rules().put(CACHE, EnumSet.of(READ_FILE))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.rules().get(WS).add(REFER)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.handledAccess().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void referIsNeverDroppedSilentlyOnAbi1() throws SandboxException {
        // GIVEN policies handling REFER  WHEN clamped to ABI 1  THEN refused, with the reason
        assertThatThrownBy(() -> Landlock.effectiveHandled(LandlockPolicy.referGranted(List.of(WS)), 1))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("handles REFER but this kernel's Landlock ABI is 1 (REFER needs ABI 2)")
                .hasMessageNotContaining("\n");
        // AND newer rights are clamped quietly, since no rename semantics depend on them
        assertThat(Landlock.effectiveHandled(LandlockPolicy.abi1(List.of(WS)), 1)).isEqualTo(Access.supportedBy(1));
        assertThat(Landlock.effectiveHandled(LandlockPolicy.referDenied(List.of(WS)), 2))
                .contains(REFER).doesNotContain(TRUNCATE, IOCTL_DEV);
        assertThat(Landlock.effectiveHandled(LandlockPolicy.referDenied(List.of(WS)), 7)).hasSize(16);
    }

    @Test
    void theBestEffortPresetDropsReferWhereTheKernelLacksItAsAgentSandboxesDo() throws SandboxException {
        // GIVEN the best-effort preset, which asks for every right and grants them all on its directories
        LandlockPolicy p = LandlockPolicy.parse("best-effort", List.of(WS));
        assertThat(p.handledAccess()).contains(REFER);
        assertThat(p.rules().get(WS)).contains(REFER);
        // WHEN clamped to ABI 1  THEN REFER goes quietly (cross-directory renames will be EXDEV there)
        assertThat(Landlock.effectiveHandled(p, 1)).isEqualTo(Access.supportedBy(1)).doesNotContain(REFER);
        // AND from ABI 2 it stays, granted
        assertThat(Landlock.effectiveHandled(p, 2)).contains(REFER).doesNotContain(TRUNCATE);
    }
}
