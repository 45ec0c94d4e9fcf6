package org.depositservices.packaging;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.depositservices.model.SubmissionFile;

/**
 * One archive package, written on demand. Each write reads every user file once, in 64 KiB chunks from a bounded
 * pool: the media type is detected from the head, each chunk goes straight into the archive and is then handed to
 * a digest thread that computes every checksum from that same chunk, so memory does not grow with file sizes. Files
 * whose media type is already compressed (PDF, JPEG, PNG, office files, ...), or whose first bytes do not compress
 * (see {@link CompressionSample}), are not deflated again, in a zip or a tar.gz. The same package written twice gives
 * the same bytes (fixed entry times and order), which lets a transport compare a remote copy with what it would send.
 *
 * <p>Each user file must have exactly the size recorded when it was stored, and a digest recorded then must match the
 * bytes read (one the manifests compute anyway when the store recorded it, see {@link Fixity}): otherwise the stored
 * copy is damaged and the write fails with a {@link PackagingException} naming the file, rather than sending a
 * corrupt package. A zip stores an already-compressed file as is (method STORED) when its CRC-32 was recorded, and
 * deflates it at level 0 otherwise (a stored entry needs its CRC before its bytes).
 */
final class ArchivingPackageStream implements PackageStream {
    static final int BUFFER = 64 * 1024;
    /** Bytes buffered between the writer thread and the reader of {@link #open()}. */
    static final int PIPE_CAPACITY = 1024 * 1024;

    /** A user file, with its safe name, its path in the package, and why it was renamed (null if it was not). */
    record PlannedFile(SubmissionFile file, String name, String path, String renameReason) {
    }

    private final PackageProvider provider;
    private final PackageContext context;
    private final List<PlannedFile> plan;
    private final Map<String, String> renames;
    private final Map<String, String> renameReasons;
    private final MediaTypeDetector detector;
    private final ThreadFactory writerThreads;
    private volatile PackageMetadata metadata;

    ArchivingPackageStream(PackageProvider provider, PackageContext context, List<PlannedFile> plan,
                           Map<String, String> renames, Map<String, String> renameReasons,
                           MediaTypeDetector detector, ThreadFactory writerThreads) {
        this.provider = provider;
        this.context = context;
        this.plan = List.copyOf(plan);
        this.renames = Map.copyOf(renames);
        this.renameReasons = Map.copyOf(renameReasons);
        this.detector = detector;
        this.writerThreads = writerThreads;
    }

    @Override
    public String name() {
        return context.packageName();
    }

    @Override
    public String spec() {
        return provider.spec();
    }

    @Override
    public String mimeType() {
        return ArchivingAssembler.mimeType(context.options());
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        PackageOptions options = context.options();
        // Digests run on two more threads, so hashing takes the second core: the files' manifest digests on one
        // lane; the whole package's and any extra fixity check on another; this thread reads, archives and hands
        // chunks over. Both lanes stop when the write ends, however it ends.
        try (DigestLane packageLane = new DigestLane("package-digest " + name());
             DigestLane fileLane = new DigestLane("file-digest " + name());
             CompressionSample sample = new CompressionSample()) {
            Checksums packageSums = new Checksums(options.packageAlgorithms());
            CountingOutputStream whole = new CountingOutputStream(out, packageSums, packageLane);
            // Tar writes 512-byte records: batch them before they reach the caller's (maybe unbuffered) stream.
            BufferedOutputStream buffered = new BufferedOutputStream(whole, BUFFER);
            LevelledGzip gzip = options.compression() == PackageOptions.Compression.GZIP
                    ? new LevelledGzip(buffered) : null;
            ArchiveWriter archive = ArchiveWriter.of(options.archive(), gzip != null ? gzip : buffered,
                    context.createdAt().toInstant());
            // A plain tar does not deflate: no need to sample what would be worth it.
            boolean deflates = options.archive() == PackageOptions.Archive.ZIP || gzip != null;
            Entries entries = new Entries(archive, fileLane, packageLane, deflates ? sample : null);
            // Closing the archive ends its deflaters and closes gzip and the buffer; the counting stream below only
            // flushes, so the caller's stream stays open, on success and on failure alike.
            try (archive) {
                for (SupplementalResource r : provider.leadingResources(context)) {
                    entries.add(r);
                }
                for (int i = 0; i < plan.size(); i++) {
                    entries.add(plan.get(i), i, gzip);
                }
                List<PackagedFile> custodial = entries.resolveFiles();
                if (gzip != null) {
                    gzip.level(Deflater.DEFAULT_COMPRESSION);
                }
                for (SupplementalResource r : provider.supplementalResources(context, custodial)) {
                    entries.add(r);
                }
                archive.finish();
                if (gzip != null) {
                    gzip.finish();
                }
                buffered.flush();
            }
            Map<ChecksumAlgorithm, String> sums = DigestLane.await(packageLane.after(packageSums::finish),
                    "package " + name());
            metadata = new PackageMetadata(name(), spec(), mimeType(), whole.count, sums, entries.resources,
                    renames, renameReasons);
        }
    }

