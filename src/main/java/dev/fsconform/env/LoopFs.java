package dev.fsconform.env;

import dev.fsconform.input.Quote;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A disk filesystem made by mkfs in a sparse image and mounted with {@code -o loop}, which gives the
 * loop device autoclear: it detaches by itself when the filesystem is unmounted.
 */
@JsonTypeName("loop-fs")
record LoopFs(String fs, String size, List<String> mkfs, String options) implements Backend {

    LoopFs {
        if (fs == null || Tool.mkfs(fs).isEmpty()) {
            throw new IllegalArgumentException("fs must be one of ext4, xfs, btrfs (got " + Quote.of(fs) + ")");
        }
        Sizes.parse(size, "size");
        mkfs = mkfs == null ? List.of("-q") : List.copyOf(mkfs);
        options = Sizes.options(options, "options");
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("fs", fs);
        d.put("size", size);
        d.put("mkfs", String.join(" ", mkfs));
        if (!options.isEmpty()) {
            d.put("options", options);
        }
        return d;
    }

    @Override
    public Requires requires() {
        return Requires.root(Tool.MOUNT, Tool.CP, Tool.mkfs(fs).orElseThrow()).mounting(fs);
    }

    @Override
    public Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure {
        return lab.seeded(mountImage(lab, slot, fs, size, mkfs, options), seed);
    }

    /** mkfs into a sparse image, then mount(8) it with -o loop; shared with the btrfs subvolume kind. */
    static Path mountImage(Lab lab, String slot, String fs, String size, List<String> mkfsArgs, String options)
            throws IOException, EnvFailure {
        Path img = lab.sparseImage(slot, Sizes.parse(size, "size"));
        List<String> mk = new ArrayList<>(List.of(Tool.mkfs(fs).orElseThrow().path()));
        mk.addAll(mkfsArgs);
        mk.add(img.toString());
        lab.run("mkfs." + fs, mk);
        Path mp = lab.dir(slot);
        lab.mount("mount " + fs, fs, List.of(Tool.MOUNT.path(), "-t", fs, "-o", options.isEmpty() ? "loop" : "loop," + options,
                img.toString(), mp.toString()));
        return mp;
    }
}
