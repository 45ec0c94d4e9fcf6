package org.depositservices.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.depositservices.model.Author;
import org.depositservices.model.FileRole;
import org.depositservices.model.Journal;
import org.depositservices.model.Person;
import org.depositservices.model.Publication;
import org.depositservices.model.SubmissionFile;
import org.depositservices.model.SubmissionMetadata;
import org.depositservices.packaging.mets.PackagingFixture;
import org.depositservices.testkit.Corpus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PASS sample submission of the corpus (pass/sample1.json and its files) as a {@link DepositSubmission}, with
 * sizes and checksums computed from the files as the content store would (SHA-256, MD5, SHA-512 and CRC-32; or, as
 * for files stored before the store recorded the last two, SHA-256 and MD5 only). Maps only what packaging tests need.
 * Its eight files include a name with a space, user files named manifest.txt and bulk_meta.xml, and Figure1.tif,
 * which the corpus holds as an empty file because the original was missing from the source.
 */
public final class Sample1 {
    private Sample1() {
    }

    public static Path filesDir() {
        return Corpus.resolve("pass/sample1");
    }

    public static DepositSubmission submission() {
        return submission(filesDir());
    }

    /** The sample as stored before the store recorded SHA-512 and CRC-32: only SHA-256 and MD5 are known. */
    public static DepositSubmission submissionWithOlderDigests() {
        return submission(filesDir(), false);
    }

    /** The sample's metadata and files, with the bytes read from {@code dir}. */
    public static DepositSubmission submission(Path dir) {
        return submission(dir, true);
    }

    private static DepositSubmission submission(Path dir, boolean allDigests) {
        try {
            JsonNode graph = JsonMapper.builder().build().readTree(Corpus.resolve("pass/sample1.json").toFile());
            JsonNode submission = byType(graph, "Submission").get(0);
            JsonNode blob = JsonMapper.builder().build().readTree(submission.path("metadata").asString());
            JsonNode user = byId(graph, submission.path("submitter").asString());
            Person submitter = new Person(user.path("firstName").asString(), user.path("lastName").asString(),
                    user.path("email").asString());
            List<Author> authors = new ArrayList<>();
            for (JsonNode a : blob.path("authors")) {
                authors.add(new Author(a.path("author").asString(), a.path("orcid").asString(null), null));
            }
            Journal journal = new Journal(blob.path("journal-title").asString(), blob.path("journal-NLMTA-ID")
                    .asString(), blob.path("publisher").asString(), List.of());
            Publication publication = new Publication(blob.path("title").asString(),
                    blob.path("abstract").asString(), blob.path("doi").asString(), blob.path("volume").asString(),
                    blob.path("issue").asString(), blob.path("publicationDate").asString(), journal);
            SubmissionMetadata metadata = new SubmissionMetadata(submitter, publication, authors, List.of(), null);
            List<SubmissionFile> files = new ArrayList<>();
            for (JsonNode f : byType(graph, "File")) {
                String uri = f.path("uri").asString();
                String name = URLDecoder.decode(uri.substring(uri.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
                Path p = dir.resolve(name);
                files.add(new SubmissionFile(name, FileRole.parse(f.path("fileRole").asString()),
                        f.path("description").asString(), f.path("mimeType").asString(), Files.size(p),
                        hex("SHA-256", p), hex("MD5", p), name, allDigests ? hex("SHA-512", p) : null,
                        allDigests ? crc32(p) : null));
            }
            return new DepositSubmission(submission.path("id").asString(), metadata, files,
                    file -> Files.newInputStream(dir.resolve(file.location())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hex digest of a file, read whole: an oracle independent of the packaging code's streaming digests. */
    public static String hex(String jcaName, Path file) throws IOException {
        return PackagingFixture.hex(jcaName, Files.readAllBytes(file));
    }

    /** CRC-32 of a file as 8 hex digits, by the JDK's CRC32 over the whole file. */
    public static String crc32(Path file) throws IOException {
        return PackagingFixture.crc32(Files.readAllBytes(file));
    }

    private static List<JsonNode> byType(JsonNode graph, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : graph) {
            if (type.equals(n.path("@type").asString(""))) {
                out.add(n);
            }
        }
        return out;
    }

    private static JsonNode byId(JsonNode graph, String id) {
        for (JsonNode n : graph) {
            if (id.equals(n.path("id").asString(""))) {
                return n;
            }
        }
        throw new IllegalArgumentException("no node " + id + " in sample1.json");
    }
}
