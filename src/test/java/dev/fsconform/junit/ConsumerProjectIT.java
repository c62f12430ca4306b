package dev.fsconform.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsconform.files.Trees;
import dev.fsconform.result.CellStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.ResultsJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The library as a driver author gets it: a project of their own outside this checkout, with the
 * installed artifact and junit-jupiter as its only dependencies, built with `mvn test`. One consumer
 * build serves every check: a no-op prefix must pass posix-local, Landlock without REFER must fail the
 * agent-sandbox patterns naming landlock-refer, and a Testcontainers container of a local image must
 * run the probe inside itself. The artifact goes into a private local repository as `mvn install`
 * lays it out; every other artifact comes from the user's own local repository, read as a mirror, so
 * the build is offline and the user's repository is not written to.
 */
class ConsumerProjectIT {
    private static final Path CHECKOUT = Path.of("").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** Surefire's phrased names join the factory's display name and the cell's. */
    private static final String CELL_NAME = "fsconform [a-z0-9-]+ × [a-z0-9-]+ \\[%s\\]";

    private static Path root;
    private static Path posixDir;
    private static Path noReferDir;
    private static String image;
    private static Build build;

    record Build(int exitCode, String log) {
    }

    record Case(String name, String failure, boolean skipped) {
        boolean passed() {
            return failure == null && !skipped;
        }
    }

