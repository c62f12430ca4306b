package dev.fsconform.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One runtime artifact of fsconform, as the build listed it. Maven's local repository and Gradle's
 * cache both name a jar {@code artifact-version[-classifier].jar}; the user's build may have mediated
 * another version, so a jar of the same artifact and classifier in any version is taken as well.
 */
record Artifact(String group, String artifact, String classifier, String version) {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    /** Lines {@code group:artifact:type[:classifier]:version[ ...]}; the header and other lines are ignored. */
    static List<Artifact> parseList(String text) {
        List<Artifact> out = new ArrayList<>();
        for (String line : ANSI.matcher(text).replaceAll("").split("\n")) {
            String[] words = line.strip().split("\\s+");
            String[] p = words[0].split(":");
            if (p.length == 4 && "jar".equals(p[2])) {
                out.add(new Artifact(p[0], p[1], null, p[3]));
            } else if (p.length == 5 && "jar".equals(p[2])) {
                out.add(new Artifact(p[0], p[1], p[3], p[4]));
            }
        }
        return out;
    }

    String fileName() {
        return artifact + "-" + version + (classifier == null ? "" : "-" + classifier) + ".jar";
    }

    /** The class path entry holding this artifact: the exact file name first, else the same artifact in another version. */
    Optional<Path> find(List<Path> classPath) {
        Optional<Path> exact = classPath.stream().filter(p -> p.getFileName() != null && p.getFileName().toString().equals(fileName()))
                .findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        Pattern any = Pattern.compile(Pattern.quote(artifact) + "-\\d[^/]*?" + (classifier == null ? "" : "-" + Pattern.quote(classifier))
                + "\\.jar");
        return classPath.stream().filter(p -> p.getFileName() != null && any.matcher(p.getFileName().toString()).matches())
                .filter(p -> classifier != null || !p.getFileName().toString().matches(".*-(native|sources|javadoc|tests)\\.jar"))
                .findFirst();
    }
}
