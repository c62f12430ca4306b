package dev.fsconform.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A driver author's project, written from scratch outside this checkout: an aggregator with an
 * {@code exec} module (depends on fsconform and junit-jupiter, nothing else) and, where a local image
 * is given, a {@code container} module that also uses Testcontainers, as a user who tests an image
 * with it would. The tests' sources name their sandboxes literally: no system properties reach them.
 */
final class ConsumerProject {
    static final String JUNIT = "5.14.4";
    static final String TESTCONTAINERS = "2.0.5";
    static final String COMPILER = "3.14.0";
    static final String SUREFIRE = "3.5.4";
    static final String RESOURCES = "3.3.1";

    private ConsumerProject() {
    }

    /** Puts the artifact where `mvn install` would: the jar and its POM under the repository layout. */
    static void install(Path repository, Path jar, Path pom, String version) throws IOException {
        Path dir = Files.createDirectories(repository.resolve("dev/fsconform/fsconform").resolve(version));
        Files.copy(jar, dir.resolve("fsconform-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(pom, dir.resolve("fsconform-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A settings file whose only repository is the user's own local repository, read as a remote one. */
    static Path settings(Path dir, Path userRepository) throws IOException {
        return Files.writeString(dir.resolve("settings.xml"), """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>user-repository</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(userRepository.toUri()));
    }

    /**
     * @param tests module name → (test class name → Java source)
     * @param image the local image for the container module, or null to leave that module out
     */
    static void write(Path root, String version, Map<String, String> execTests, Map<String, String> containerTests)
            throws IOException {
        boolean container = !containerTests.isEmpty();
        Files.writeString(root.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example.sandbox</groupId>
                  <artifactId>driver-conformance</artifactId>
                  <version>1.0</version>
                  <packaging>pom</packaging>
                  <modules>
                    <module>exec</module>%s
                  </modules>
                </project>
                """.formatted(container ? "\n    <module>container</module>" : ""));
        module(root.resolve("exec"), "exec", version, "", execTests);
        if (container) {
            module(root.resolve("container"), "container", version, """
                    <dependency>
                      <groupId>org.testcontainers</groupId>
                      <artifactId>testcontainers</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                    """.formatted(TESTCONTAINERS), containerTests);
        }
    }

    private static void module(Path dir, String name, String version, String extraDependencies, Map<String, String> tests)
            throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/test/java/com/example/sandbox"));
        Files.writeString(dir.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example.sandbox</groupId>
                  <artifactId>%s</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>dev.fsconform</groupId>
                      <artifactId>fsconform</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                %s  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <artifactId>maven-resources-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <!-- Dynamic tests by their display names, not fsconform()[1][17]. -->
                          <statelessTestsetReporter implementation="org.apache.maven.plugin.surefire.extensions.junit5.JUnit5Xml30StatelessReporter">
                            <usePhrasedTestCaseMethodName>true</usePhrasedTestCaseMethodName>
                          </statelessTestsetReporter>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(name, version, JUNIT, extraDependencies.indent(4), RESOURCES, COMPILER, SUREFIRE));
        for (Map.Entry<String, String> t : tests.entrySet()) {
            Files.writeString(src.resolve(t.getKey() + ".java"), t.getValue());
        }
    }
}
