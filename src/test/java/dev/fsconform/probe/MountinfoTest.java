package dev.fsconform.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountinfoTest {

    @Test
    void parsesOptionalFieldsEscapesAndSuperOptions() {
        List<String> lines = List.of(
                "45 27 0:39 / /tmp/ov/m rw,relatime shared:5 master:1 - overlay overlay rw,lowerdir=/l,upperdir=/u,workdir=/w,redirect_dir=on",
                "46 27 0:40 /sub /mnt/with\\040space rw - tmpfs tmpfs rw,size=1024k",
                "garbage line");

        Mountinfo mi = Mountinfo.parse(lines);

        assertThat(mi.entries()).hasSize(2);
        Mountinfo.Entry ov = mi.byId(45).orElseThrow();
        assertThat(ov.fsType()).isEqualTo("overlay");
        assertThat(ov.superOptions()).contains("redirect_dir=on");
        assertThat(ov.dev()).isEqualTo("0:39");
        assertThat(mi.byId(46).orElseThrow().mountPoint()).isEqualTo("/mnt/with space");
        assertThat(mi.byId(46).orElseThrow().root()).isEqualTo("/sub");
    }
}
