package org.depositservices.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.depositservices.packaging.Assemblers;
import org.depositservices.packaging.PackageStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the packaging throughput benchmark honest on a tiny payload: every step runs and is reported, both packages really are
 * written, and the bagit-java zip it compares with holds the same bag as ours (checked by reading both zips).
 */
class PackageThroughputBenchmarkTest {
    @TempDir
    Path dir;

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PackageThroughputBenchmark bench = new PackageThroughputBenchmark(Assemblers.discover(Clock.systemUTC()),
            new PrintStream(printed, true, StandardCharsets.UTF_8));

    @Test
    void aTinyTimingRunMeasuresEveryStepAndStatesEachGoal() throws Exception {
        assumeThat(Stream.of(System.getenv("PATH").split(":")).anyMatch(p -> Files.isExecutable(
                Path.of(p, "sha512sum")))).as("sha512sum on PATH").isTrue();
        Path payload = dir.resolve("payload");
        bench.generate(payload, 3, 1024 * 1024, "pdf", 1);

        PackageThroughputBenchmark.Report report = bench.timing(payload, "bin", 1);

        assertThat(report.rows().keySet()).containsExactly(PackageThroughputBenchmark.Step.values());
        assertThat(report.rows().values()).allSatisfy(r -> assertThat(r.best()).isPositive());
        assertThat(report.rows().get(PackageThroughputBenchmark.Step.BAGIT).outputBytes()).isGreaterThan(3L * 1024 * 1024);
        assertThat(report.rows().get(PackageThroughputBenchmark.Step.NIHMS).outputBytes()).isGreaterThan(3L * 1024 * 1024);
        // Renamed .bin, the files are of no known type: our packager samples them (random bytes, not deflated).
        assertThat(report.mediaTypes()).containsExactly("bagit: application/octet-stream",
                "nihms: application/octet-stream");
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("| (c) bagit-java bagInPlace SHA-512 + java.util.zip -> file |")
                .containsPattern("goal: package time <= 1.1x one SHA-512 pass: BagIt zip [0-9.]+x \\(median"
                        + " [0-9.]+x, paired [0-9.]+x\\) -> (MET|NOT MET)")
                .containsPattern("goal: at least 2x faster than bagit-java \\+ java.util.zip \\(deflating every file,"
                        + " as it comes\\): .* -> (MET|NOT MET)");
        // Only the generated payload is left: packages, bags, links and the warm-up payload are gone.
        try (Stream<Path> left = Files.list(payload)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("files",
                    Payload.INDEX);
        }
    }

    @Test
    void aGoalsOnlyRunMeasuresWhatTheGoalsCompareAndNothingElse() throws Exception {
        Path payload = dir.resolve("payload");
        bench.generate(payload, 2, 512 * 1024, "pdf", 3);

        PackageThroughputBenchmark.Report report = bench.timing(payload, null, 2, PackageThroughputBenchmark.GOAL_STEPS);

        assertThat(report.rows().keySet()).containsExactlyInAnyOrderElementsOf(PackageThroughputBenchmark.GOAL_STEPS);
        assertThat(report.rows().values()).allSatisfy(r -> assertThat(r.nanos()).hasSize(2));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .containsPattern("ratios within each iteration, sorted: BagIt zip / floor \\[[0-9.]+, [0-9.]+\\]")
                .contains("(told to skip deflate for .pdf as ours does)");
        assertThatThrownBy(() -> bench.timing(payload, null, 1, Set.of(PackageThroughputBenchmark.Step.FLOOR)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BAGIT");
    }

    @Test
    void pairedRatiosCompareStepsWithinEachIterationThenTakeTheMedian() {
        PackageThroughputBenchmark.Step floor = PackageThroughputBenchmark.Step.FLOOR;
        PackageThroughputBenchmark.Step bagit = PackageThroughputBenchmark.Step.BAGIT;
        PackageThroughputBenchmark.Report r = new PackageThroughputBenchmark.Report(1, Map.of(
                floor, new PackageThroughputBenchmark.Row(floor, List.of(10L, 20L, 30L), 0, 0),
                bagit, new PackageThroughputBenchmark.Row(bagit, List.of(15L, 21L, 33L), 0, 0)), List.of());
        // Per iteration 1.5, 1.05 and 1.1: median 1.1; best over best says 15 / 10 = 1.5.
        assertThat(r.pairedRatio(bagit, floor)).isCloseTo(1.1, within(1e-9));
        assertThat(r.ratio(bagit, floor, false)).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void bagitJavasZipHoldsTheSameBagAsOursSoTheComparisonIsFair() throws Exception {
        Payload payload = Payload.generate(dir.resolve("payload"), 3, 200_000, "pdf", 2);
        Path ourZip = dir.resolve("ours.zip");
        PackageStream pkg = Assemblers.discover(Clock.systemUTC()).require("bagit")
                .assemble(payload.submission("fair-1", Payload.Recorded.ALL), PackageThroughputBenchmark.BAGIT_ZIP);
        try (OutputStream out = Files.newOutputStream(ourZip)) {
            pkg.writeTo(out);
        }
        Path bag = dir.resolve("loc-bag");
        payload.linkInto(bag);
        LocBagitZip.Result loc = LocBagitZip.bagAndZip(bag, dir.resolve("loc.zip"));

        Map<String, byte[]> ours = entries(ourZip);
        Map<String, byte[]> theirs = entries(dir.resolve("loc.zip"));
        Set<String> data = new TreeSet<>(List.of("data/manuscript.pdf", "data/supplement-1.pdf",
                "data/supplement-2.pdf"));
        assertThat(ours.keySet()).containsAll(data).contains("bagit.txt", "manifest-sha512.txt");
        assertThat(theirs.keySet()).containsAll(data).contains("bagit.txt", "manifest-sha512.txt");
        for (String d : data) {
            assertThat(ours.get(d)).as(d).isEqualTo(theirs.get(d));
        }
        assertThat(lines(ours.get("manifest-sha512.txt"))).as("payload manifests")
                .isEqualTo(lines(theirs.get("manifest-sha512.txt")));
        // Same pass-through of the .pdf files: neither zip is much more than the payload, neither much less.
        assertThat(loc.zipBytes()).isBetween(payload.totalBytes(), payload.totalBytes() + 8192);
        assertThat(Files.size(ourZip)).isBetween(payload.totalBytes(), payload.totalBytes() + 8192);
    }

    /** Entries by path below the bag's top directory. */
    private static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                if (!e.isDirectory()) {
                    out.put(e.getName().substring(e.getName().indexOf('/') + 1), z.getInputStream(e).readAllBytes());
                }
            }
        }
        return out;
    }

    private static Set<String> lines(byte[] manifest) {
        return new TreeSet<>(List.of(new String(manifest, StandardCharsets.UTF_8).split("\r?\n")));
    }

    @Test
    void theHeapRunPackagesBothWaysAndSaysSo() throws Exception {
        Path payload = dir.resolve("large");
        bench.generate(payload, 2, 3 * 1024 * 1024, "pdf", 3);

        assertThat(bench.heap(payload)).isTrue();

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).containsPattern("\\| BagIt zip \\[sha512\\] \\| OK \\|")
                .containsPattern("\\| NIHMS tar.gz \\[sha256\\] \\| OK \\|").contains("heap run succeeded");
        assertThat(payload.resolve("out-heap")).doesNotExist();
    }
}
