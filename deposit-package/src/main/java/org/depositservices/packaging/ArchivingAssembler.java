package org.depositservices.packaging;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import org.depositservices.model.SubmissionFile;

/**
 * The {@link Assembler} of every spec that produces one archive (zip, tar, tar.gz): the spec's
 * {@link PackageProvider} says where files go and what it adds, this class does the rest.
 *
 * <p>Assembling checks the options, the submission and the spec, fixes the package's name and time, and plans the
 * path of every user file (renaming those that would collide, ignoring case, with another file or with a file of the
 * spec). No byte is read until the returned stream is written.
 *
 * <pre>{@code
 * Assembler bagit = new ArchivingAssembler(new BagItPackageProvider(), Clock.systemUTC());
 * PackageStream pkg = bagit.assemble(submission, PackageOptions.defaults());
 * }</pre>
 */
public final class ArchivingAssembler implements Assembler {
    private final PackageProvider provider;
    private final Clock clock;
    private final MediaTypeDetector detector;
    private final ThreadFactory writerThreads;

    /** Detects media types with Tika; {@link PackageStream#open()} writes on a new daemon thread. */
    public ArchivingAssembler(PackageProvider provider, Clock clock) {
        this(provider, clock, new TikaMediaTypeDetector(), ArchivingAssembler::daemonWriter);
    }

