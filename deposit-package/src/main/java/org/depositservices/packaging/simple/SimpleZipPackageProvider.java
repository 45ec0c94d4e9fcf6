package org.depositservices.packaging.simple;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.depositservices.packaging.ChecksumAlgorithm;
import org.depositservices.packaging.MetadataJson;
import org.depositservices.packaging.PackageContext;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.packaging.PackageProvider;
import org.depositservices.packaging.PackagedFile;
import org.depositservices.packaging.SupplementalResource;

/**
 * SWORD's SimpleZip: the user's files at the top of a zip, and {@code metadata.json} ({@link MetadataJson}): the
 * submission's metadata and, for each file, its name, original name, role, media type, size and checksums, so a
 * repository that unpacks the zip has a record of what it got. For repositories that take plain archives and for
 * integration tests. Files that share a name (ignoring case) with each other or with metadata.json are renamed
 * {@code name-2.ext}, ...
 */
public final class SimpleZipPackageProvider implements PackageProvider {
    public static final String SPEC = "http://purl.org/net/sword/package/SimpleZip";

    @Override
    public String spec() {
        return SPEC;
    }

    @Override
    public String shortName() {
        return "simple";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("simple", "simple-zip", "SimpleZip");
    }

    @Override
    public PackageOptions defaults() {
        return new PackageOptions(PackageOptions.Archive.ZIP, PackageOptions.Compression.NONE,
                List.of(ChecksumAlgorithm.SHA256, ChecksumAlgorithm.MD5), Map.of());
    }

    @Override
    public Set<String> supplementalPaths(PackageContext context) {
        return Set.of(MetadataJson.FILE_NAME);
    }

    @Override
    public String custodialPath(PackageContext context, String fileName) {
        return fileName;
    }

    @Override
    public List<SupplementalResource> supplementalResources(PackageContext context, List<PackagedFile> custodial) {
        return List.of(MetadataJson.of(MetadataJson.FILE_NAME, SPEC, context, custodial));
    }
}
