package org.depositservices.packaging.mets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.depositservices.model.Text;
import org.depositservices.packaging.ChecksumAlgorithm;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.PackageContext;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.packaging.PackageProvider;
import org.depositservices.packaging.PackagedFile;
import org.depositservices.packaging.PackagingException;
import org.depositservices.packaging.SupplementalResource;

/**
 * DSpace METS SIP ({@value #SPEC}, short name {@code dspace-mets}): a zip with the user's files at its root and
 * {@code mets.xml} beside them, written last so that every file's size and MD5 come from the single pass that wrote
 * it (see {@link DspaceMetsWriter} for the document).
 *
 * <p>File names: DSpace finds a file by looking up its {@code xlink:href} literally in the zip, so a name must not
 * need percent-encoding in the href: {@code % # ? [ ]} in a user's file name become {@code _} (the archive assembler
 * then adds a counter if that collides). A user file named {@code mets.xml} is renamed by the assembler.
 *
 * <p>Requirements checked before anything is written: a title ({@code publication.title}); a zip archive without
 * gzip; MD5 among {@code assembler.options.algorithms} (METS lists an MD5 per file); valid spec options (see
 * {@link DspaceMetsOptions}). Stateless; one instance serves every package.
 */
public final class DspaceMetsPackageProvider implements PackageProvider {

    public static final String SPEC = "http://purl.org/net/sword/package/METSDSpaceSIP";
    public static final String METS_XML = "mets.xml";

    @Override
    public String spec() {
        return SPEC;
    }

    @Override
    public String shortName() {
        return "dspace-mets";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("dspace-mets", "METSDSpaceSIP");
    }

    @Override
    public PackageOptions defaults() {
        return new PackageOptions(PackageOptions.Archive.ZIP, PackageOptions.Compression.NONE,
                List.of(ChecksumAlgorithm.MD5), Map.of());
    }

    @Override
    public void check(DepositSubmission submission, PackageOptions options) {
        if (options.archive() != PackageOptions.Archive.ZIP
                || options.compression() == PackageOptions.Compression.GZIP) {
            throw new PackagingException("a DSpace METS SIP is a zip: set assembler.options.archive to zip (and"
                    + " compression to none), not " + options.archive() + "/" + options.compression(),
                    "assembler.options.archive");
        }
        if (!options.algorithms().contains(ChecksumAlgorithm.MD5)) {
            throw new PackagingException("mets.xml lists an MD5 checksum for every file: add md5 to"
                    + " assembler.options.algorithms (now " + options.algorithms() + ")",
                    "assembler.options.algorithms");
        }
        DspaceMetsOptions.fromSpecOptions(options.specOptions());
        if (submission.metadata() == null || Text.isBlank(submission.metadata().title())) {
            throw PackagingException.missing(SPEC, "publication.title");
        }
    }

    @Override
    public Set<String> supplementalPaths(PackageContext context) {
        return Set.of(METS_XML);
    }

    /** DSpace finds a file by its href taken literally: what an href must percent-encode becomes '_'. */
    @Override
    public String fileName(PackageContext context, String safeName) {
        return hrefSafe(safeName);
    }

    @Override
    public String fileNameRule() {
        return "DSpace finds each file by its mets.xml href read literally, which cannot hold %, #, ?, [, ] or"
                + " control characters (CR and LF included): they became '_'";
    }

    @Override
    public String custodialPath(PackageContext context, String fileName) {
        return fileName;
    }

    /** The name with the characters an href would have to percent-encode ({@link MetsHref}) replaced by '_'. */
    static String hrefSafe(String fileName) {
        if (MetsHref.isLiteral(fileName)) {
            return fileName;
        }
        StringBuilder b = new StringBuilder(fileName.length());
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            b.append(MetsHref.isLiteral(String.valueOf(c)) ? c : '_');
        }
        return b.toString();
    }

    @Override
    public List<SupplementalResource> supplementalResources(PackageContext context, List<PackagedFile> custodial)
            throws IOException {
        List<MetsFile> files = new ArrayList<>(custodial.size());
        for (PackagedFile f : custodial) {
            String md5 = f.resource().checksums().get(ChecksumAlgorithm.MD5);
            files.add(new MetsFile(f.resource().path(), f.resource().size(), md5, f.resource().mimeType()));
        }
        DspaceMetsOptions options = DspaceMetsOptions.fromSpecOptions(context.options().specOptions());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DspaceMetsWriter(options).write(context.submission().id(), context.submission().metadata(), files,
                context.createdAt().toInstant(), out);
        return List.of(SupplementalResource.bytes(METS_XML, "application/xml", out.toByteArray()));
    }
}
