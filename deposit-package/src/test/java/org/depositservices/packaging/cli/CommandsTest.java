package org.depositservices.packaging.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.ZipFile;
import org.depositservices.packaging.Assemblers;
import org.depositservices.testkit.Corpus;
import org.depositservices.packaging.Sample1;
import org.depositservices.packaging.bagit.BagValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two commands as an operator runs them: package the sample, then validate what was written. */
class CommandsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:01:02Z"), ZoneOffset.UTC);
    private static final String REQUEST = """
            {
              "repositories": ["BagIt"],
              "submitter": {"firstName": "Suzanne", "lastName": "Vega", "email": "suzannev@jhu.edu"},
              "publication": {"title": "Specific protein supplementation", "doi": "10.1039/c7fo01251a"},
              "files": [
                {"name": "Sample2.doc", "role": "manuscript"},
                {"name": "ilford panf.pdf", "role": "supplemental"},
                {"name": "manifest.txt", "role": "supplemental", "description": "meant to conflict with NIHMS"},
                {"name": "Figure1.tif", "role": "figure"}
              ]
            }
            """;

    private final PackageCommand pkg = new PackageCommand(Assemblers.discover(CLOCK));
    private final ValidateBagCommand validate = new ValidateBagCommand(new BagValidator());
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path temp;

    @Test
    void packageWritesABagThatValidateBagAccepts() throws Exception {
        Path request = Files.writeString(temp.resolve("sample1.json"), REQUEST);
        Path outDir = temp.resolve("out");

        int code = run(pkg, "--submission", request.toString(), "--files", Sample1.filesDir().toString(),
                "--spec", "bagit", "--out", outDir.toString(), "--archive", "tar", "--compression", "gzip");

        assertThat(code).as(err()).isZero();
        Path written = outDir.resolve("bagit_2026-11-23_10-01-02_sample1.tar.gz");
        assertThat(written).exists();
        assertThat(out()).contains("package bagit_2026-11-23_10-01-02_sample1.tar.gz")
                .contains("size " + Files.size(written) + " bytes")
                .contains("sha256 " + Sample1.hex("SHA-256", written));
        try (var leftovers = Files.list(outDir)) {
            assertThat(leftovers).as("no partial file is left").containsExactly(written);
        }

        out.reset();
        assertThat(run(validate, written.toString())).as(out()).isZero();
        assertThat(out()).startsWith("VALID: " + written).contains("0 error(s)");
    }

    @Test
    void filesAreFoundNextToTheJsonAndTheLastLineIsThePackagePath() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("submission"));
        for (String name : List.of("Sample2.doc", "ilford panf.pdf", "manifest.txt")) {
            Files.copy(Sample1.filesDir().resolve(name), dir.resolve(name));
        }
        Files.write(dir.resolve("Figure1.tif"), new byte[] {1, 2, 3});
        Path request = Files.writeString(dir.resolve("request.json"), REQUEST);

        int code = run(pkg, "--spec", "simple", "--submission", request.toString(), "--out", temp.toString());

        assertThat(code).as(err()).isZero();
        String[] lines = out().strip().split("\\R");
        Path last = Path.of(lines[lines.length - 1]);
        assertThat(last).exists().isEqualTo(temp.resolve("simple_2026-11-23_10-01-02_request.zip").toAbsolutePath());
    }

    @Test
    void optionsFileGivesAssemblerOptionsAsInRepositoriesJson() throws Exception {
        Path request = Files.writeString(temp.resolve("req.json"), REQUEST);
        Path options = Files.writeString(temp.resolve("options.json"),
                "{\"algorithms\": [\"md5\"], \"package-algorithms\": \"md5, sha512\","
                        + " \"bag-info\": {\"Source-Organization\": \"Johns Hopkins University\"}}");

        int code = run(pkg, "--submission", request.toString(), "--files", Sample1.filesDir().toString(),
                "--spec", "http://purl.org/net/sword/package/BagIt", "--out", temp.toString(), "--id", "s-9",
                "--options", options.toString());

        assertThat(code).as(err()).isZero();
        Path zip = temp.resolve("bagit_2026-11-23_10-01-02_s-9.zip");
        // the whole package's checksums as configured, instead of the default sha256
        assertThat(out()).contains("md5 " + Sample1.hex("MD5", zip)).contains("sha512 " + Sample1.hex("SHA-512", zip))
                .doesNotContain("sha256");
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertThat(z.getEntry("bagit_2026-11-23_10-01-02_s-9/manifest-md5.txt")).isNotNull();
            assertThat(z.getEntry("bagit_2026-11-23_10-01-02_s-9/manifest-sha512.txt")).isNull();
        }
        out.reset();
        assertThat(run(validate, "--quiet", zip.toString())).isZero();
        assertThat(out().strip()).isEqualTo("VALID: " + zip);
    }

    @Test
    void validateBagRefusesAnInvalidBagAndListsWhy() {
        Path corrupt = Corpus.resolve("bagit-conformance/v0.97/invalid/corrupt-data-file");

        assertThat(run(validate, corrupt.toString())).isEqualTo(Command.FAILED);
        assertThat(out()).startsWith("INVALID: " + corrupt).contains("CHECKSUM_MISMATCH data/bare-filename");
    }

    @Test
    void badArgumentsPrintUsageAndExitTwo() throws Exception {
        assertThat(run(validate)).isEqualTo(Command.USAGE);
        assertThat(err()).contains("usage: validate-bag");

        err.reset();
        assertThat(run(pkg, "--spec", "rar-bag", "--submission", "x.json", "--files", ".")).isEqualTo(Command.USAGE);
        assertThat(err()).contains("unknown --spec 'rar-bag'").contains("known:").contains("bagit");

        err.reset();
        assertThat(run(pkg, "--spec", "bagit", "--submission", temp.resolve("x.json").toString(), "--files", "."))
                .isEqualTo(Command.USAGE);
        assertThat(err()).contains("cannot read").contains("x.json");

        err.reset();
        assertThat(run(validate, temp.resolve("nowhere").toString())).isEqualTo(Command.USAGE);
        assertThat(err()).contains("cannot read").contains("nowhere");
    }

    @Test
    void aSubmissionFileMissingFromTheDirectoryIsNamed() throws Exception {
        Path request = Files.writeString(temp.resolve("r.json"), REQUEST);

        int code = run(pkg, "--submission", request.toString(), "--files", temp.toString(), "--spec", "simple",
                "--out", temp.resolve("o").toString());

        assertThat(code).isEqualTo(Command.USAGE);
        assertThat(err()).contains("files[0] 'Sample2.doc' is not a file in " + temp);
    }

    @Test
    void aMistypedFieldInTheSubmissionIsReported() throws Exception {
        Path request = Files.writeString(temp.resolve("r.json"), "{\"fiels\": []}");

        int code = run(pkg, "--submission", request.toString(), "--files", temp.toString(), "--spec", "simple");

        assertThat(code).isEqualTo(Command.USAGE);
        assertThat(err()).contains("is not a valid submission").contains("fiels");
    }

    private int run(Command command, String... args) {
        return command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
