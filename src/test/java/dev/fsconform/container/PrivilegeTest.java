package dev.fsconform.container;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrivilegeTest {

    @Test
    void missingCapabilitiesComeFromTheBoundingSet() {
        // GIVEN the bounding set of a VM whose root lacks CAP_SYS_RESOURCE (bit 24), kernel knows 0..40
        long bounding = 0x000001fffeffffffL;

        // THEN exactly that one is missing; a full set misses none
        assertThat(BoundingSet.of(bounding, 40).missing()).containsExactly("SYS_RESOURCE");
        assertThat(BoundingSet.of(0x000001ffffffffffL, 40).missing()).isEmpty();
    }

    @Test
    void fallbackSaysWhyAndGrantsWhatTheDriverNeeds() {
        // WHEN --privileged was refused and btrfs needs loop devices
        Privilege p = Privilege.fallback("btrfs", new BoundingSet(java.util.List.of("SYS_RESOURCE"), null), "docker --privileged failed here (unable to apply caps)");

        // THEN the note names the fallback and its cause, and the grant matches the privileged set minus the missing cap
        assertThat(p.privileged()).isFalse();
        assertThat(p.note()).startsWith("privileged: fallback to explicit capabilities because docker --privileged failed here")
                .contains("except SYS_RESOURCE");
        assertThat(p.capDrop()).containsExactly("SYS_RESOURCE");
        assertThat(p.devices()).containsExactly("/dev/loop-control");
        assertThat(p.deviceCgroupRules()).containsExactly("b 7:* rwm");
        assertThat(p.securityOpts()).contains("seccomp=unconfined");
        assertThat(Privilege.fallback("fuse-overlayfs", BoundingSet.of(-1L, 40), "x").devices()).containsExactly("/dev/fuse");
    }

    @Test
    void anUnreadableBoundingSetIsSaidNotHiddenAsNoneMissing() {
        // GIVEN a host whose /proc did not tell the bounding set
        BoundingSet unknown = BoundingSet.unknown("cannot read the capability bounding set: /proc/self/status");

        // WHEN the fallback is built on it
        Privilege p = Privilege.fallback("vfs", unknown, "docker --privileged failed here (x)");

        // THEN the note says the set was unknown instead of claiming nothing was missing
        assertThat(p.note()).contains("granted ALL (cannot read the capability bounding set")
                .contains("none could be left out").doesNotContain("except");
        assertThat(p.capDrop()).isEmpty();
    }

    @Test
    void firstRefusalSwitchesEveryLaterEngineToTheFallback() {
        PrivilegeChoice choice = new PrivilegeChoice();
        assertThat(choice.next("vfs").privileged()).isTrue();

        choice.refused("unable to apply caps");

        assertThat(choice.next("overlay2").privileged()).isFalse();
        assertThat(choice.next("overlay2").note()).contains("unable to apply caps");
    }

    @Test
    void validateRunsAUsersImageWithNothingAdded() {
        // WHEN validate starts a user's image, with or without a runtime the user named
        for (String runtime : new String[] {null, "runsc"}) {
            ContainerSpec s = ImageSession.spec("users/image:1", runtime, java.util.List.of("/fsconform/java"));

            // THEN it gets no privilege, capability, device, mount, security option or network
            assertThat(s.privilege()).isEqualTo(Privilege.NONE);
            assertThat(s.privilege().privileged() || s.privilege().capabilities()).isFalse();
            assertThat(s.binds()).isEmpty();
            assertThat(s.tmpfs()).isEmpty();
            assertThat(s.securityOpts()).isEmpty();
            assertThat(s.network()).isEqualTo("none");
            assertThat(s.runtime()).isEqualTo(runtime);
        }
    }
}
