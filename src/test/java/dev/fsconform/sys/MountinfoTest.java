package dev.fsconform.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountinfoTest {

    static List<String> recorded(String name) {
        try (InputStream in = MountinfoTest.class.getResourceAsStream("mountinfo/" + name + ".txt")) {
            assertThat(in).as("recorded mount table %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void parsesOptionalFieldsEscapesAndSuperOptions() {
        // GIVEN two kernel lines with optional fields and an escaped mount point, and a stray line
        List<String> lines = List.of(
                "45 27 0:39 / /tmp/ov/m rw,relatime shared:5 master:1 - overlay overlay rw,lowerdir=/l,upperdir=/u,workdir=/w,redirect_dir=on",
                "46 27 0:40 /sub /mnt/with\\040space rw - tmpfs tmpfs rw,size=1024k",
                "garbage line");

        // WHEN parsed
        Mountinfo mi = Mountinfo.parse(lines);

        // THEN the two mounts are there with every field, the stray line is dropped
        assertThat(mi.mounts()).hasSize(2);
        Mountinfo.Mount ov = mi.find(45, "0:39", "/tmp/ov/m/x").orElseThrow();
        assertThat(ov.fsType()).isEqualTo("overlay");
        assertThat(ov.superOptions()).contains("redirect_dir=on");
        Mountinfo.Mount sub = mi.find(46, "0:40", "/mnt/with space").orElseThrow();
        assertThat(sub.mountPoint()).isEqualTo("/mnt/with space");
        assertThat(sub.root()).isEqualTo("/sub");
    }

    @Test
    void aLineWithoutTheSeparatorKeepsItsMountPointAndSaysUnknownForTheRest() {
        // GIVEN a line cut short before " - TYPE SOURCE OPTIONS"
        Mountinfo mi = Mountinfo.parse(List.of("x y 0:5 / /data rw"));

        // WHEN the mount of /data/f is looked up without a mount id
        Mountinfo.Mount m = mi.find(0, "0:5", "/data/f").orElseThrow();

        // THEN what the line does not say is unknown, not null
        assertThat(m.id()).isZero();
        assertThat(m.parentId()).isZero();
        assertThat(m.fsType()).isEqualTo(Mountinfo.UNKNOWN);
        assertThat(m.source()).isEqualTo(Mountinfo.UNKNOWN);
        assertThat(m.superOptions()).isEqualTo(Mountinfo.UNKNOWN);
    }

    @Test
    void gVisorsTableNamesTheMountOfAPathWhenStatxGivesNoMountId() {
        // GIVEN the table Docker with the runsc runtime shows (statx reports mount id 0 there)
        Mountinfo mi = Mountinfo.parse(recorded("gvisor-docker-runsc-volume-tmpfs"));

        // WHEN /tmp/x (gVisor's own tmpfs), /vol/x (a volume over 9p) and /work (the rootfs) are looked up by device
        // THEN each resolves to its own mount and type
        assertThat(mi.find(0, "0:32", "/tmp/x")).get().extracting(Mountinfo.Mount::mountPoint, Mountinfo.Mount::fsType)
                .containsExactly("/tmp", "tmpfs");
        assertThat(mi.find(0, "0:22", "/vol/x")).get().extracting(Mountinfo.Mount::mountPoint, Mountinfo.Mount::fsType)
                .containsExactly("/vol", "9p");
        assertThat(mi.find(0, "0:19", "/work")).get().extracting(Mountinfo.Mount::id, Mountinfo.Mount::fsType)
                .containsExactly(18L, "overlay");
    }

    @Test
    void duplicateMountIdsFallBackToThePath() {
        // GIVEN a table where two mounts claim id 7 (a sandbox writing its own table)
        Mountinfo mi = Mountinfo.parse(List.of("7 1 0:1 / / rw - ext4 /dev/a rw", "7 1 0:2 / /tmp rw - tmpfs tmpfs rw"));

        // WHEN /tmp/f on device 0:2 is looked up by that id
        // THEN the id is not trusted and the deepest mount point on that device answers
        assertThat(mi.find(7, "0:2", "/tmp/f")).get().extracting(Mountinfo.Mount::mountPoint).isEqualTo("/tmp");
    }

    @Test
    void theLatestMountOnAMountPointIsTheOneOnTop() {
        // GIVEN a tmpfs mounted over /tmp twice (bwrap --tmpfs over a host tmpfs), both on unknown devices
        Mountinfo mi = Mountinfo.parse(List.of("1 0 0:1 / / rw - ext4 /dev/a rw", "2 1 0:2 / /tmp rw - tmpfs a rw",
                "3 2 0:3 / /tmp rw - tmpfs b rw"));

        // WHEN /tmp/f is looked up with a device no line has
        // THEN the top one (mounted last) answers
        assertThat(mi.find(0, "9:9", "/tmp/f")).get().extracting(Mountinfo.Mount::source).isEqualTo("b");
    }

    @Test
    void belowListsNestedMountPointsDeepestFirst() {
        // GIVEN the host table recorded on Debian 12 plus two nested mounts
        List<String> lines = new java.util.ArrayList<>(recorded("host-debian12"));
        lines.add("900 27 0:90 / /run/lab/a rw - tmpfs tmpfs rw");
        lines.add("901 900 0:91 / /run/lab/a/b rw - tmpfs tmpfs rw");

        // WHEN the mounts below /run/lab are asked for
        // THEN the deeper one comes first
        assertThat(Mountinfo.parse(lines).below(Path.of("/run/lab")))
                .containsExactly(Path.of("/run/lab/a/b"), Path.of("/run/lab/a"));
    }

    @Test
    void anUnreadableTableIsEmptyWithItsReason() {
        // GIVEN no mountinfo file
        Mountinfo mi = Mountinfo.read(Path.of("/nonexistent/mountinfo"));

        // THEN it finds nothing and says why
        assertThat(mi.mounts()).isEmpty();
        assertThat(mi.unreadable()).contains("/nonexistent/mountinfo");
        assertThat(mi.find(0, "0:1", "/")).isEmpty();
    }
}
