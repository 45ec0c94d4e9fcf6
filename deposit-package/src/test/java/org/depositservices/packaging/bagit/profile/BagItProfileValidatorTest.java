package org.depositservices.packaging.bagit.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.FETCH_NOT_ALLOWED;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.MANIFEST_NOT_ALLOWED;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.MISSING_MANIFEST;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.MISSING_PROFILE_IDENTIFIER;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.MISSING_TAG;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.MISSING_TAG_MANIFEST;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.TAG_MANIFEST_NOT_ALLOWED;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.VERSION_NOT_ACCEPTED;

import gov.loc.repository.bagit.verify.BagVerifier;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.depositservices.testkit.Corpus;
import org.depositservices.packaging.bagit.Bag;
import org.depositservices.packaging.bagit.BagReader;
import org.depositservices.packaging.bagit.BagValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The profile validator on bags that exist: one hand-made bag that conforms to a base profile, then one change per
 * case that breaks exactly one rule; and bags of the Library of Congress conformance suite (corpus), made by others.
 */
class BagItProfileValidatorTest {
    private static final String ID = "https://example.org/bagit/p.json";
    private final BagItProfileValidator validator = new BagItProfileValidator();

    @TempDir
    Path temp;

    /** The base bag: BagIt 1.0, sha256 manifests, declares the profile, one payload file. */
    private static HandMadeBag base() {
        return new HandMadeBag()
                .info("Source-Organization", "Example University")
                .info("Payload-Oxum", "{oxum}")
                .info("BagIt-Profile-Identifier", ID)
                .payload("a.txt", "hello");
    }

    /** A minimal valid profile, with {@code extra} top-level members added or replaced. */
    static BagItProfile profile(String extra) {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode p = (ObjectNode) json.readTree("{\"BagIt-Profile-Info\": {\"BagIt-Profile-Identifier\": \"" + ID
                + "\"}, \"Accept-BagIt-Version\": [\"1.0\"]}");
        p.setAll((ObjectNode) json.readTree("{" + extra + "}"));
        return new BagItProfileParser().parse(p.toString(), "test profile");
    }

    @Test
    void theBaseBagIsValidForTheLibraryOfCongressAndConformsToTheBaseProfile() throws Exception {
        Path root = base().writeTo(temp.resolve("bag"));

        gov.loc.repository.bagit.domain.Bag loc = new gov.loc.repository.bagit.reader.BagReader().read(root);
        try (BagVerifier verifier = new BagVerifier()) {
            verifier.isValid(loc, false);
        }
        Bag bag = new BagReader().read(root);
        ProfileValidation v = validator.validate(bag, profile(""), BagSerialization.DIRECTORY);
        assertThat(v.violations()).isEmpty();
        assertThat(v.isValid()).isTrue();
        assertThat(v.report()).startsWith("CONFORMS to profile " + ID);
    }

