package org.depositservices.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import gov.loc.repository.bagit.verify.BagVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.depositservices.model.FileRole;
import org.depositservices.model.SubmissionRequest;
import org.depositservices.packaging.bagit.BagItPackageProvider;
import org.depositservices.packaging.bagit.BagValidator;
import org.depositservices.packaging.mets.PackagingFixture;
import org.depositservices.packaging.simple.SimpleZipPackageProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * metadata.json in simple and BagIt packages, read back from real packages and checked field by field against the
 * API's own submission JSON (the oracle for the metadata's shape) and checksums computed here.
 */
class MetadataJsonTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:01:02Z"), ZoneOffset.UTC);
    /** Every field the API takes, each given, so that nothing is compared with a default. */
    private static final String REQUEST = """
            {
              "repositories": ["local"],
              "submitter": {"firstName": "Suzanne", "lastName": "Vega", "email": "suzannev@jhu.edu"},
              "publication": {"title": "Specific protein supplementation", "abstract": "We fed mice.",
                "doi": "10.1039/c7fo01251a", "volume": "9", "issue": "2", "publicationDate": "2017-12-20",
                "journal": {"name": "Food & Function", "nlmta": "Food Funct", "publisher": "RSC",
                  "issns": [{"issn": "2042-6496", "pubType": "PRINT"}, {"issn": "2042-650X", "pubType": "ONLINE"}]}},
              "authors": [{"name": "Vega, Suzanne", "orcid": "0000-0002-1825-0097", "affiliation": "JHU"},
                {"name": "Núñez, María", "orcid": "0000-0001-5109-3700", "affiliation": "Universidad"}],
              "grants": [{"awardNumber": "R01EY026617", "funder": {"name": "National Eye Institute", "localKey": "nei"},
                "pi": {"firstName": "Ana", "lastName": "Pi", "email": "pi@jhu.edu"},
                "coPis": [{"firstName": "Co", "lastName": "Pi", "email": "copi@jhu.edu"}]}],
              "embargoEndDate": "2027-06-30",
              "tags": ["covid", "nutrition"],
              "files": [{"name": "paper.txt", "role": "manuscript"}]
            }
            """;

    private final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path temp;

    @Test
    void aSimplePackageCarriesTheWholeMetadataAndEveryFileWithItsChecksums() throws Exception {
        byte[] paper = "The paper.\n".getBytes(StandardCharsets.UTF_8);
        byte[] data = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        byte[] clash = "{\"mine\": true}\n".getBytes(StandardCharsets.UTF_8);
        DepositSubmission s = submission(
                new PackagingFixture.Content("paper.txt", FileRole.MANUSCRIPT, "the manuscript", paper),
                new PackagingFixture.Content("données 100%.csv", FileRole.SUPPLEMENTAL, null, data),
                new PackagingFixture.Content("Metadata.JSON", FileRole.SUPPLEMENTAL, "user's own", clash));
        PackageStream pkg = new ArchivingAssembler(new SimpleZipPackageProvider(), CLOCK).assemble(s, null);
        Map<String, byte[]> entries = TestArchives.unzip(TestArchives.write(pkg, temp));

        assertThat(entries.keySet()).containsExactly("paper.txt", "données 100%.csv", "Metadata-2.JSON",
                "metadata.json");
        JsonNode doc = json.readTree(entries.get("metadata.json"));
        assertThat(names(doc)).containsExactly("submission", "package", "specification", "createdAt", "metadata",
                "files");
        assertThat(doc.get("submission").asString()).isEqualTo("42");
        assertThat(doc.get("package").asString()).isEqualTo("simple_2026-11-23_10-01-02_42.zip");
        assertThat(doc.get("specification").asString()).isEqualTo(SimpleZipPackageProvider.SPEC);
        assertThat(doc.get("createdAt").asString()).isEqualTo("2026-11-23T10:01:02Z");
        assertThat(doc.get("metadata")).isEqualTo(expectedMetadata());

        JsonNode files = doc.get("files");
        assertThat(files).hasSize(3);
        checkFile(files.get(0), "paper.txt", "paper.txt", "paper.txt", "MANUSCRIPT", "the manuscript", "text/plain",
                paper, false);
        checkFile(files.get(1), "données 100%.csv", "données 100%.csv", "données 100%.csv", "SUPPLEMENTAL", null,
                "text/csv", data, false);
        checkFile(files.get(2), "Metadata-2.JSON", "Metadata-2.JSON", "Metadata.JSON", "SUPPLEMENTAL", "user's own",
                "application/json", clash, true);
        assertThat(files.get(2).get("renamed").asString()).contains("the package's own file metadata.json");
        assertThat(entries.get("Metadata-2.JSON")).isEqualTo(clash);
    }

    @Test
    void aBagCarriesTheSameDocumentAsATagFileListedInTheTagManifestsAndStillVerifies() throws Exception {
        byte[] paper = "The paper.\n".getBytes(StandardCharsets.UTF_8);
        DepositSubmission s = submission(
                new PackagingFixture.Content("paper.txt", FileRole.MANUSCRIPT, "the manuscript", paper));
        PackageOptions options = new PackageOptions(null, null, List.of(ChecksumAlgorithm.SHA512,
                ChecksumAlgorithm.MD5), Map.of());
        PackageStream pkg = new ArchivingAssembler(new BagItPackageProvider(), CLOCK).assemble(s, options);
        Path bag = TestArchives.unzipTo(TestArchives.write(pkg, temp), temp.resolve("u"))
                .resolve("bagit_2026-11-23_10-01-02_42");

        byte[] doc = Files.readAllBytes(bag.resolve("metadata.json"));
        for (String alg : List.of("sha512", "md5")) {
            String jca = alg.equals("md5") ? "MD5" : "SHA-512";
            assertThat(Files.readString(bag.resolve("tagmanifest-" + alg + ".txt")))
                    .contains(PackagingFixture.hex(jca, doc) + "  metadata.json\n");
        }
        JsonNode parsed = json.readTree(doc);
        assertThat(parsed.get("package").asString()).isEqualTo("bagit_2026-11-23_10-01-02_42.zip");
        assertThat(parsed.get("specification").asString()).isEqualTo(BagItPackageProvider.SPEC);
        assertThat(parsed.get("metadata")).isEqualTo(expectedMetadata());
        assertThat(parsed.get("files")).hasSize(1);
        JsonNode file = parsed.get("files").get(0);
        assertThat(file.get("path").asString()).isEqualTo("data/paper.txt");
        assertThat(file.get("checksums").get("sha512").asString())
                .isEqualTo(PackagingFixture.hex("SHA-512", paper));
        assertThat(file.get("checksums").get("md5").asString()).isEqualTo(PackagingFixture.hex("MD5", paper));
        assertThat(bag.resolve(file.get("path").asString())).hasBinaryContent(paper);

        gov.loc.repository.bagit.domain.Bag loc = new gov.loc.repository.bagit.reader.BagReader().read(bag);
        try (BagVerifier verifier = new BagVerifier()) {
            verifier.isValid(loc, false);
        }
        assertThat(new BagValidator().validate(bag).problems()).isEmpty();
    }

    private void checkFile(JsonNode f, String name, String path, String original, String role, String description,
                           String mediaType, byte[] bytes, boolean renamed) {
        List<String> keys = renamed
                ? List.of("name", "path", "originalName", "renamed", "role", "description", "mediaType", "size",
                "checksums")
                : List.of("name", "path", "originalName", "role", "description", "mediaType", "size", "checksums");
        assertThat(names(f)).containsExactlyElementsOf(keys);
        assertThat(f.get("name").asString()).isEqualTo(name);
        assertThat(f.get("path").asString()).isEqualTo(path);
        assertThat(f.get("originalName").asString()).isEqualTo(original);
        assertThat(f.get("role").asString()).isEqualTo(role);
        assertThat(f.get("description").isNull() ? null : f.get("description").asString()).isEqualTo(description);
        assertThat(f.get("mediaType").asString()).isEqualTo(mediaType);
        assertThat(f.get("size").asLong()).isEqualTo(bytes.length);
        assertThat(names(f.get("checksums"))).containsExactly("sha256", "md5");
        assertThat(f.get("checksums").get("sha256").asString()).isEqualTo(PackagingFixture.hex("SHA-256", bytes));
        assertThat(f.get("checksums").get("md5").asString()).isEqualTo(PackagingFixture.hex("MD5", bytes));
    }

    /** The request as the API takes it, less what is not metadata (target repositories, file list). */
    private JsonNode expectedMetadata() {
        ObjectNode request = (ObjectNode) json.readTree(REQUEST);
        request.remove("repositories");
        request.remove("files");
        return request;
    }

    private DepositSubmission submission(PackagingFixture.Content... files) throws Exception {
        SubmissionRequest request = json.readValue(REQUEST, SubmissionRequest.class);
        return PackagingFixture.submission(Files.createDirectories(temp.resolve("store")), "42", request.metadata(),
                List.of(files));
    }

    private static List<String> names(JsonNode node) {
        return List.copyOf(node.propertyNames());
    }
}
