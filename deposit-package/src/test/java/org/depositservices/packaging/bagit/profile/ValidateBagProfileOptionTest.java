package org.depositservices.packaging.bagit.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.depositservices.packaging.ArchivingAssembler;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.packaging.Sample1;
import org.depositservices.packaging.TestArchives;
import org.depositservices.packaging.bagit.BagItPackageProvider;
import org.depositservices.packaging.bagit.BagValidator;
import org.depositservices.packaging.cli.ValidateBagCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate-bag --profile} as an operator runs it on a bag made for the consortial profile. */
class ValidateBagProfileOptionTest {
    private final ValidateBagCommand validate =
            new ValidateBagCommand(new BagValidator(), BagItProfileLoader.localOnly());
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path temp;
    private Path zip;

    @BeforeEach
    void makeBag() throws Exception {
        ArchivingAssembler bagit = new ArchivingAssembler(
                new BagItPackageProvider("test", BagItProfileLoader.localOnly()),
                Clock.fixed(Instant.parse("2026-11-23T10:01:02Z"), ZoneOffset.UTC));
        PackageOptions options = PackageOptions.fromConfig(Map.of("profile-json", BagItProfilePackagingTest.CONSORTIAL,
                "bag-info", Map.of("Source-Organization", "Johns Hopkins University")));
        zip = TestArchives.write(bagit.assemble(Sample1.submission(), options), temp);
    }

    @Test
    void aConformingBagExitsZeroAndSaysSo() {
        int code = run(zip.toString(), "--profile", BagItProfilePackagingTest.CONSORTIAL);

        assertThat(code).as(err()).isZero();
        assertThat(out()).startsWith("VALID: " + zip)
                .contains("CONFORMS to profile " + BagItProfilePackagingTest.CONSORTIAL_ID + ": " + zip
                        + ", 0 violation(s)");
    }

    @Test
    void aValidBagThatDoesNotConformExitsOneListingEveryViolation() {
        int code = run(zip.toString(), "--quiet", "--profile=" + BagItProfilePackagingTest.STRICT);

        assertThat(code).isEqualTo(1);
        assertThat(out()).startsWith("VALID: " + zip)
                .contains("DOES NOT CONFORM: " + zip + " to profile " + BagItProfilePackagingTest.STRICT_ID)
                .contains("SERIALIZATION_NOT_ACCEPTED (Accept-Serialization): the bag is serialized as"
                        + " application/zip")
                .contains("WRONG_PROFILE_IDENTIFIER")
                .contains("MISSING_MANIFEST (Manifests-Required): the bag has no manifest-md5.txt")
                .contains("MANIFEST_NOT_ALLOWED (Manifests-Allowed): the bag has manifest-sha512.txt");
    }

    @Test
    void anUnusableProfileIsABadArgument() {
        int code = run(zip.toString(), "--profile", temp.resolve("missing.json").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("cannot use profile").contains("missing.json");
        assertThat(out()).isEmpty();
    }

    private int run(String... args) {
        return validate.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
