package org.depositservices.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.depositservices.model.Author;
import org.depositservices.model.FileRole;
import org.depositservices.model.Funder;
import org.depositservices.model.Grant;
import org.depositservices.model.Issn;
import org.depositservices.model.IssnPubType;
import org.depositservices.model.Journal;
import org.depositservices.model.Person;
import org.depositservices.model.Publication;
import org.depositservices.model.SubmissionFile;
import org.depositservices.model.SubmissionMetadata;
import org.depositservices.packaging.DepositSubmission;

/**
 * A generated benchmark payload on disk: random (incompressible) files in {@code dir/files}, and
 * {@code dir/payload.tsv} recording each file's name, role, size, SHA-256, MD5, SHA-512 and CRC-32 as the content
 * store records them on upload (computed in the same pass that writes the bytes). Generating is a separate step from measuring, so a
 * measuring JVM (e.g. one with a 64 MiB heap) only reads it back with {@link #load}.
 *
 * @param dir   the payload directory (holds {@code files/} and {@code payload.tsv})
 * @param files in submission order; the first is the manuscript
 */
record Payload(Path dir, List<PayloadFile> files) {

    static final String INDEX = "payload.tsv";
    static final String FILES = "files";
    /** The NIHMS funder mapping the benchmark submission's grant needs ({@code assembler.options}). */
    static final String FUNDER_KEY = "example.edu:funder:nih";

    /** One file as the store recorded it. */
    record PayloadFile(String name, FileRole role, long size, String sha256, String md5, String sha512,
                       String crc32) {
    }

    /** Which digests the store had recorded for the files. */
    enum Recorded {
        /** What the content store records now: SHA-256, MD5, SHA-512 and CRC-32. */
        ALL,
        /** Files stored before the store recorded SHA-512 and CRC-32: SHA-256 and MD5 only. */
        OLDER
    }

    Payload {
        files = List.copyOf(files);
    }

