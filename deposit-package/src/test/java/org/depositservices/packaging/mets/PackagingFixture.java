package org.depositservices.packaging.mets;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.depositservices.model.FileRole;
import org.depositservices.model.SubmissionFile;
import org.depositservices.model.SubmissionMetadata;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.PackageStream;
import org.depositservices.packaging.Resource;

/**
 * Test helpers shared by the METS and NIHMS package tests: submissions whose files live in a temp dir, archive
 * readers that refuse duplicate entries, and seeded random file sets with awkward names.
 */
public final class PackagingFixture {

    /** A user file to be: its name as uploaded, role, description and bytes. */
    public record Content(String name, FileRole role, String description, byte[] bytes) {
    }

    private PackagingFixture() {
    }

    /**
     * A submission whose files are stored under {@code dir} (as numbered files, so that no name the user gave ever
     * touches the file system), with size, SHA-256, MD5, SHA-512 and CRC-32 recorded as the store would.
     */
    public static DepositSubmission submission(Path dir, String id, SubmissionMetadata md, List<Content> files)
            throws IOException {
        List<SubmissionFile> out = new ArrayList<>();
        int n = 0;
        for (Content c : files) {
            Path p = dir.resolve("stored-" + (n++));
            Files.write(p, c.bytes());
            out.add(new SubmissionFile(c.name(), c.role(), c.description(), null, c.bytes().length,
                    hex("SHA-256", c.bytes()), hex("MD5", c.bytes()), p.toString(), hex("SHA-512", c.bytes()),
                    crc32(c.bytes())));
        }
        return new DepositSubmission(id, md, out, f -> Files.newInputStream(Path.of(f.location())));
    }

    public static byte[] write(PackageStream pkg) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pkg.writeTo(out);
        return out.toByteArray();
    }

    /** Reads the whole stream of {@link PackageStream#open()}. */
    public static byte[] readOpened(PackageStream pkg) throws IOException {
        try (InputStream in = pkg.open()) {
            return in.readAllBytes();
        }
    }

    /** Entries of a zip, in order, read with the JDK's reader (not the library that wrote them). */
    public static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (out.put(e.getName(), in.readAllBytes()) != null) {
                    throw new AssertionError("zip has two entries named '" + e.getName() + "'");
                }
            }
        }
        return out;
    }

    /** Entries of a tar.gz, in order. */
    public static Map<String, byte[]> untarGz(byte[] tgz) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tgz)),
                StandardCharsets.UTF_8.name())) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.isFile()) {
                    throw new AssertionError("tar entry '" + e.getName() + "' is not a regular file");
                }
                if (out.put(e.getName(), in.readAllBytes()) != null) {
                    throw new AssertionError("tar has two entries named '" + e.getName() + "'");
                }
            }
        }
        return out;
    }

    /** The user's files as the package metadata lists them, in submission order. */
    public static List<Resource> custodial(PackageStream pkg) {
        return pkg.metadata().resources().stream().filter(r -> !r.supplemental()).toList();
    }

    private static final String[] STEMS = {
        "manuscript", "Figure 1", "figure 1", "données", "日本語の表", "50% done", "a#b", "[draft]", "what?",
        "  spaced  out ", "MANIFEST", "manifest", "mets", "bulk_meta", "tab\there", "new\nline", "emoji 😀",
        "back\\slash", "dir/inner", "ü", "Ω≈ç", "x&y<z>\"q\"", "...", "a%41b", "é (NFD e\u0301)"
    };
    private static final String[] EXTS = {".pdf", ".png", ".txt", ".xml", "", ".tar.gz", ".DOCX"};

    /**
     * 1..maxFiles files with names drawn from a small pool of awkward stems (so that collisions, also by case, are
     * frequent), the first always a manuscript, sizes from 0 B to {@code maxBytes}, mostly small.
     */
    public static List<Content> randomFiles(Random rnd, int maxFiles, int maxBytes) {
        int count = 1 + rnd.nextInt(maxFiles);
        List<Content> out = new ArrayList<>();
        FileRole[] roles = FileRole.values();
        for (int i = 0; i < count; i++) {
            String name = STEMS[rnd.nextInt(STEMS.length)] + EXTS[rnd.nextInt(EXTS.length)];
            int size = switch (rnd.nextInt(8)) {
                case 0 -> 0;
                case 1 -> maxBytes / 2 + rnd.nextInt(maxBytes / 2 + 1);
                default -> rnd.nextInt(4096);
            };
            byte[] bytes = new byte[size];
            rnd.nextBytes(bytes);
            FileRole role = i == 0 ? FileRole.MANUSCRIPT : roles[rnd.nextInt(roles.length)];
            String description = rnd.nextBoolean() ? null : STEMS[rnd.nextInt(STEMS.length)];
            out.add(new Content(name, role, description, bytes));
        }
        return out;
    }

    /** CRC-32 as the content store records it: 8 hex digits. */
    public static String crc32(byte[] bytes) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    public static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
