package org.depositservices.packaging.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.depositservices.packaging.bagit.BagValidator;
import org.depositservices.packaging.bagit.profile.BagItProfileLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate-bag} on archives from strangers: links, archive bombs, and the temporary directories of runs that
 * were killed. The archives are built here with commons-compress, entry by entry, as an attacker would.
 */
class ValidateBagArchiveTest {
    @TempDir
    Path temp;
    @TempDir
    Path scratch;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aTarWithASymbolicLinkAndAHardLinkOutOfTheBagIsInvalidNamingTheEntry() throws Exception {
        // The manifest lists both links as empty files: unpacked as regular files they would make a valid bag.
        Path tar = temp.resolve("links.tar");
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("data/readme.txt", bytes("hello"));
            files.put("data/passwd", new byte[0]);
            files.put("data/shadow", new byte[0]);
            for (Map.Entry<String, byte[]> e : tagFiles(files).entrySet()) {
                addTar(t, "bag/" + e.getKey(), e.getValue());
            }
            addTar(t, "bag/data/readme.txt", bytes("hello"));
            TarArchiveEntry symlink = new TarArchiveEntry("bag/data/passwd", TarArchiveEntry.LF_SYMLINK);
            symlink.setLinkName("/etc/passwd");
            t.putArchiveEntry(symlink);
            t.closeArchiveEntry();
            TarArchiveEntry hard = new TarArchiveEntry("bag/data/shadow", TarArchiveEntry.LF_LINK);
            hard.setLinkName("/etc/shadow");
            t.putArchiveEntry(hard);
            t.closeArchiveEntry();
        }

        int code = validate(tar.toString());

        assertThat(code).as(out()).isEqualTo(Command.FAILED);
        assertThat(out()).startsWith("INVALID: " + tar)
                .contains("bag/data/passwd: is a symbolic link to '/etc/passwd'");
        assertThat(scratch).isEmptyDirectory();
        assertNoLinkUnder(temp);