    /**
     * Writes {@code count} files of {@code fileBytes} random bytes each, named {@code manuscript.<ext>} and
     * {@code supplement-<n>.<ext>}, into {@code dir/files}, and the index beside them.
     *
     * @param extension e.g. pdf (a type the packager knows is compressed) or bin (unknown: sampled, and random bytes
     *                  are not deflated)
     * @throws IOException when the directory cannot be written (full disk: the message says how much was asked)
     */
    static Payload generate(Path dir, int count, long fileBytes, String extension, long seed) throws IOException {
        if (count < 1 || fileBytes < 0) {
            throw new IllegalArgumentException("a payload needs at least one file and a size >= 0, got " + count
                    + " file(s) of " + fileBytes + " bytes");
        }
        Path filesDir = Files.createDirectories(dir.resolve(FILES));
        SplittableRandom random = new SplittableRandom(seed);
        byte[] block = new byte[1024 * 1024];
        List<PayloadFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = (i == 0 ? "manuscript" : "supplement-" + i) + "." + extension;
            MessageDigest sha256 = digest("SHA-256");
            MessageDigest md5 = digest("MD5");
            MessageDigest sha512 = digest("SHA-512");
            CRC32 crc32 = new CRC32();
            try (OutputStream out = Files.newOutputStream(filesDir.resolve(name))) {
                for (long written = 0; written < fileBytes; ) {
                    random.nextBytes(block);
                    int n = (int) Math.min(block.length, fileBytes - written);
                    sha256.update(block, 0, n);
                    md5.update(block, 0, n);
                    sha512.update(block, 0, n);
                    crc32.update(block, 0, n);
                    out.write(block, 0, n);
                    written += n;
                }
            } catch (IOException e) {
                throw new IOException("cannot write payload file " + filesDir.resolve(name) + " (" + count + " x "
                        + fileBytes + " bytes asked; check free space with df): " + e, e);
            }
            files.add(new PayloadFile(name, i == 0 ? FileRole.MANUSCRIPT : FileRole.SUPPLEMENTAL, fileBytes,
                    HexFormat.of().formatHex(sha256.digest()), HexFormat.of().formatHex(md5.digest()),
                    HexFormat.of().formatHex(sha512.digest()), HexFormat.of().toHexDigits((int) crc32.getValue())));
        }
        Payload payload = new Payload(dir, files);
        payload.writeIndex();
        return payload;
    }

    /** Reads a payload written by {@link #generate}. */
    static Payload load(Path dir) throws IOException {
        Path index = dir.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            throw new IOException("no " + INDEX + " in " + dir + ": generate the payload first"
                    + " (PackageThroughputBenchmark generate --dir " + dir + ")");
        }
        List<PayloadFile> files = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split("\t");
                if (f.length != 7) {
                    throw new IOException(index + ": expected name, role, size, sha256, md5, sha512, crc32"
                            + " separated by tabs, got '" + line + "'; generate the payload again");
                }
                files.add(new PayloadFile(f[0], FileRole.parse(f[1]), Long.parseLong(f[2]), f[3], f[4], f[5],
                        f[6]));
            }
        }
        return new Payload(dir, files);
    }

    private void writeIndex() throws IOException {
        StringBuilder b = new StringBuilder();
        for (PayloadFile f : files) {
            b.append(f.name()).append('\t').append(f.role()).append('\t').append(f.size()).append('\t')
                    .append(f.sha256()).append('\t').append(f.md5()).append('\t').append(f.sha512()).append('\t')
                    .append(f.crc32()).append('\n');
        }
        Files.writeString(dir.resolve(INDEX), b, StandardCharsets.UTF_8);
    }

    Path path(PayloadFile f) {
        return dir.resolve(FILES).resolve(f.name());
    }

    List<Path> paths() {
        return files.stream().map(this::path).toList();
    }

    long totalBytes() {
        return files.stream().mapToLong(PayloadFile::size).sum();
    }

    /** The extension of the files (all share one). */
    String extension() {
        String n = files.get(0).name();
        return n.substring(n.lastIndexOf('.') + 1);
    }

    /**
     * The same bytes under another extension, in {@code target}: hard links where the file system allows (no
     * copy, no extra disk), copies otherwise.
     */
    Payload renamedAs(String extension, Path target) throws IOException {
        List<PayloadFile> renamed = new ArrayList<>();
        Path filesDir = Files.createDirectories(target.resolve(FILES));
        for (PayloadFile f : files) {
            String name = f.name().substring(0, f.name().lastIndexOf('.') + 1) + extension;
            linkOrCopy(path(f), filesDir.resolve(name));
            renamed.add(new PayloadFile(name, f.role(), f.size(), f.sha256(), f.md5(), f.sha512(), f.crc32()));
        }
        Payload p = new Payload(target, renamed);
        p.writeIndex();
        return p;
    }

    /** Puts the payload files (only them) into {@code target}: hard links where possible, copies otherwise. */
    void linkInto(Path target) throws IOException {
        Files.createDirectories(target);
        for (PayloadFile f : files) {
            linkOrCopy(path(f), target.resolve(f.name()));
        }
    }

    private static void linkOrCopy(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(from, to);
        }
    }

    /**
     * The payload as the engine hands it to an assembler: realistic metadata (what NIHMS requires: title, journal
     * NLM TA, submitter email and last name; plus a DOI, authors and an NIH grant), the manuscript and supplements.
     *
     * @param recorded the digests the store recorded: the packager checks each file against one of them while
     *                 packaging it, and stores already-compressed files in a zip as they are when it has the CRC-32
     */
    DepositSubmission submission(String id, Recorded recorded) {
        boolean all = recorded == Recorded.ALL;
        String declared = switch (extension()) {
            case "pdf" -> "application/pdf";
            default -> "application/octet-stream";
        };
        List<SubmissionFile> list = new ArrayList<>();
        for (PayloadFile f : files) {
            list.add(new SubmissionFile(f.name(), f.role(), f.role() == FileRole.MANUSCRIPT ? "Author manuscript"
                    : "Supplementary data " + f.name(), declared, f.size(), f.sha256(), f.md5(), path(f).toString(),
                    all ? f.sha512() : null, all ? f.crc32() : null));
        }
        return new DepositSubmission(id, metadata(), list, f -> Files.newInputStream(Path.of(f.location())));
    }

    static SubmissionMetadata metadata() {
        Person submitter = new Person("Jane", "Doe", "jane.doe@example.edu");
        Journal journal = new Journal("Journal of Reproducible Benchmarks", "J Reprod Bench", "Example Press",
                List.of(new Issn("1234-5679", IssnPubType.ELECTRONIC)));
        Publication publication = new Publication("Packaging a gigabyte of supplementary data without buffering it",
                "We measure how long packaging takes against a single checksum pass.", "10.5555/bench.2026.001",
                "12", "3", "2026-03-01", journal);
        return new SubmissionMetadata(submitter, publication,
                List.of(new Author("Jane Doe", "0000-0002-1825-0097", "Example University"),
                        new Author("Rui Costa", null, "Example University")),
                List.of(new Grant("R01GM000001", new Funder("National Institutes of Health", FUNDER_KEY),
                        new Person("Ana", "Lima", "ana.lima@example.edu"), List.of())),
                null);
    }

    /** Deletes a directory tree; a missing one is fine. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JCA lacks " + name, e);
        }
    }
}