    @Override
    public InputStream open() throws IOException {
        BoundedPipe pipe = new BoundedPipe(PIPE_CAPACITY, name());
        Thread writer = writerThreads.newThread(() -> {
            try {
                writeTo(pipe.sink());
                pipe.finish();
            } catch (Throwable e) {
                // Reported to the reader, whose read() throws it; nothing to log here.
                pipe.fail(e);
            }
        });
        writer.start();
        return pipe.source();
    }

    @Override
    public PackageMetadata metadata() {
        PackageMetadata m = metadata;
        if (m == null) {
            throw new IllegalStateException("package " + name() + " has not been written completely yet: its"
                    + " metadata is known once writeTo returns or open() has been read to the end");
        }
        return m;
    }

    @Override
    public String toString() {
        return "PackageStream[" + name() + ", " + spec() + ", " + plan.size() + " files]";
    }

    /** The entries of one write, in order; refuses a path twice, which would be a provider bug. */
    private final class Entries {
        private final ArchiveWriter archive;
        private final DigestLane fileLane;
        private final DigestLane packageLane;
        /** Null when the archive does not deflate. */
        private final CompressionSample sample;
        private final Set<String> paths = new HashSet<>();
        private final List<Resource> resources = new ArrayList<>();
        /** User files written whose digests the lane may still be computing, oldest first. */
        private final ArrayDeque<PendingFile> pending = new ArrayDeque<>();
        private final List<PackagedFile> custodial = new ArrayList<>();

        Entries(ArchiveWriter archive, DigestLane fileLane, DigestLane packageLane, CompressionSample sample) {
            this.archive = archive;
            this.fileLane = fileLane;
            this.packageLane = packageLane;
            this.sample = sample;
        }

        void add(SupplementalResource r) throws IOException {
            claim(r.path());
            archive.begin(r.path(), r.size(), true);
            r.writeTo(archive.content());
            archive.end();
            byte[] content = r.content();
            resources.add(new Resource(r.path(), true, r.mimeType(), content.length,
                    Checksums.of(content, context.options().algorithms())));
        }

        void add(PlannedFile planned, int index, LevelledGzip gzip) throws IOException {
            // A damaged file already digested fails the write before more bytes go out.
            resolve(false);
            SubmissionFile file = planned.file();
            claim(planned.path());
            List<ChecksumAlgorithm> requested = context.options().algorithms();
            Fixity fixity = Fixity.of(file, requested);
            Checksums sums = new Checksums(requested);
            // A recorded digest the manifests do not compute anyway is checked on the package lane, which has less
            // to do, from copies of the chunks; null when the check costs nothing more (or nothing was recorded).
            Checksums extra = fixity != null && !requested.contains(fixity.algorithm())
                    ? new Checksums(List.of(fixity.algorithm())) : null;
            String mime;
            try (InputStream raw = open(file, index); BufferedInputStream in = new BufferedInputStream(raw, BUFFER)) {
                mime = detect(in, planned.name(), file.mimeType());
                boolean compressible = !CompressedMediaTypes.isCompressed(mime)
                        && (sample == null || sample.worthDeflating(in, file.size()));
                if (gzip != null) {
                    gzip.level(compressible ? Deflater.DEFAULT_COMPRESSION : Deflater.NO_COMPRESSION);
                }
                archive.begin(planned.path(), file.size(), compressible, crc32(file));
                copy(in, archive.content(), sums, extra, file, index);
                endEntry(file, index);
            }
            CompletableFuture<Map<ChecksumAlgorithm, String>> manifest = fileLane.after(sums::finish);
            CompletableFuture<Map<ChecksumAlgorithm, String>> check = extra != null
                    ? packageLane.after(extra::finish) : CompletableFuture.completedFuture(Map.of());
            pending.add(new PendingFile(planned, index, mime, fixity, sums, manifest, check));
        }