    @BeforeAll
    static void buildTheConsumer() throws Exception {
        String version = System.getProperty("fsconform.version", "0.1.0-SNAPSHOT");
        Path artifact = Path.of(System.getProperty("fsconform.artifact", "target/fsconform-" + version + ".jar")).toAbsolutePath();
        Path userRepository = Path.of(System.getProperty("fsconform.user.repository",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        assertThat(artifact).as("the packaged artifact (run after `mvn package`)").isRegularFile();

        Path repository = Files.createDirectories(CHECKOUT.resolve("target/consumer-repository"));
        ConsumerProject.install(repository, artifact, CHECKOUT.resolve("pom.xml"), version);
        root = Files.createTempDirectory("fsconform-consumer-").toRealPath();
        assertThat(root.startsWith(CHECKOUT)).as("consumer %s is outside the checkout", root).isFalse();
        posixDir = Files.createDirectories(root.resolve("work/posix"));
        noReferDir = Files.createDirectories(root.resolve("work/no-refer"));
        image = localImage();

        String launcher = JAVA + " -jar " + Path.of(System.getProperty("fsconform.jar", "target/fsconform.jar")).toAbsolutePath();
        Map<String, String> containerTests = image == null ? Map.of() : Map.of("ContainerTest", containerTest(image));
        ConsumerProject.write(root, version, Map.of(
                "PosixLocalTest", execTest("PosixLocalTest", "env --", posixDir, "POSIX_LOCAL"),
                "NoReferTest", execTest("NoReferTest", launcher + " sandbox --landlock no-refer --rw " + noReferDir + " --",
                        noReferDir, "AGENT_SANDBOX")), containerTests);
        Path settings = ConsumerProject.settings(root, userRepository);

        String mvn = Path.of(System.getProperty("maven.home", "/usr/share/maven"), "bin", "mvn").toString();
        ProcessBuilder pb = new ProcessBuilder(mvn, "-B", "-fae", "-o", "-Daether.offline.protocols=file", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repository, "test").directory(root.toFile()).redirectErrorStream(true);
        // Testcontainers offline, as its own settings say: no Ryuk to pull, no start-up checks, no gateway lookup.
        pb.environment().put("TESTCONTAINERS_RYUK_DISABLED", "true");
        pb.environment().put("TESTCONTAINERS_CHECKS_DISABLE", "true");
        pb.environment().put("TESTCONTAINERS_HOST_OVERRIDE", "localhost");
        pb.environment().putIfAbsent("DOCKER_HOST", "unix:///var/run/docker.sock");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(15, TimeUnit.MINUTES)).as("consumer build finished").isTrue();
        build = new Build(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void removeTheConsumer() throws IOException {
        if (root != null) {
            Trees.delete(root);
        }
    }

    @Test
    void aNoOpPrefixPassesPosixLocalWithOneTestPerJudgedCell() throws Exception {
        List<Case> cases = cases("exec", "PosixLocalTest");

        assertThat(cases).as("testcases of PosixLocalTest; build log:%n%s", tail()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.name()).matches(CELL_NAME.formatted(java.util.regex.Pattern.quote(posixDir.toString()))));
        assertThat(cases).as("failing cells").filteredOn(c -> c.failure() != null).isEmpty();
        EnvironmentResult env = results("exec", "PosixLocalTest");
        long judged = env.cells().stream().filter(o -> o.status() != CellStatus.NOT_APPLICABLE).count();
        assertThat(cases).as("one testcase per judged cell of %s", env.name()).hasSize((int) judged)
                .extracting(Case::name).doesNotHaveDuplicates();
        assertThat(cases).filteredOn(Case::passed).hasSize((int) env.cells().stream().filter(o -> o.ran()).count());
    }

    @Test
    void landlockWithoutReferFailsTheAgentPatternsEachNamingItsCause() throws Exception {
        List<Case> cases = cases("exec", "NoReferTest");

        assertThat(cases).as("build log:%n%s", tail()).extracting(Case::name)
                .contains("fsconform pattern × uv-cache-persist [" + noReferDir + "]",
                        "fsconform pattern × atomic-replace-same-dir [" + noReferDir + "]");
        List<Case> failed = cases.stream().filter(c -> c.failure() != null).toList();
        assertThat(failed).as("failing agent-sandbox cells").isNotEmpty()
                .allSatisfy(c -> assertThat(c.failure()).as(c.name()).contains("landlock-refer").contains("expected")
                        .contains("grade:").contains("evidence:").contains("fix:"));
        assertThat(failed).extracting(Case::name).contains("fsconform pattern × uv-cache-persist [" + noReferDir + "]");
        assertThat(cases).filteredOn(c -> c.name().startsWith("fsconform pattern × atomic-replace-same-dir")).singleElement()
                .satisfies(c -> assertThat(c.passed()).as("same-directory replace passes").isTrue());
    }

    @Test
    void aTestcontainersContainerOfALocalImageRunsTheProbeInsideIt() throws Exception {
        assumeTrue(image != null, "no Docker engine or no local image (matrix/docker/build-images.sh base)");
        List<Case> cases = cases("container", "ContainerTest");

        assertThat(cases).as("build log:%n%s", tail()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.name()).matches(CELL_NAME.formatted("/tmp")));
        assertThat(cases).as("failing cells").filteredOn(c -> c.failure() != null).isEmpty();
        EnvironmentResult env = results("container", "ContainerTest");
        assertThat(env.description()).contains("of image " + image).contains("(Testcontainers)");
        String shortId = env.description().replaceFirst("^container ([0-9a-f]{12}) .*", "$1");
        assertThat(env.fingerprint().hostname()).as("the probe's hostname is the container's").isEqualTo(shortId);
    }

    private static String execTest(String name, String prefix, Path dir, String profile) {
        return """
                package com.example.sandbox;

                import dev.fsconform.junit.SandboxConformance;
                import dev.fsconform.junit.SandboxSpec;
                import dev.fsconform.validate.Profile;

                class %s extends SandboxConformance {
                    @Override
                    protected SandboxSpec sandbox() {
                        return SandboxSpec.exec("%s").withDirs("%s").expecting(Profile.%s);
                    }
                }
                """.formatted(name, prefix, dir, profile);
    }

    private static String containerTest(String image) {
        return String.join("\n",
                "package com.example.sandbox;",
                "",
                "import dev.fsconform.junit.SandboxConformance;",
                "import dev.fsconform.junit.SandboxSpec;",
                "import dev.fsconform.validate.Profile;",
                "import org.junit.jupiter.api.AfterAll;",
                "import org.junit.jupiter.api.BeforeAll;",
                "import org.testcontainers.containers.GenericContainer;",
                "import org.testcontainers.utility.DockerImageName;",
                "",
                "class ContainerTest extends SandboxConformance {",
                "    static final GenericContainer<?> BOX = new GenericContainer<>(DockerImageName.parse(\"%s\"))",
                "            .withCommand(\"sleep\", \"infinity\");",
                "",
                "    @BeforeAll",
                "    static void start() {",
                "        BOX.start();",
                "    }",
                "",
                "    @AfterAll",
                "    static void stop() {",
                "        BOX.stop();",
                "    }",
                "",
                "    @Override",
                "    protected SandboxSpec sandbox() {",
                "        return SandboxSpec.container(BOX).withDirs(\"/tmp\").expecting(Profile.POSIX_LOCAL);",
                "    }",
                "}",
                "").formatted(image);
    }

    /** The base image build-images.sh makes (Java, glibc, busybox), or null without an engine. */
    private static String localImage() throws Exception {
        if (!Files.exists(Path.of("/var/run/docker.sock")) && System.getenv("DOCKER_HOST") == null) {
            return null;
        }
        Process p = new ProcessBuilder("bash", "matrix/docker/build-images.sh", "base")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("build-images.sh base").isZero();
        return out.lines().filter(l -> l.startsWith("base=")).findFirst().orElseThrow().substring("base=".length());
    }

    private static List<Case> cases(String module, String testClass) throws Exception {
        Path xml = root.resolve(module).resolve("target/surefire-reports/TEST-com.example.sandbox." + testClass + ".xml");
        assertThat(xml).as("Surefire report; build log:%n%s", tail()).isRegularFile();
        NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getElementsByTagName("testcase");
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            String failure = Stream.of("failure", "error").map(e::getElementsByTagName).filter(l -> l.getLength() > 0)
                    .map(l -> ((Element) l.item(0)).getAttribute("message")).findFirst().orElse(null);
            out.add(new Case(e.getAttribute("name"), failure, e.getElementsByTagName("skipped").getLength() > 0));
        }
        return out;
    }

    private static EnvironmentResult results(String module, String testClass) {
        Path json = root.resolve(module).resolve("target/fsconform").resolve(testClass).resolve("matrix.json");
        assertThat(json).as("the page's JSON; build log:%n%s", tail()).isRegularFile();
        return ResultsJson.read(json).environments().get(0);
    }

    private static String tail() {
        List<String> lines = build.log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
