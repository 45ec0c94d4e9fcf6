package org.depositservices.packaging.bagit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules of RFC 8493 that the conformance suite does not exercise, on bags written here by hand. */
class BagReaderTest {
    @TempDir
    Path bag;

    @Test
    void version1PathsDecodePercentEncodedLineBreaksAndPercentOnly() throws Exception {
        declaration("1.0");
        payload("data/100%.txt", "a");
        payload("data/%7Etilde.txt", "b");
        manifest("sha256", "data/100%25.txt", "a", "data/%7Etilde.txt", "b");

        BagValidation v = new BagValidator().validate(bag);

        assertThat(v.isValid()).as(v.report()).isTrue();
        assertThat(v.bag().payloadManifests().get(0).entries()).containsOnlyKeys("data/100%.txt", "data/%7Etilde.txt");
    }

    @Test
    void bagInfoJoinsFoldedLinesAndKeepsRepeatedLabels() throws Exception {
        declaration("1.0");
        payload("data/a.txt", "a");
        manifest("sha256", "data/a.txt", "a");
        Files.writeString(bag.resolve("bag-info.txt"), "External-Description: a long\n  description\n\tin three"
                + " lines\nExternal-Identifier: one\nexternal-identifier: two\nPayload-Oxum: 1.1\n");

        Bag read = new BagReader().read(bag);

        assertThat(read.info("External-Description")).containsExactly("a long description in three lines");
        assertThat(read.info("External-Identifier")).containsExactly("one", "two");
        assertThat(read.payloadOxum()).isEqualTo(new Bag.Oxum(1, 1));
        assertThat(new BagValidator().validate(bag).problems()).isEmpty();
    }

    @Test
    void aPayloadOxumWrittenAsCountDotBytesIsCaught() throws Exception {
        // PASS wrote Payload-Oxum as count.bytes; with 2 files of 3 bytes that is "2.6" instead of "6.2".
        declaration("1.0");
        payload("data/a.txt", "abc");
        payload("data/b.txt", "def");
        manifest("sha256", "data/a.txt", "abc", "data/b.txt", "def");
        Files.writeString(bag.resolve("bag-info.txt"), "Payload-Oxum: 2.6\n");

        BagValidation v = new BagValidator().validate(bag);

        assertThat(v.errors()).extracting(BagProblem::kind).containsExactly(BagProblem.Kind.OXUM_MISMATCH);
        assertThat(v.errors().get(0).message()).contains("6 bytes in 2 file(s)");
    }

    @Test
    void aSymbolicLinkInThePayloadIsRefused() throws Exception {
        declaration("1.0");
        payload("data/a.txt", "a");
        manifest("sha256", "data/a.txt", "a");
        Files.createSymbolicLink(bag.resolve("data/link"), Path.of("../bagit.txt"));

        BagValidation v = new BagValidator().validate(bag);

        assertThat(v.errors()).extracting(BagProblem::kind, BagProblem::path)
                .containsExactly(tuple(BagProblem.Kind.NOT_A_REGULAR_FILE, "data/link"));
    }

    @Test
    void aMissingPayloadDirectoryAndAMissingManifestAreErrors() throws Exception {
        declaration("1.0");

        BagValidation v = new BagValidator().validate(bag);

        assertThat(v.errors()).extracting(BagProblem::kind).containsExactlyInAnyOrder(
                BagProblem.Kind.NO_PAYLOAD_MANIFEST, BagProblem.Kind.MISSING_PAYLOAD_DIRECTORY);
    }

    private void declaration(String version) throws IOException {
        Files.writeString(bag.resolve("bagit.txt"), "BagIt-Version: " + version
                + "\nTag-File-Character-Encoding: UTF-8\n");
    }

    private void payload(String path, String content) throws IOException {
        Files.createDirectories(bag.resolve(path).getParent());
        Files.writeString(bag.resolve(path), content, StandardCharsets.UTF_8);
    }

    /** A manifest of (written path, content) pairs; the checksum is of the content. */
    private void manifest(String algorithm, String... pathsAndContents) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
            b.append(HexFormat.of().formatHex(d)).append("  ").append(pathsAndContents[i]).append('\n');
        }
        Files.writeString(bag.resolve("manifest-" + algorithm + ".txt"), b.toString());
    }
}
