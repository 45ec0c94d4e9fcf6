package org.depositservices.packaging.bagit.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gov.loc.repository.bagit.verify.BagVerifier;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.depositservices.packaging.ArchivingAssembler;
import org.depositservices.packaging.Assembler;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.packaging.PackageStream;
import org.depositservices.packaging.PackagingException;
import org.depositservices.packaging.Sample1;
import org.depositservices.packaging.TestArchives;
import org.depositservices.packaging.bagit.Bag;
import org.depositservices.packaging.bagit.BagItPackageProvider;
import org.depositservices.packaging.bagit.BagReader;
import org.depositservices.packaging.bagit.BagValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BagIt packages of the corpus's PASS sample made for a repository that names a BagIt Profile: the bags are checked
 * by the Library of Congress's verifier (bagit-java), by our RFC 8493 validator and by the profile validator; options
 * the profile would reject are refused when the package is assembled, before any file is read.
 */
class BagItProfilePackagingTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:01:02Z"), ZoneOffset.UTC);
    static final String CONSORTIAL = "classpath:bagit/profile/consortial-interchange.json";
    static final String CONSORTIAL_ID = "https://profiles.example.org/bagit/consortial-interchange-v1.0.json";
    static final String STRICT = "classpath:/bagit/profile/strict-repository.json";
    static final String STRICT_ID = "https://repository.example.edu/bagit/deposit-profile-v2.json";

    private final Assembler bagit = new ArchivingAssembler(
            new BagItPackageProvider("Deposit Services test", BagItProfileLoader.localOnly()), CLOCK);

    @TempDir
    Path temp;

    @Test
    void zipBagForTheConsortialProfileDeclaresItAndConformsForEveryValidator() throws Exception {
        PackageOptions options = PackageOptions.fromConfig(Map.of(
                "profile-json", CONSORTIAL,
                "bag-info", Map.of("Source-Organization", "Johns Hopkins University")));
        Path zip = TestArchives.write(bagit.assemble(Sample1.submission(), options), temp);
        Path root = TestArchives.unzipTo(zip, temp.resolve("u")).resolve("bagit_2026-11-23_10-01-02_15");

        gov.loc.repository.bagit.domain.Bag loc = verifyWithLibraryOfCongress(root);
        assertThat(loc.getMetadata().get("BagIt-Profile-Identifier")).containsExactly(CONSORTIAL_ID);
        assertThat(loc.getMetadata().get("Source-Organization")).containsExactly("Johns Hopkins University");
        assertThat(new BagValidator().validate(root).problems()).isEmpty();
        ProfileValidation v = new BagItProfileValidator().validate(new BagReader().read(root),
                BagItProfileParserTest.resource("consortial-interchange.json"), BagSerialization.of(zip));
        assertThat(v.violations()).isEmpty();
    }

    @Test
    void tarGzBagForTheStrictProfileConformsWhenTheOptionsFollowIt() throws Exception {
        assumeTrue(TestArchives.hasSystemTar(), "no tar command on this machine");
        Path profileFile = copyResource("strict-repository.json");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("archive", "tar");
        config.put("compression", "gzip");
        config.put("algorithms", List.of("md5", "sha256"));
        config.put("profile", STRICT_ID);
        config.put("profile-json", profileFile.toString());
        config.put("bag-info", Map.of("Source-Organization", "Johns Hopkins University", "Access-Rights", "open"));
        PackageStream pkg = bagit.assemble(Sample1.submission(), PackageOptions.fromConfig(config));
        Path tgz = TestArchives.write(pkg, temp);
        Path root = TestArchives.untarTo(tgz, temp.resolve("t")).resolve("bagit_2026-11-23_10-01-02_15");

        gov.loc.repository.bagit.domain.Bag loc = verifyWithLibraryOfCongress(root);
        assertThat(loc.getMetadata().get("BagIt-Profile-Identifier")).containsExactly(STRICT_ID);
        assertThat(loc.getPayLoadManifests()).extracting(m -> m.getAlgorithm().getBagitName())
                .containsExactlyInAnyOrder("md5", "sha256");
        Bag bag = new BagReader().read(root);
        ProfileValidation v = new BagItProfileValidator().validate(bag,
                BagItProfileParserTest.resource("strict-repository.json"), BagSerialization.of(tgz));
        assertThat(v.violations()).isEmpty();
        assertThat(BagSerialization.of(tgz)).isEqualTo(BagSerialization.TAR_GZIP);
    }

    @Test
    void aBagWithoutTheRequiredTagIsRefusedAtAssemblyNamingTheOptionAndNoFileIsRead() {
        PackageOptions options = PackageOptions.fromConfig(Map.of("profile-json", CONSORTIAL));

        assertThatThrownBy(() -> bagit.assemble(unreadable(), options))
                .isInstanceOf(PackagingException.class)
                .hasMessage("profile " + CONSORTIAL_ID + " requires bag-info Source-Organization; set"
                        + " assembler.options.bag-info.Source-Organization")
                .extracting(e -> ((PackagingException) e).field())
                .isEqualTo("assembler.options.bag-info.Source-Organization");
    }

    @Test
    void aValueOutsideTheProfilesListIsRefusedWithTheAllowedValues() {
        PackagingException e = refused(Map.of("profile-json", STRICT, "archive", "tar", "compression", "gzip",
                "algorithms", "md5,sha256", "bag-info", Map.of("Source-Organization", "Acme Corp")));

        assertThat(e.getMessage()).isEqualTo("profile " + STRICT_ID + " allows bag-info Source-Organization only to"
                + " be one of [Johns Hopkins University, Example University], not 'Acme Corp'; set"
                + " assembler.options.bag-info.Source-Organization to one of them");
        assertThat(e.field()).isEqualTo("assembler.options.bag-info.Source-Organization");
    }

    @Test
    void aRepeatedValueOfANonRepeatableTagIsRefused() {
        PackagingException e = refused(Map.of("profile-json", STRICT, "archive", "tar", "compression", "gzip",
                "algorithms", "md5,sha256", "bag-info",
                Map.of("Source-Organization", List.of("Johns Hopkins University", "Example University"))));

        assertThat(e.getMessage()).contains("allows bag-info Source-Organization once; give one value in"
                + " assembler.options.bag-info.Source-Organization");
    }

    @Test
    void defaultOptionsAgainstTheStrictProfileListEveryFixStartingWithTheSerialization() {
        PackagingException e = refused(Map.of("profile-json", STRICT,
                "bag-info", Map.of("Source-Organization", "Johns Hopkins University")));

        assertThat(e.field()).isEqualTo("assembler.options.archive");
        assertThat(e.getMessage())
                .contains("profile " + STRICT_ID + " accepts serializations [application/tar+gzip, application/gzip]"
                        + " only, and the options' archive \"zip\" make application/zip; set in assembler.options:"
                        + " archive \"tar\", compression \"gzip\"")
                .contains("requires manifest-md5.txt; add md5 to assembler.options.algorithms")
                .contains("requires manifest-sha256.txt; add sha256 to assembler.options.algorithms")
                .contains("allows payload manifests of [md5, sha256] only; remove sha512 from"
                        + " assembler.options.algorithms")
                .contains("requires tagmanifest-sha256.txt; add sha256 to assembler.options.algorithms")
                .contains("allows tag manifests of [md5, sha256] only; remove sha512");
    }

    @Test
    void aProfileNoBagOfOursCanMeetIsRefusedSayingSo() throws Exception {
        PackagingException e = refused(Map.of("profile-json", "classpath:bagit/profile/legacy-tdr.json",
                "algorithms", "md5", "bag-info", Map.of("Source-Organization", "JHU", "Bag-Count", "1 of 1")));

        assertThat(e.field()).isEqualTo("assembler.options.profile-json");
        assertThat(e.getMessage())
                .startsWith("profile https://tdr.example.org/standards/bagit/tdr_ingest.json accepts BagIt [0.96]"
                        + " only, and this packager writes BagIt 1.0: it cannot make bags for this profile")
                .contains("forbids serialized bags")
                .contains("requires tag file DPN/dpnFirstNode.txt, which BagIt packages made here do not have");
    }

    @Test
    void aDataEmptyProfileIsRefusedNamingTheFiles() throws Exception {
        Path p = Files.writeString(temp.resolve("empty.json"), """
                {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "https://example.org/empty.json"},
                 "Accept-BagIt-Version": ["1.0"], "Data-Empty": true}
                """);
        PackagingException e = refused(Map.of("profile-json", p.toUri().toString()));

        assertThat(e.field()).isEqualTo("files");
        assertThat(e.getMessage()).contains("requires an empty payload (Data-Empty), but the submission has 8"
                + " file(s)");
    }

    @Test
    void theIdentifierOptionMustBeTheProfilesOwn() {
        PackagingException e = refused(Map.of("profile", "https://example.org/other.json", "profile-json",
                CONSORTIAL, "bag-info", Map.of("Source-Organization", "JHU")));

        assertThat(e.field()).isEqualTo("assembler.options.profile");
        assertThat(e.getMessage()).contains("assembler.options.profile is https://example.org/other.json, but the"
                + " profile at " + CONSORTIAL + " identifies itself as " + CONSORTIAL_ID);
        assertThat(refused(Map.of("profile", "profile.json")).getMessage())
                .contains("'profile.json' is not an absolute URI");
    }

    @Test
    void aBagInfoOptionReplacingTheDeclaredIdentifierIsRefused() {
        PackagingException e = refused(Map.of("profile-json", CONSORTIAL, "bag-info",
                Map.of("Source-Organization", "JHU", "BagIt-Profile-Identifier", "https://example.org/x.json")));

        assertThat(e.field()).isEqualTo("assembler.options.bag-info.BagIt-Profile-Identifier");
        assertThat(e.getMessage()).contains("must be declared in bag-info BagIt-Profile-Identifier; remove"
                + " assembler.options.bag-info.BagIt-Profile-Identifier");
    }

    @Test
    void anUnreadableOrInvalidProfileIsRefusedNamingTheOptionAndTheProfileField() throws Exception {
        Path missing = temp.resolve("nowhere.json");
        PackagingException notThere = refused(Map.of("profile-json", missing.toString()));
        assertThat(notThere.field()).isEqualTo("assembler.options.profile-json");
        assertThat(notThere.getMessage()).contains(missing.toString());

        Path broken = Files.writeString(temp.resolve("broken.json"), """
                {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "https://example.org/b.json"},
                 "Accept-BagIt-Version": ["1.0"], "Serialization": "sometimes"}
                """);
        PackagingException invalid = refused(Map.of("profile-json", broken.toString()));
        assertThat(invalid.field()).isEqualTo("assembler.options.profile-json");
        assertThat(invalid.getMessage()).contains("Serialization: is \"sometimes\"");

        // Only the identifier, and a loader without network: the JSON cannot be had, and the message says how.
        PackagingException offline = refused(Map.of("profile", CONSORTIAL_ID));
        assertThat(offline.field()).isEqualTo("assembler.options.profile");
        assertThat(offline.getMessage()).contains("does not use the network")
                .contains("set assembler.options.profile-json to a local copy");
    }

    @Test
    void theBagInfoWrittenIsCheckedAgainWithItsComputedDate() throws Exception {
        Path p = Files.writeString(temp.resolve("dated.json"), """
                {"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "https://example.org/dated.json"},
                 "Accept-BagIt-Version": ["1.0"],
                 "Bag-Info": {"Bagging-Date": {"required": true, "values": ["2020-01-01"]}}}
                """);
        // The date is taken at assembly, after the check: assembling passes, writing refuses.
        PackageStream pkg = bagit.assemble(Sample1.submission(), PackageOptions.fromConfig(Map.of("profile-json",
                p.toString())));

        assertThatThrownBy(() -> pkg.writeTo(new ByteArrayOutputStream()))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("allows bag-info Bagging-Date only to be one of [2020-01-01], not"
                        + " '2026-11-23'")
                .extracting(e -> ((PackagingException) e).field())
                .isEqualTo("assembler.options.bag-info.Bagging-Date");
    }

    @Test
    void withoutAProfileTheBagDeclaresNone() throws Exception {
        Path zip = TestArchives.write(bagit.assemble(Sample1.submission(), null), temp);
        Path root = TestArchives.unzipTo(zip, temp.resolve("u")).resolve("bagit_2026-11-23_10-01-02_15");

        assertThat(new BagReader().read(root).info("BagIt-Profile-Identifier")).isEmpty();
    }

    private PackagingException refused(Map<String, ?> config) {
        PackageOptions options = PackageOptions.fromConfig(config);
        try {
            bagit.assemble(unreadable(), options);
        } catch (PackagingException e) {
            return e;
        }
        throw new AssertionError("assembling with " + config + " should have been refused");
    }

    /** The sample submission, whose files fail the test if anything reads them. */
    private static DepositSubmission unreadable() {
        DepositSubmission s = Sample1.submission();
        return new DepositSubmission(s.id(), s.metadata(), s.files(), f -> {
            throw new AssertionError("file " + f.name() + " was read although assembling must refuse first");
        });
    }

    private Path copyResource(String name) throws Exception {
        Path to = temp.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/bagit/profile/" + name)) {
            Files.copy(in, to);
        }
        return to;
    }

    private static gov.loc.repository.bagit.domain.Bag verifyWithLibraryOfCongress(Path root) throws Exception {
        gov.loc.repository.bagit.domain.Bag loc = new gov.loc.repository.bagit.reader.BagReader().read(root);
        try (BagVerifier verifier = new BagVerifier()) {
            verifier.isValid(loc, false);
        }
        return loc;
    }
}