        // The hard link alone is refused the same way.
        Path hardOnly = temp.resolve("hard.tar");
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(hardOnly))) {
            addTar(t, "bag/bagit.txt", bytes("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"));
            TarArchiveEntry hard = new TarArchiveEntry("bag/data/shadow", TarArchiveEntry.LF_LINK);
            hard.setLinkName("/etc/shadow");
            t.putArchiveEntry(hard);
            t.closeArchiveEntry();
        }
        out.reset();
        assertThat(validate(hardOnly.toString())).isEqualTo(Command.FAILED);
        assertThat(out()).contains("bag/data/shadow: is a hard link to '/etc/shadow'");
        assertThat(scratch).isEmptyDirectory();
    }

    @Test
    void aZipEntryWhoseUnixModeSaysSymbolicLinkIsInvalidNamingTheEntry() throws Exception {
        Path zip = temp.resolve("link.zip");
        byte[] target = bytes("/etc/passwd");
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            Map<String, byte[]> files = Map.of("data/passwd", target);
            for (Map.Entry<String, byte[]> e : tagFiles(files).entrySet()) {
                addZip(z, "bag/" + e.getKey(), e.getValue(), 0100644);
            }
            // How Info-ZIP stores a symbolic link: the entry's bytes are the link's target.
            addZip(z, "bag/data/passwd", target, 0120777);
        }

        int code = validate(zip.toString());

        assertThat(code).as(out()).isEqualTo(Command.FAILED);
        assertThat(out()).startsWith("INVALID: " + zip)
                .contains("bag/data/passwd: is a symbolic link to '/etc/passwd'");
        assertThat(scratch).isEmptyDirectory();
        assertNoLinkUnder(temp);
    }

    @Test
    void aHighlyCompressibleZipBombIsRefusedBeforeAnythingIsWritten() throws Exception {
        // 256 MiB of zeros deflate to about 250 KB: 1000 times; the default ratio allows 20.
        Path zip = temp.resolve("bomb.zip");
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            addZip(z, "bag/bagit.txt", bytes("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"), 0100644);
            z.putArchiveEntry(new ZipArchiveEntry("bag/data/zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                z.write(zeros);
            }
            z.closeArchiveEntry();
        }
        long limit = 20 * Files.size(zip);

        int code = validate(zip.toString());

        assertThat(code).isEqualTo(Command.USAGE);
        assertThat(err()).contains("beyond the limit of " + limit + " bytes (20 × the archive's "
                + Files.size(zip) + " bytes)").contains("--max-expansion-ratio").contains("--max-expanded-size")
                .contains("nothing was extracted");
        assertThat(scratch).isEmptyDirectory();
    }

    @Test
    void aTarGzBombStopsAtTheLimitAndWhatItWroteIsRemoved() throws Exception {
        // Tar lists no sizes up front: extraction itself must stop at the limit.
        Path tgz = temp.resolve("bomb.tar.gz");
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GZIPOutputStream(
                Files.newOutputStream(tgz)))) {
            addTar(t, "bag/bagit.txt", bytes("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"));
            addTar(t, "bag/data/zeros.bin", new byte[64 << 20]);
        }

        int code = validate(tgz.toString());

        assertThat(code).isEqualTo(Command.USAGE);
        assertThat(err()).contains("expands beyond the limit of " + 20 * Files.size(tgz) + " bytes (20 × the"
                + " archive's " + Files.size(tgz) + " bytes)").contains("at entry 'bag/data/zeros.bin'")
                .contains("what it wrote was removed").contains("--max-expansion-ratio N");
        assertThat(scratch).isEmptyDirectory();

        err.reset();
        assertThat(validate(tgz.toString(), "--max-expansion-ratio", "0", "--max-expanded-size", "2MiB"))
                .isEqualTo(Command.USAGE);
        assertThat(err()).contains("expands beyond the limit of 2097152 bytes (the largest expanded size)");
        assertThat(scratch).isEmptyDirectory();

        // Raised, the same archive is unpacked and judged (invalid: no manifest).
        err.reset();
        assertThat(validate(tgz.toString(), "--max-expansion-ratio", "0", "--max-expanded-size", "100MB"))
                .as(err()).isEqualTo(Command.FAILED);
        assertThat(out()).contains("INVALID").contains("NO_PAYLOAD_MANIFEST");
    }

    @Test
    void badLimitsAreRefusedNamingTheOption() {
        assertThat(validate("x.zip", "--max-expanded-size", "lots")).isEqualTo(Command.USAGE);
        assertThat(err()).contains("--max-expanded-size 'lots' is not a size");
        err.reset();
        assertThat(validate("x.zip", "--max-expansion-ratio", "-3")).isEqualTo(Command.USAGE);
        assertThat(err()).contains("--max-expansion-ratio '-3' is not a whole number of 0 or more");
    }

    @Test
    void aTemporaryDirectoryOfAKilledRunIsRemovedByTheNextWhileALiveRunsIsKept() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path dead = leftover(finished.pid(), finished.pid() + "");
        Path live = leftover(ProcessHandle.current().pid(), ScratchDirectory.owner(ProcessHandle.current()));
        // The pid is alive but belongs to a process started at another time: the owner is gone, the pid reused.
        Path reused = leftover(ProcessHandle.current().pid(), ProcessHandle.current().pid() + " 12345");
        Path unrelated = Files.createDirectory(scratch.resolve("someone-elses"));

        int code = validate(smallBag().toString());

        assertThat(code).as(out() + err()).isEqualTo(Command.OK);
        assertThat(dead).doesNotExist();
        assertThat(reused).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(live.resolve("x/bag/data/big.bin")).exists();
        assertThat(unrelated).isDirectory();
        assertThat(err()).contains("removed " + dead);
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).containsExactlyInAnyOrder(live, unrelated);
        }
    }

    /** A directory as a run of process {@code pid} leaves it when killed mid-extraction. */
    private Path leftover(long pid, String owner) throws IOException {
        Path dir = Files.createTempDirectory(scratch, ValidateBagCommand.SCRATCH_PREFIX + pid + "-");
        Files.writeString(dir.resolve(ScratchDirectory.OWNER_FILE), owner + "\n");
        Files.createDirectories(dir.resolve("x/bag/data"));
        Files.write(dir.resolve("x/bag/data/big.bin"), new byte[4096]);
        return dir;
    }

    private Path smallBag() throws Exception {
        Path zip = temp.resolve("small.zip");
        Map<String, byte[]> files = Map.of("data/a.txt", bytes("a"));
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> e : tagFiles(files).entrySet()) {
                addZip(z, "bag/" + e.getKey(), e.getValue(), 0100644);
            }
            addZip(z, "bag/data/a.txt", bytes("a"), 0100644);
        }
        return zip;
    }

    /** bagit.txt and a SHA-256 manifest of {@code payload}. */
    private static Map<String, byte[]> tagFiles(Map<String, byte[]> payload) throws Exception {
        StringBuilder manifest = new StringBuilder();
        for (Map.Entry<String, byte[]> e : payload.entrySet()) {
            manifest.append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(e.getValue())))
                    .append("  ").append(e.getKey()).append('\n');
        }
        Map<String, byte[]> tags = new LinkedHashMap<>();
        tags.put("bagit.txt", bytes("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"));
        tags.put("manifest-sha256.txt", bytes(manifest.toString()));
        return tags;
    }

    private static void addTar(TarArchiveOutputStream t, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        t.putArchiveEntry(e);
        t.write(content);
        t.closeArchiveEntry();
    }

    private static void addZip(ZipArchiveOutputStream z, String name, byte[] content, int unixMode)
            throws IOException {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setUnixMode(unixMode);
        z.putArchiveEntry(e);
        z.write(content);
        z.closeArchiveEntry();
    }

    private static void assertNoLinkUnder(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isSymbolicLink)).isEmpty();
        }
    }

    private int validate(String... args) {
        ValidateBagCommand command = new ValidateBagCommand(new BagValidator(), new BagItProfileLoader(), scratch);
        return command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
