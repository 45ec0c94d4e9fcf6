package org.depositservices.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.depositservices.packaging.Assemblers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the benchmark runnable: a tiny run measures every configuration and prints one row each. */
class PackagingBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void aTinyRunMeasuresEveryConfigurationAndPrintsATable() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PackagingBenchmark.Settings settings = PackagingBenchmark.Settings.parse(List.of("--size-mib", "2",
                "--files", "3", "--iterations", "1", "--warmup", "0", "--dir", dir.toString()));

        List<PackagingBenchmark.Row> rows = new PackagingBenchmark(settings, Assemblers.discover(Clock.systemUTC()),
                new PrintStream(out, true, StandardCharsets.UTF_8)).run();

        // 2 baselines + 2 specs x 3 archives x (writeTo, open)
        assertThat(rows).hasSize(14);
        assertThat(rows).allSatisfy(r -> assertThat(r.bestMibPerSecond()).isPositive());
        assertThat(rows).filteredOn(r -> !r.what().startsWith("baseline"))
                .allSatisfy(r -> assertThat(r.outputBytes()).isGreaterThan(2L * 1024 * 1024));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("| bagit zip [sha512] writeTo |")
                .contains("| simple tar.gz [md5, sha256] open() |");
    }

    @Test
    void unknownOptionsAreNamed() {
        assertThatThrownBy(() -> PackagingBenchmark.Settings.parse(List.of("--sise-mib", "2")))
                .hasMessageContaining("sise-mib");
    }
}