    /** One broken rule: the profile's extra members, the change to the base bag, how it came, what is expected. */
    record Case(String name, String profile, UnaryOperator<HandMadeBag> change, BagSerialization serialization,
                ProfileViolation.Kind kind, String field, String subject, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> oneRuleBroken() {
        UnaryOperator<HandMadeBag> same = b -> b;
        BagSerialization dir = BagSerialization.DIRECTORY;
        return Stream.of(
                new Case("BagIt 1.0 bag, profile takes 0.97", "\"Accept-BagIt-Version\": [\"0.97\"]", same, dir,
                        VERSION_NOT_ACCEPTED, "Accept-BagIt-Version", "1.0", "accepts BagIt 0.97"),
                new Case("directory, serialization required",
                        "\"Serialization\": \"required\", \"Accept-Serialization\": [\"application/zip\"]", same, dir,
                        ProfileViolation.Kind.SERIALIZATION_REQUIRED, "Serialization", null,
                        "requires it serialized"),
                new Case("zip, serialization forbidden", "\"Serialization\": \"forbidden\"", same,
                        BagSerialization.ZIP, ProfileViolation.Kind.SERIALIZATION_FORBIDDEN, "Serialization",
                        "application/zip", "forbids serialization"),
                new Case("tar.gz, only zip accepted", "\"Accept-Serialization\": [\"application/zip\"]", same,
                        BagSerialization.TAR_GZIP, ProfileViolation.Kind.SERIALIZATION_NOT_ACCEPTED,
                        "Accept-Serialization", "application/gzip", "accepts only [application/zip]"),
                new Case("no profile identifier", "", b -> b.withoutInfo("BagIt-Profile-Identifier"), dir,
                        MISSING_PROFILE_IDENTIFIER, "BagIt-Profile-Info.BagIt-Profile-Identifier",
                        "BagIt-Profile-Identifier", "lacks BagIt-Profile-Identifier"),
                new Case("another profile's identifier", "",
                        b -> b.withoutInfo("BagIt-Profile-Identifier")
                                .info("BagIt-Profile-Identifier", "https://example.org/other.json"), dir,
                        ProfileViolation.Kind.WRONG_PROFILE_IDENTIFIER,
                        "BagIt-Profile-Info.BagIt-Profile-Identifier", "BagIt-Profile-Identifier",
                        "not " + ID),
                new Case("required tag missing", "\"Bag-Info\": {\"Contact-Email\": {\"required\": true}}", same,
                        dir, MISSING_TAG, "Bag-Info.Contact-Email", "Contact-Email",
                        "lacks Contact-Email, which profile " + ID + " requires"),
                new Case("required tag blank", "\"Bag-Info\": {\"Contact-Email\": {\"required\": true}}",
                        b -> b.info("Contact-Email", " "), dir, MISSING_TAG, "Bag-Info.Contact-Email",
                        "Contact-Email", "has Contact-Email only blank"),
                new Case("value not in the list",
                        "\"Bag-Info\": {\"Source-Organization\": {\"values\": [\"Johns Hopkins University\"]}}", same,
                        dir, ProfileViolation.Kind.VALUE_NOT_ALLOWED, "Bag-Info.Source-Organization",
                        "Source-Organization", "is 'Example University'; profile " + ID
                        + " allows only [Johns Hopkins University]"),
                new Case("non-repeatable tag repeated",
                        "\"Bag-Info\": {\"source-organization\": {\"repeatable\": false}}",
                        b -> b.info("Source-Organization", "Another University"), dir,
                        ProfileViolation.Kind.TAG_REPEATED, "Bag-Info.source-organization", "source-organization",
                        "2 times"),
                new Case("required manifest missing", "\"Manifests-Required\": [\"md5\"]", same, dir,
                        MISSING_MANIFEST, "Manifests-Required", "md5", "no manifest-md5.txt"),
                new Case("manifest not allowed", "\"Manifests-Allowed\": [\"sha512\"]", same, dir,
                        MANIFEST_NOT_ALLOWED, "Manifests-Allowed", "sha256", "allows payload manifests of [sha512]"),
                new Case("required tag manifest missing", "\"Tag-Manifests-Required\": [\"sha512\"]", same, dir,
                        MISSING_TAG_MANIFEST, "Tag-Manifests-Required", "sha512", "no tagmanifest-sha512.txt"),
                new Case("tag manifest not allowed", "\"Tag-Manifests-Allowed\": [\"md5\"]", same, dir,
                        TAG_MANIFEST_NOT_ALLOWED, "Tag-Manifests-Allowed", "sha256", "allows tag manifests of [md5]"),
                new Case("required tag file missing", "\"Tag-Files-Required\": [\"metadata/mods.xml\"]", same, dir,
                        ProfileViolation.Kind.MISSING_TAG_FILE, "Tag-Files-Required", "metadata/mods.xml",
                        "no tag file metadata/mods.xml"),
                new Case("tag file not allowed", "\"Tag-Files-Allowed\": [\"metadata/*\"]",
                        b -> b.tagFile("metadata/mods.xml", "<mods/>").tagFile("notes/readme.txt", "hi"), dir,
                        ProfileViolation.Kind.TAG_FILE_NOT_ALLOWED, "Tag-Files-Allowed", "notes/readme.txt",
                        "tag file notes/readme.txt is not allowed"),
                new Case("fetch.txt not allowed", "\"Allow-Fetch.txt\": false",
                        b -> b.fetch("https://example.org/b.txt", "data/b.txt"), dir, FETCH_NOT_ALLOWED,
                        "Allow-Fetch.txt", "fetch.txt", "does not allow fetching"),
                new Case("fetch.txt required", "\"Fetch.txt-Required\": true", same, dir,
                        ProfileViolation.Kind.FETCH_REQUIRED, "Fetch.txt-Required", "fetch.txt", "no fetch.txt"),
                new Case("payload not empty", "\"Data-Empty\": true", same, dir,
                        ProfileViolation.Kind.DATA_NOT_EMPTY, "Data-Empty", "data/", "1 file(s), 5 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void oneRuleBroken(Case c) throws Exception {
        Path root = c.change().apply(base()).writeTo(temp.resolve("bag"));
        Bag bag = new BagReader().read(root);

        ProfileValidation v = validator.validate(bag, profile(c.profile()), c.serialization());

        assertThat(v.violations()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(c.kind());
            assertThat(p.field()).isEqualTo(c.field());
            assertThat(p.subject()).isEqualTo(c.subject());
            assertThat(p.message()).contains(c.message());
        });
        assertThat(v.isValid()).isFalse();
        assertThat(v.report()).startsWith("DOES NOT CONFORM to profile " + ID).contains(c.kind().name());
    }

    @Test
    void everyKindOfViolationIsCoveredByOneCase() {
        Set<ProfileViolation.Kind> covered = EnumSet.noneOf(ProfileViolation.Kind.class);
        oneRuleBroken().forEach(c -> covered.add(c.kind()));
        assertThat(covered).containsExactlyInAnyOrder(ProfileViolation.Kind.values());
    }

    @Test
    void anEmptyPayloadOrOneEmptyFileSatisfiesDataEmpty() throws Exception {
        BagItProfile dataEmpty = profile("\"Data-Empty\": true");
        Path none = base().clearPayload().writeTo(temp.resolve("none"));
        Path oneEmpty = base().clearPayload().payload(".keep", "").writeTo(temp.resolve("one"));

        assertThat(validator.validate(new BagReader().read(none), dataEmpty, null).violations()).isEmpty();
        assertThat(validator.validate(new BagReader().read(oneEmpty), dataEmpty, null).violations()).isEmpty();
    }

    @Test
    void aBagMayDeclareSeveralProfilesAndTagFilesInManifestsAreNotTagFilesOfTheProfile() throws Exception {
        Path root = base().info("BagIt-Profile-Identifier", "https://example.org/another-profile.json")
                .manifests("sha256", "md5").tagManifests("sha256", "md5").writeTo(temp.resolve("bag"));

        // bagit.txt, bag-info.txt and the manifests are always allowed, whatever Tag-Files-Allowed says.
        BagItProfile p = profile("\"Tag-Files-Allowed\": [\"metadata/*\"], \"Manifests-Required\": [\"md5\"]");
        assertThat(validator.validate(new BagReader().read(root), p, null).violations()).isEmpty();
    }

    @Test
    void theConformanceSuitesBasicBagFailsTheConsortialProfileForEachReasonItGives() throws Exception {
        // A BagIt 0.97 bag made by bagit-python: md5 manifests, no Source-Organization, no profile declared.
        Path root = Corpus.resolve("bagit-conformance/v0.97/valid/basic-bag");
        Bag bag = new BagReader().read(root);
        assertThat(new BagValidator().validate(root).isValid()).as("valid by RFC 8493").isTrue();

        ProfileValidation v = validator.validate(bag, BagItProfileParserTest.resource("consortial-interchange.json"),
                BagSerialization.DIRECTORY);

        assertThat(v.violations()).extracting(ProfileViolation::kind).containsExactly(MISSING_PROFILE_IDENTIFIER,
                MISSING_TAG, MISSING_MANIFEST, MANIFEST_NOT_ALLOWED, MISSING_TAG_MANIFEST, TAG_MANIFEST_NOT_ALLOWED);
        assertThat(v.violations()).extracting(ProfileViolation::subject).containsExactly("BagIt-Profile-Identifier",
                "Source-Organization", "sha512", "md5", "sha512", "md5");
    }

    @Test
    void theHoleyBagIsRefusedForItsFetchFileAndAStrictProfileStopsAtItsVersionFirst() throws Exception {
        Path root = Corpus.resolve("bagit-conformance/v0.97/valid/holey-bag");
        Bag bag = new BagReader().read(root);

        List<ProfileViolation> consortial = validator.validate(bag,
                BagItProfileParserTest.resource("consortial-interchange.json"), null).violations();
        List<ProfileViolation> strict = validator.validate(bag,
                BagItProfileParserTest.resource("strict-repository.json"), BagSerialization.DIRECTORY).violations();

        assertThat(consortial).extracting(ProfileViolation::kind).endsWith(FETCH_NOT_ALLOWED);
        // It has Source-Organization and Bagging-Date, but no Payload-Oxum.
        assertThat(consortial).filteredOn(p -> p.kind() == MISSING_TAG).extracting(ProfileViolation::subject)
                .containsExactly("Payload-Oxum");
        assertThat(strict.get(0).kind()).isEqualTo(VERSION_NOT_ACCEPTED);
        assertThat(strict.get(0).kind().fatal()).isTrue();
        assertThat(strict.get(0).message()).contains("the bag is BagIt 0.97").contains("accepts BagIt 1.0");
        assertThat(strict.get(1).kind()).isEqualTo(ProfileViolation.Kind.SERIALIZATION_REQUIRED);
        // Spengler University is not one of the strict profile's organizations.
        assertThat(strict).extracting(ProfileViolation::message)
                .contains("bag-info.txt Source-Organization is 'Spengler University'; profile"
                        + " https://repository.example.edu/bagit/deposit-profile-v2.json allows only"
                        + " [Johns Hopkins University, Example University]");
    }
}
