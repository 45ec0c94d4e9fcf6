package org.depositservices.packaging.bagit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.depositservices.packaging.bagit.BagProblem.Kind.BAD_DECLARATION;
import static org.depositservices.packaging.bagit.BagProblem.Kind.BYTE_ORDER_MARK;
import static org.depositservices.packaging.bagit.BagProblem.Kind.CHECKSUM_MISMATCH;
import static org.depositservices.packaging.bagit.BagProblem.Kind.DOT_SLASH_PATH;
import static org.depositservices.packaging.bagit.BagProblem.Kind.DUPLICATE_ENTRY;
import static org.depositservices.packaging.bagit.BagProblem.Kind.MD5SUM_MARKER;
import static org.depositservices.packaging.bagit.BagProblem.Kind.MISSING_DECLARATION;
import static org.depositservices.packaging.bagit.BagProblem.Kind.MISSING_FILE;
import static org.depositservices.packaging.bagit.BagProblem.Kind.NON_PORTABLE_NAME;
import static org.depositservices.packaging.bagit.BagProblem.Kind.PATH_OUT_OF_SCOPE;
import static org.depositservices.packaging.bagit.BagProblem.Kind.SYSTEM_FILE;
import static org.depositservices.packaging.bagit.BagProblem.Kind.UNLISTED_FILE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.depositservices.testkit.Corpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator against the Library of Congress BagIt conformance suite (corpus/bagit-conformance): every bag of
 * {@code valid/} validates, every bag of {@code warning/} validates with a warning, every bag of {@code invalid/},
 * {@code linux-only/} and {@code windows-only/} is refused, each for the reason its name gives. Bags are found by
 * listing the suite, so a bag added to the corpus is tested at once.
 */
class BagItConformanceTest {
    /** Why each known refused bag must be refused; a new bag must merely be refused. */
    private static final Map<String, BagProblem.Kind> REFUSED_BECAUSE = Map.ofEntries(
            Map.entry("v0.97/invalid/baginfo-missing-encoding", BAD_DECLARATION),
            Map.entry("v0.97/invalid/bom-in-bagit.txt", BYTE_ORDER_MARK),
            Map.entry("v0.97/invalid/corrupt-data-file", CHECKSUM_MISMATCH),
            Map.entry("v0.97/invalid/corrupt-tag-file", CHECKSUM_MISMATCH),
            Map.entry("v0.97/invalid/extra-file-in-bag", UNLISTED_FILE),
            Map.entry("v0.97/invalid/invalid-version-number", BAD_DECLARATION),
            Map.entry("v0.97/invalid/missing-baginfo", MISSING_FILE),
            Map.entry("v0.97/invalid/missing-bagit.txt", MISSING_DECLARATION),
            Map.entry("v0.97/invalid/out-of-scope-file-paths-using-dot-notation", PATH_OUT_OF_SCOPE),
            Map.entry("v0.97/invalid/out-of-scope-file-paths-using-dot-notation-for-fetch", PATH_OUT_OF_SCOPE),
            Map.entry("v0.97/invalid/same-filename-listed-twice-with-different-hashes", DUPLICATE_ENTRY),
            Map.entry("v1.0/invalid/bagit-with-invalid-whitespace", BAD_DECLARATION),
            Map.entry("v1.0/invalid/notAllManifestsListAllFiles", UNLISTED_FILE),
            Map.entry("v1.0/invalid/same-filename-listed-twice-with-different-hashes", DUPLICATE_ENTRY),
            Map.entry("v1.0/invalid/same-filename-listed-twice-with-the-same-hash", DUPLICATE_ENTRY));

    private static final Map<String, BagProblem.Kind> WARNED_BECAUSE = Map.of(
            "v0.97/warning/duplicate-file-with-different-case", NON_PORTABLE_NAME,
            "v0.97/warning/made-with-md5sum-tools", MD5SUM_MARKER,
            "v0.97/warning/relative-path", DOT_SLASH_PATH,
            "v0.97/warning/same-filename-listed-twice-with-different-normalization", NON_PORTABLE_NAME,
            "v0.97/warning/same-filename-listed-twice-with-the-same-hash", DUPLICATE_ENTRY,
            "v0.97/warning/special-system-files", SYSTEM_FILE);

    private final BagValidator validator = new BagValidator();

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> validBagsValidate() throws IOException {
        return bags("valid").map(bag -> DynamicTest.dynamicTest(name(bag), () -> {
            BagValidation v = validator.validate(bag);
            assertThat(v.isValid()).as(v.report()).isTrue();
        }));
    }

