package org.depositservices.packaging.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.depositservices.packaging.Assemblers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package a user writes with {@code package} gets the mode any file they create gets: their umask decides. */
class PackageFileModeTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:01:02Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    @Test
    void theWrittenPackageFollowsTheUmaskLikeAnyNewFile() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "file modes are POSIX only");
        Path outDir = Files.createDirectories(temp.resolve("out"));
        // What the umask of this process gives a new file (0644 under the usual 022).
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(
                Files.write(temp.resolve("probe"), new byte[0]));
        assumeTrue(!expected.equals(PosixFilePermissions.fromString("rw-------")),
                "with umask 077 every file is 0600 anyway; nothing to tell apart");
        Files.writeString(temp.resolve("paper.txt"), "text");
        Path request = Files.writeString(temp.resolve("request.json"), """
                {"publication": {"title": "Modes"}, "files": [{"name": "paper.txt", "role": "manuscript"}]}
                """);

        for (String spec : List.of("simple", "bagit")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = new PackageCommand(Assemblers.discover(CLOCK)).run(List.of("--submission", request.toString(),
                    "--spec", spec, "--out", outDir.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
            Path written = Path.of(lines[lines.length - 1]);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
                    .as("mode of %s", written).isEqualTo(PosixFilePermissions.toString(expected));
        }
        try (Stream<Path> left = Files.list(outDir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".partial-"));
        }
    }
}
