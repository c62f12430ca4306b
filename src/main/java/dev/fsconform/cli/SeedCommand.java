package dev.fsconform.cli;

import dev.fsconform.probe.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Writes the seeded fixtures, to become a lower layer or an image layer. */
@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Write the seeded fixtures into DIR/" + Seeds.DIR_NAME + " (use DIR as an overlay lower layer or bake it into an image).")
final class SeedCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Directory to seed (created if missing).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path abs = Dirs.outputDir(dir, "seed directory");
        if (Files.exists(abs.resolve(Seeds.DIR_NAME))) {
            throw new UsageException(abs.resolve(Seeds.DIR_NAME) + " already exists: seed into a directory without one");
        }
        int n = Seeds.write(abs);
        System.out.println("seeded " + n + " fixtures into " + abs.resolve(Seeds.DIR_NAME));
        return 0;
    }
}