        /**
         * Copies exactly the recorded size: more or fewer bytes means the stored copy is not the one recorded. Each
         * chunk is read into one of the file lane's buffers, archived, then handed to that lane to digest into
         * {@code sums}, and (when not null) copied to the package lane for {@code extra}.
         */
        private void copy(InputStream in, OutputStream out, Checksums sums, Checksums extra, SubmissionFile file,
                          int index) throws IOException {
            long expected = file.size();
            long total = 0;
            while (true) {
                byte[] b = fileLane.chunk();
                int n = in.read(b);
                if (n == -1) {
                    // The unused chunk goes back through the lane as an empty one.
                    fileLane.digest(sums, b, 0);
                    break;
                }
                if (total + n > expected) {
                    throw sizeMismatch(file, index, "more than");
                }
                out.write(b, 0, n);
                if (extra != null) {
                    packageLane.copy(extra, b, 0, n);
                }
                fileLane.digest(sums, b, n);
                total += n;
            }
            if (total != expected) {
                throw sizeMismatch(file, index, "only " + total + " of");
            }
        }

        /** Closes the entry; a zip entry stored with the recorded CRC-32 fails here if the bytes do not match it. */
        private void endEntry(SubmissionFile file, int index) throws IOException {
            try {
                archive.end();
            } catch (ZipException e) {
                throw damaged(file, "files[" + index + "]", "is damaged: its CRC-32 no longer matches "
                        + file.crc32() + ", recorded when it was stored (" + e.getMessage() + ")");
            }
        }

        /** Every user file with its digests, checked against the recorded ones; waits for the lane. */
        List<PackagedFile> resolveFiles() throws IOException {
            resolve(true);
            return List.copyOf(custodial);
        }

        /** Checks the pending files in order: all of them, or ({@code wait} false) those already digested. */
        private void resolve(boolean wait) throws IOException {
            while (!pending.isEmpty() && (wait || pending.peek().isDone())) {
                PendingFile p = pending.poll();
                String what = "file '" + p.planned().file().name() + "'";
                Map<ChecksumAlgorithm, String> hex = new EnumMap<>(ChecksumAlgorithm.class);
                hex.putAll(DigestLane.await(p.check(), what));
                hex.putAll(DigestLane.await(p.manifest(), what));
                custodial.add(new PackagedFile(p.planned().file(), checked(p, hex), p.planned().renameReason()));
            }
        }

        private Resource checked(PendingFile p, Map<ChecksumAlgorithm, String> hex) throws PackagingException {
            SubmissionFile file = p.planned().file();
            Fixity fixity = p.fixity();
            if (fixity != null && !fixity.recorded().equals(hex.get(fixity.algorithm()))) {
                throw damaged(file, "files[" + p.index() + "]", "is damaged: its " + fixity.algorithm().bagitName()
                        + " is now " + hex.get(fixity.algorithm()) + " but was " + fixity.recorded()
                        + " when it was stored");
            }
            hex.keySet().retainAll(context.options().algorithms());
            // The lane is done with the sums (both futures completed), so their count is safe to read here.
            Resource resource = new Resource(p.planned().path(), false, p.mime(), p.sums().count(), hex);
            resources.add(resource);
            return resource;
        }

        private void claim(String path) {
            if (!paths.add(path)) {
                throw new IllegalStateException(provider.getClass().getName() + " put two entries at '" + path
                        + "' in package " + name() + "; its supplementalPaths() must list every file it adds");
            }
        }
    }