    @TestFactory
    Stream<DynamicTest> warningBagsValidateWithAWarning() throws IOException {
        return bags("warning").map(bag -> DynamicTest.dynamicTest(name(bag), () -> {
            BagValidation v = validator.validate(restoreLostDotFiles(bag));
            assertThat(v.isValid()).as(v.report()).isTrue();
            assertThat(v.warnings()).as(v.report()).isNotEmpty();
            BagProblem.Kind expected = WARNED_BECAUSE.get(name(bag));
            if (expected != null) {
                assertThat(v.warnings()).as(v.report()).extracting(BagProblem::kind).contains(expected);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> invalidAndOutOfScopeBagsAreRefusedWithTheReason() throws IOException {
        return Stream.of("invalid", "linux-only", "windows-only").flatMap(this::bagsUnchecked)
                .map(bag -> DynamicTest.dynamicTest(name(bag), () -> {
                    BagValidation v = validator.validate(bag);
                    assertThat(v.isValid()).as(v.report()).isFalse();
                    assertThat(v.errors()).allSatisfy(e -> assertThat(e.message()).isNotBlank());
                    BagProblem.Kind expected = name(bag).contains("-only/") ? PATH_OUT_OF_SCOPE
                            : REFUSED_BECAUSE.get(name(bag));
                    if (expected != null) {
                        assertThat(v.errors()).as(v.report()).extracting(BagProblem::kind).contains(expected);
                    }
                }));
    }

    @Test
    void everyKnownBagIsStillInTheSuite() throws IOException {
        // Guards the tables above against a renamed corpus: a bag no longer found would no longer be checked.
        List<String> present = new ArrayList<>();
        for (String category : List.of("valid", "warning", "invalid", "linux-only", "windows-only")) {
            bags(category).map(BagItConformanceTest::name).forEach(present::add);
        }
        assertThat(present).containsAll(REFUSED_BECAUSE.keySet()).containsAll(WARNED_BECAUSE.keySet());
        assertThat(present).hasSizeGreaterThanOrEqualTo(46);
    }

    @Test
    void corruptPayloadIsReportedWithTheFileAndBothChecksums() throws IOException {
        BagValidation v = validator.validate(suite().resolve("v0.97/invalid/corrupt-data-file"));

        assertThat(v.errors()).filteredOn(p -> p.kind() == CHECKSUM_MISMATCH).singleElement().satisfies(p -> {
            assertThat(p.path()).startsWith("data/");
            assertThat(p.message()).contains("manifest-md5.txt");
        });
    }

    @Test
    void theSuitesSystemFilesBagLostItsDotFileAndIsThenRefusedForTheMissingFile() throws IOException {
        // The corpus copy dropped data/.DS_Store (dot files were lost when it was gathered); as stored, its manifest
        // lists a file the bag lacks, and that must be an error naming it.
        Path stored = suite().resolve("v0.97/warning/special-system-files");
        if (Files.exists(stored.resolve("data/.DS_Store"))) {
            return;
        }
        BagValidation v = validator.validate(stored);

        assertThat(v.isValid()).isFalse();
        assertThat(v.errors()).extracting(BagProblem::kind, BagProblem::path)
                .contains(tuple(MISSING_FILE, "data/.DS_Store"));
    }

    /**
     * The special-system-files bag as published: the empty data/.DS_Store its manifest lists (with the SHA-512 of
     * no bytes) is put back in a copy.
     */
    private Path restoreLostDotFiles(Path bag) throws IOException {
        if (!name(bag).endsWith("special-system-files") || Files.exists(bag.resolve("data/.DS_Store"))) {
            return bag;
        }
        Path copy = temp.resolve(bag.getFileName());
        try (Stream<Path> files = Files.walk(bag)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = copy.resolve(bag.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Files.createFile(copy.resolve("data/.DS_Store"));
        return copy;
    }

    private static Stream<Path> bags(String category) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String version : List.of("v0.97", "v1.0")) {
            Path dir = suite().resolve(version).resolve(category);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(Files::isDirectory).sorted().forEach(out::add);
                }
            }
        }
        return out.stream();
    }

    private Stream<Path> bagsUnchecked(String category) {
        try {
            return bags(category);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Looked up per test, not in a static field: without the corpus each test is skipped, not the class failed. */
    private static Path suite() {
        return Corpus.resolve("bagit-conformance");
    }

    private static String name(Path bag) {
        return suite().relativize(bag).toString().replace('\\', '/');
    }
}
