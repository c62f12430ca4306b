package dev.fsconform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.container.ContainerCatalog;
import dev.fsconform.env.EnvironmentCatalog;
import dev.fsconform.env.KernelCatalog;
import dev.fsconform.env.Needs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The least-privilege table of docs/reliability.md is generated from the three catalogues: this test
 * fails when the page and the catalogues disagree, and {@code -Dfsconform.docs.write=true} rewrites it.
 */
class PrivilegeTableTest {
    static final Path DOC = Path.of("docs", "reliability.md");
    static final String BEGIN = "<!-- privileges: generated from the catalogues by PrivilegeTableTest -->";
    static final String END = "<!-- /privileges -->";

    static String table() {
        List<Needs> rows = new ArrayList<>(EnvironmentCatalog.standard().needs());
        rows.addAll(ContainerCatalog.standard().needs());
        rows.addAll(KernelCatalog.standard().needs());
        StringBuilder b = new StringBuilder(Needs.TABLE_HEAD).append('\n');
        rows.forEach(n -> b.append(n.row()).append('\n'));
        return b.toString();
    }

    @Test
    void theDocumentedTableIsTheCataloguesTable() throws IOException {
        String doc = Files.readString(DOC);
        int from = doc.indexOf(BEGIN);
        int to = doc.indexOf(END);
        assertThat(from).as("%s has the marker %s", DOC, BEGIN).isNotNegative();
        assertThat(to).as("%s has the marker %s", DOC, END).isGreaterThan(from);
        String generated = BEGIN + "\n" + table() + END;
        if (Boolean.getBoolean("fsconform.docs.write")) {
            Files.writeString(DOC, doc.substring(0, from) + generated + doc.substring(to + END.length()));
            return;
        }
        assertThat(doc.substring(from, to + END.length())).as("the privilege table (rerun with -Dfsconform.docs.write=true)")
                .isEqualTo(generated);
    }

    @Test
    void onlyInnerEnginesArePrivilegedAndRootlessPodmanNeedsNoRoot() {
        List<Needs> containers = ContainerCatalog.standard().needs();
        assertThat(containers).filteredOn(Needs::privileged).isNotEmpty()
                .allSatisfy(n -> assertThat(n.why()).startsWith("inner dockerd"));
        assertThat(containers).filteredOn(n -> n.why().startsWith("podman as an unprivileged user")).isNotEmpty()
                .allSatisfy(n -> assertThat(n.root()).isFalse());
        assertThat(EnvironmentCatalog.standard().needs()).filteredOn(n -> n.why().startsWith("Landlock/seccomp"))
                .isNotEmpty().allSatisfy(n -> assertThat(n.root() || n.userNamespace()).as(n.environment()).isFalse());
    }
}