    /**
     * @param clock         gives the package's time (its name, dates in its metadata, entry times)
     * @param writerThreads makes the thread that writes a package read through {@link PackageStream#open()}
     */
    public ArchivingAssembler(PackageProvider provider, Clock clock, MediaTypeDetector detector,
                              ThreadFactory writerThreads) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.writerThreads = Objects.requireNonNull(writerThreads, "writerThreads");
    }

    @Override
    public String spec() {
        return provider.spec();
    }

    @Override
    public Set<String> aliases() {
        return provider.aliases();
    }

    /**
     * @param options null for the spec's defaults
     * @throws PackagingException when an option is invalid (field {@code assembler.options.<key>}), the submission
     *                            has no files or a file lacks a name or size (field {@code files[i].name}), or the
     *                            spec finds something missing
     */
    @Override
    public PackageStream assemble(DepositSubmission submission, PackageOptions options) {
        return assemble(submission, options, clock.instant());
    }

    @Override
    public Optional<String> baseName(DepositSubmission submission, Instant packageTime) {
        return Optional.of(provider.baseName(submission,
                packageTime.atZone(clock.getZone()).truncatedTo(ChronoUnit.SECONDS)));
    }

    /** @param packageTime the package's time instead of this assembler's clock (see {@link Assembler}) */
    @Override
    public PackageStream assemble(DepositSubmission submission, PackageOptions options, Instant packageTime) {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(packageTime, "packageTime");
        PackageOptions resolved = (options == null ? PackageOptions.defaults() : options)
                .withDefaults(provider.defaults());
        checkOptions(resolved);
        checkFiles(submission);
        provider.check(submission, resolved);

        ZonedDateTime createdAt = packageTime.atZone(clock.getZone()).truncatedTo(ChronoUnit.SECONDS);
        String baseName = provider.baseName(submission, createdAt);
        String name = baseName + extension(resolved);
        PackageContext context = new PackageContext(submission, resolved, name, baseName, createdAt);

        // Lower-cased path → whose it is, so that a renamed file's reason says what it collided with.
        Map<String, String> taken = new HashMap<>();
        for (String p : provider.supplementalPaths(context)) {
            taken.put(p.toLowerCase(Locale.ROOT), "the package's own file " + p.substring(p.lastIndexOf('/') + 1));
        }
        List<ArchivingPackageStream.PlannedFile> plan = new ArrayList<>();
        Map<String, String> renames = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (int i = 0; i < submission.files().size(); i++) {
            SubmissionFile file = submission.files().get(i);
            List<String> why = new ArrayList<>();
            FileNames.Cleaned cleaned = FileNames.clean(file.name());
            if (cleaned.reason() != null) {
                why.add(cleaned.reason());
            }
            String safe = provider.fileName(context, cleaned.name());
            if (!safe.equals(cleaned.name())) {
                why.add(Objects.requireNonNullElse(provider.fileNameRule(), provider.shortName()
                        + " does not allow this name"));
            }
            String candidate = safe;
            String path = provider.custodialPath(context, candidate);
            String collided = taken.get(path.toLowerCase(Locale.ROOT));
            for (int n = 2; taken.containsKey(path.toLowerCase(Locale.ROOT)); n++) {
                candidate = FileNames.withCounter(safe, n);
                path = provider.custodialPath(context, candidate);
            }
            if (collided != null) {
                why.add("'" + safe + "' is taken, ignoring case, by " + collided + " (a case-insensitive file"
                        + " system, as on macOS and Windows, would make them one file)");
            }
            taken.put(path.toLowerCase(Locale.ROOT), "files[" + i + "] '" + file.name() + "'");
            String reason = null;
            if (!candidate.equals(file.name())) {
                reason = why.isEmpty() ? "renamed" : String.join("; ", why);
                renames.put(file.name(), candidate);
                reasons.put(file.name(), reason);
            }
            plan.add(new ArchivingPackageStream.PlannedFile(file, candidate, path, reason));
        }
        return new ArchivingPackageStream(provider, context, plan, renames, reasons, detector, writerThreads);
    }

    private void checkOptions(PackageOptions o) {
        if (o.archive() == null || o.archive() == PackageOptions.Archive.NONE) {
            throw new PackagingException(spec() + " packages are archives: assembler.options.archive must be zip or"
                    + " tar, not " + (o.archive() == null ? "unset" : "none"), "assembler.options.archive");
        }
        if (o.compression() == PackageOptions.Compression.GZIP && o.archive() == PackageOptions.Archive.ZIP) {
            throw new PackagingException("assembler.options.compression gzip applies to tar archives only (a zip"
                    + " compresses its entries itself): use archive tar, or compression none",
                    "assembler.options.compression");
        }
        if (o.algorithms().isEmpty()) {
            throw new PackagingException(spec() + " needs at least one checksum algorithm in"
                    + " assembler.options.algorithms (md5, sha1, sha256, sha512)", "assembler.options.algorithms");
        }
    }

    private void checkFiles(DepositSubmission submission) {
        if (submission.files().isEmpty()) {
            throw PackagingException.missing(spec(), "files");
        }
        for (int i = 0; i < submission.files().size(); i++) {
            SubmissionFile f = submission.files().get(i);
            if (f == null) {
                throw PackagingException.missing(spec(), "files[" + i + "]");
            }
            if (f.name() == null || f.name().isBlank()) {
                throw PackagingException.missing(spec(), "files[" + i + "].name");
            }
            if (f.size() < 0) {
                throw new PackagingException("file '" + f.name() + "' (files[" + i + "]) has no recorded size ("
                        + f.size() + "): archives need each file's size up front; store the file again",
                        "files[" + i + "].size");
            }
        }
    }

    static String extension(PackageOptions o) {
        String ext = o.archive() == PackageOptions.Archive.ZIP ? ".zip" : ".tar";
        return o.compression() == PackageOptions.Compression.GZIP ? ext + ".gz" : ext;
    }

    static String mimeType(PackageOptions o) {
        if (o.compression() == PackageOptions.Compression.GZIP) {
            return "application/gzip";
        }
        return o.archive() == PackageOptions.Archive.ZIP ? "application/zip" : "application/x-tar";
    }

    private static Thread daemonWriter(Runnable r) {
        Thread t = new Thread(r, "package-writer");
        t.setDaemon(true);
        return t;
    }

    @Override
    public String toString() {
        return "ArchivingAssembler[" + spec() + "]";
    }
}
