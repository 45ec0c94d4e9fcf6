package org.depositservices.packaging;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * The spec-specific half of an archive package (BagIt, DSpace METS, NIHMS, simple zip): where the submission's
 * files go inside the archive, and which files the spec adds (manifests, metadata). {@link ArchivingAssembler} does
 * everything else: naming, renaming colliding user files, archiving, compression, checksums, bounded streaming.
 *
 * <p><b>Lifecycle.</b> One instance per spec, shared by every package and thread; it keeps no state of its own.
 * Everything about one package comes in a {@link PackageContext}. For each package:
 * <ol>
 *   <li>{@link #check} when the package is assembled: cheap, no I/O;</li>
 *   <li>{@link #supplementalPaths}, then {@link #fileName} and {@link #custodialPath} for each file, when the
 *   package is assembled, so that user files whose names collide with the spec's files are renamed up front;</li>
 *   <li>then on every write: {@link #leadingResources} first, the user's files, and
 *   {@link #supplementalResources} last, when the size and checksums of every user file are known.</li>
 * </ol>
 *
 * <p><b>Failure contract.</b> Throw {@link PackagingException} naming the submission field (a JSON path such as
 * {@code metadata.publication.journal.nlmta}) or option ({@code assembler.options.bag-info}) that is missing or
 * wrong; the deposit then fails without retries, since no retry can supply it. Do this in {@link #check} wherever
 * possible, so nothing is sent. An {@link IOException} from {@link #supplementalResources} aborts the write.
 *
 * <pre>{@code
 * final class ReadmeProvider implements PackageProvider {
 *     public String spec() { return "urn:example:readme"; }
 *     public String shortName() { return "readme"; }
 *     public PackageOptions defaults() { return new PackageOptions(ZIP, NONE, List.of(SHA256), Map.of()); }
 *     public Set<String> supplementalPaths(PackageContext c) { return Set.of("README.txt"); }
 *     public String custodialPath(PackageContext c, String fileName) { return "files/" + fileName; }
 *     public List<SupplementalResource> supplementalResources(PackageContext c, List<PackagedFile> files) {
 *         return List.of(SupplementalResource.text("README.txt", "text/plain", files.size() + " files\n"));
 *     }
 * }
 * Assembler readme = new ArchivingAssembler(new ReadmeProvider(), Clock.systemUTC());
 * }</pre>
 */
public interface PackageProvider {

    /** The spec identifier, e.g. {@code http://purl.org/net/sword/package/BagIt}. */
    String spec();

    /** A short name used in package file names and accepted in repositories.json, e.g. {@code bagit}. */
    String shortName();

    /** Names repositories.json may use besides {@link #spec()}; compared ignoring case. */
    default Set<String> aliases() {
        return Set.of(shortName());
    }

    /** Archive, compression and algorithms used when the repository's options leave them unset. */
    PackageOptions defaults();

    /**
     * Checks that the submission and the options hold what this spec needs; called once per package by
     * {@link Assembler#assemble}, with the options already completed by {@link #defaults()}.
     *
     * @throws PackagingException naming the missing or invalid field or option
     */
    default void check(DepositSubmission submission, PackageOptions options) {
    }

    /**
     * The package's file name without its extension (the extension follows the archive and compression). Also the
     * name of the top directory for specs that have one. The default is
     * {@code <shortName>_<yyyy-MM-dd_HH-mm-ss>_<submission id>}, with unsafe characters of the id replaced.
     */
    default String baseName(DepositSubmission submission, ZonedDateTime createdAt) {
        return FileNames.packageBaseName(shortName(), createdAt, submission.id());
    }

    /**
     * The name a user file gets in this spec, from a name {@link FileNames#safeName} already made safe. A spec that
     * must restrict names further does it here; a changed name is reported in {@link PackageMetadata#renames()}.
     * Unchanged by default.
     */
    default String fileName(PackageContext context, String safeName) {
        return safeName;
    }

    /**
     * Why {@link #fileName} changes names, in a few words for the rename record (e.g. "NIHMS's manifest.txt lists
     * one file per line, so line breaks become '_'"); null when it never changes one.
     */
    default String fileNameRule() {
        return null;
    }

    /**
     * Every path this spec will add to the package. A user file that would land on one of them (compared ignoring
     * case) is renamed; see {@link PackageMetadata#renames()}.
     */
    Set<String> supplementalPaths(PackageContext context);

    /**
     * Where a user file goes in the package, e.g. {@code <baseName>/data/<fileName>}. {@code fileName} is already
     * safe: one path segment, NFC-normalized, without control characters, passed through {@link #fileName}, and
     * unique in the package.
     */
    String custodialPath(PackageContext context, String fileName);

    /** Files written before the user's files (e.g. BagIt's {@code bagit.txt}); none by default. */
    default List<SupplementalResource> leadingResources(PackageContext context) {
        return List.of();
    }

    /**
     * Files written after the user's files, knowing each one's final path, size, media type and checksums
     * (manifests, metadata documents).
     *
     * @param custodial the user's files, in package order
     * @throws IOException when a supplemental file cannot be produced; the write fails
     */
    List<SupplementalResource> supplementalResources(PackageContext context, List<PackagedFile> custodial)
            throws IOException;
}
