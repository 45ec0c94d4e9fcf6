package org.depositservices.packaging.nihms;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.depositservices.model.FileRole;
import org.depositservices.packaging.ChecksumAlgorithm;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.PackageContext;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.packaging.PackageProvider;
import org.depositservices.packaging.PackagedFile;
import org.depositservices.packaging.PackagingException;
import org.depositservices.packaging.SupplementalResource;

/**
 * NIHMS native bulk submission ({@value #SPEC}, short name {@code nihms}): a tar.gz with every file at its root,
 * {@code manifest.txt} ({@link NihmsManifest}) and {@code bulk_meta.xml} ({@link NihmsBulkMetaWriter}) written after
 * the user's files. Named {@code nihms-native-2017-07_<yyyy-MM-dd_HH-mm-ss>_<submission id>.tar.gz} (UTC).
 *
 * <p>Options under {@code assembler.options}: {@code funder-mapping} ({@link FunderMapping}); archive must stay tar
 * with gzip. User files named {@code manifest.txt} or {@code bulk_meta.xml} are renamed by the assembler (e.g.
 * {@code manifest-2.txt}) and listed as what their role says. Manifest order: bulk_meta.xml, the manuscript(s), then
 * the other files in package order; labels are each file's description, or its name when it has none.
 *
 * <p>Required fields are checked before anything is written ({@link NihmsRequirements}). Stateless; one instance
 * serves every package.
 */
public final class NihmsPackageProvider implements PackageProvider {

    public static final String SPEC = NihmsRequirements.SPEC;
    public static final String MANIFEST = "manifest.txt";
    public static final String BULK_META = "bulk_meta.xml";

    @Override
    public String spec() {
        return SPEC;
    }

    @Override
    public String shortName() {
        return "nihms";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("nihms", "nihms-native");
    }

    @Override
    public PackageOptions defaults() {
        return new PackageOptions(PackageOptions.Archive.TAR, PackageOptions.Compression.GZIP,
                List.of(ChecksumAlgorithm.SHA256), Map.of());
    }

    @Override
    public void check(DepositSubmission submission, PackageOptions options) {
        if (options.archive() != PackageOptions.Archive.TAR
                || options.compression() != PackageOptions.Compression.GZIP) {
            throw new PackagingException("a NIHMS bulk submission is a tar.gz: set assembler.options.archive to tar"
                    + " and compression to gzip, not " + options.archive() + "/" + options.compression(),
                    "assembler.options.archive");
        }
        FunderMapping.fromSpecOptions(options.specOptions());
        NihmsRequirements.check(submission);
    }

    /** {@code nihms-native-2017-07_<yyyy-MM-dd_HH-mm-ss>_<id>}: the spec id, not the short name, as NIHMS expects. */
    @Override
    public String baseName(DepositSubmission submission, ZonedDateTime createdAt) {
        return NihmsPackageName.baseName(SPEC, createdAt.toInstant(), submission.id());
    }

    @Override
    public Set<String> supplementalPaths(PackageContext context) {
        return Set.of(MANIFEST, BULK_META);
    }

    /**
     * manifest.txt lists one file per line: CR, LF, and the line and paragraph separators some readers split lines
     * on, become '_'.
     */
    @Override
    public String fileName(PackageContext context, String safeName) {
        return safeName.replace('\r', '_').replace('\n', '_').replace('\u2028', '_').replace('\u2029', '_');
    }

    @Override
    public String fileNameRule() {
        return "NIHMS's manifest.txt lists one file per line, so line breaks (CR, LF, U+2028, U+2029) became '_'";
    }

    /** At the archive root. */
    @Override
    public String custodialPath(PackageContext context, String fileName) {
        return fileName;
    }

    @Override
    public List<SupplementalResource> supplementalResources(PackageContext context, List<PackagedFile> custodial)
            throws IOException {
        DepositSubmission submission = context.submission();
        LocalDate today = LocalDate.ofInstant(context.createdAt().toInstant(), ZoneOffset.UTC);
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        new NihmsBulkMetaWriter(FunderMapping.fromSpecOptions(context.options().specOptions()))
                .write(submission.metadata(), today, meta);

        NihmsManifest manifest = new NihmsManifest(BULK_META);
        List<PackagedFile> ordered = new ArrayList<>(custodial.size());
        for (PackagedFile f : custodial) {
            if (f.file().role() == FileRole.MANUSCRIPT) {
                ordered.add(f);
            }
        }
        for (PackagedFile f : custodial) {
            if (f.file().role() != FileRole.MANUSCRIPT) {
                ordered.add(f);
            }
        }
        for (PackagedFile f : ordered) {
            manifest.add(NihmsFileType.of(f.file().role()), f.file().description(), f.resource().path());
        }
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        manifest.writeTo(list);
        return List.of(
                SupplementalResource.bytes(BULK_META, "application/xml", meta.toByteArray()),
                SupplementalResource.bytes(MANIFEST, "text/plain", list.toByteArray()));
    }
}