    /** A user file written to the archive, waiting for its digests to be checked and recorded. */
    private record PendingFile(PlannedFile planned, int index, String mime, Fixity fixity, Checksums sums,
                               CompletableFuture<Map<ChecksumAlgorithm, String>> manifest,
                               CompletableFuture<Map<ChecksumAlgorithm, String>> check) {
        boolean isDone() {
            return manifest.isDone() && check.isDone();
        }
    }

    /**
     * The digest recorded when a file was stored that a write checks the bytes against: one the package computes
     * anyway when there is one (then the check costs nothing), else the cheapest recorded, SHA-256 (which current
     * CPUs compute in hardware), then MD5, then SHA-512.
     */
    record Fixity(ChecksumAlgorithm algorithm, String recorded) {
        private static final List<ChecksumAlgorithm> BY_COST =
                List.of(ChecksumAlgorithm.SHA256, ChecksumAlgorithm.MD5, ChecksumAlgorithm.SHA512);

        /** Null when the file has no recorded digest (a hand-written submission): only its size is checked. */
        static Fixity of(SubmissionFile file, List<ChecksumAlgorithm> computed) {
            Fixity cheapest = null;
            for (ChecksumAlgorithm a : BY_COST) {
                String recorded = recorded(file, a);
                if (recorded == null) {
                    continue;
                }
                Fixity f = new Fixity(a, recorded);
                if (computed.contains(a)) {
                    return f;
                }
                if (cheapest == null) {
                    cheapest = f;
                }
            }
            return cheapest;
        }

        private static String recorded(SubmissionFile file, ChecksumAlgorithm a) {
            String v = switch (a) {
                case SHA256 -> file.sha256();
                case MD5 -> file.md5();
                case SHA512 -> file.sha512();
                case SHA1 -> null;
            };
            return v == null || v.isBlank() ? null : v.trim().toLowerCase(Locale.ROOT);
        }
    }

    /** The CRC-32 recorded when the file was stored, or null (then a zip deflates it at level 0 instead). */
    private static Long crc32(SubmissionFile file) {
        String v = file.crc32();
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            long crc = Long.parseLong(v.trim(), 16);
            return crc >= 0 && crc <= 0xFFFFFFFFL ? crc : null;
        } catch (NumberFormatException e) {
            // Not a CRC: fall back to deflating, which computes its own; the recorded digests still check the bytes.
            return null;
        }
    }

    /** The stored bytes of a user file; failing to open or read them is a {@link PackageSourceException}. */
    private InputStream open(SubmissionFile file, int index) {
        return PackageSourceException.open(context.submission().id(), file, index, context.submission().source());
    }

    private String detect(BufferedInputStream in, String name, String declared) throws IOException {
        String detected = detector.detect(in, name);
        boolean unknown = detected == null || detected.isBlank() || detected.equals("application/octet-stream");
        if (unknown && declared != null && !declared.isBlank()) {
            return declared;
        }
        return unknown ? "application/octet-stream" : detected;
    }

    private PackagingException sizeMismatch(SubmissionFile file, int index, String what) {
        return damaged(file, "files[" + index + "].size", "has " + what + " the " + file.size() + " bytes recorded"
                + " when it was stored: the stored copy is damaged or was replaced");
    }

    /** A stored copy that no longer is what was recorded: no retry helps, the user must upload it again. */
    private PackagingException damaged(SubmissionFile file, String field, String problem) {
        return PackageSourceException.damaged(context.submission().id(), file, field, problem);
    }

    /** Gzip whose level can change between entries: already-compressed files pass through at level 0. */
    private static final class LevelledGzip extends GZIPOutputStream {
        LevelledGzip(OutputStream out) throws IOException {
            super(out, BUFFER);
        }

        /** Takes effect from the next bytes written; the stream stays one valid, deterministic gzip member. */
        void level(int level) {
            def.setLevel(level);
        }
    }

    /** Counts what reaches the caller's stream and has a lane digest a copy of it; never closes the stream. */
    private static final class CountingOutputStream extends FilterOutputStream {
        private final Checksums checksums;
        private final DigestLane lane;
        long count;

        CountingOutputStream(OutputStream out, Checksums checksums, DigestLane lane) {
            super(out);
            this.checksums = checksums;
            this.lane = lane;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            // Hand the copy over first: the lane digests it while the caller's stream takes the bytes.
            lane.copy(checksums, b, off, len);
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
