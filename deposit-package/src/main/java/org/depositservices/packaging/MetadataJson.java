package org.depositservices.packaging;

import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code metadata.json}: what a package holds, for a repository (or a person) that reads neither BagIt nor METS.
 * Written by the {@code simple} spec at the top of the zip and by BagIt as a tag file next to bag-info.txt:
 *
 * <pre>{@code
 * {
 *   "submission": "42",
 *   "package": "simple_2026-11-23_10-01-02_42.zip",
 *   "specification": "http://purl.org/net/sword/package/SimpleZip",
 *   "createdAt": "2026-11-23T10:01:02Z",
 *   "metadata": { "submitter": {...}, "publication": {...}, "authors": [...], "grants": [...],
 *                 "embargoEndDate": null, "tags": [] },
 *   "files": [ { "name": "paper.pdf", "path": "paper.pdf", "originalName": "paper.pdf", "role": "MANUSCRIPT",
 *                "description": null, "mediaType": "application/pdf", "size": 12345,
 *                "checksums": { "sha256": "...", "md5": "..." } } ]
 * }
 * }</pre>
 *
 * {@code metadata} is the submission's metadata in the API's JSON shape ({@code SubmissionMetadata}); each file's
 * {@code path} is relative to the directory holding metadata.json, its checksums are the package's algorithms, and
 * a file whose name was changed also has {@code renamed}: why. Keys are in a fixed order and the document depends on
 * the package only, so a package written twice stays byte-identical.
 */
public final class MetadataJson {
    /** The document's file name. */
    public static final String FILE_NAME = "metadata.json";
    public static final String MEDIA_TYPE = "application/json";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private MetadataJson() {
    }

    /**
     * @param path       where the document goes in the package, e.g. {@code bag/metadata.json}; file paths are
     *                   given relative to its directory
     * @param spec       the package's specification identifier
     * @param custodial  the user's files as written
     */
    public static SupplementalResource of(String path, String spec, PackageContext context,
                                          List<PackagedFile> custodial) {
        String dir = path.substring(0, path.lastIndexOf('/') + 1);
        ObjectNode doc = JSON.createObjectNode();
        doc.put("submission", context.submission().id());
        doc.put("package", context.packageName());
        doc.put("specification", spec);
        doc.put("createdAt", context.createdAt().toInstant().toString());
        doc.set("metadata", JSON.valueToTree(context.submission().metadata()));
        ArrayNode files = doc.putArray("files");
        for (PackagedFile f : custodial) {
            Resource r = f.resource();
            ObjectNode file = files.addObject();
            file.put("name", f.packagedName());
            file.put("path", r.path().startsWith(dir) ? r.path().substring(dir.length()) : r.path());
            file.put("originalName", f.file().name());
            if (f.renameReason() != null) {
                file.put("renamed", f.renameReason());
            }
            file.set("role", JSON.valueToTree(f.file().role()));
            file.put("description", f.file().description());
            file.put("mediaType", r.mimeType());
            file.put("size", r.size());
            ObjectNode sums = file.putObject("checksums");
            for (ChecksumAlgorithm a : context.options().algorithms()) {
                sums.put(a.bagitName(), r.checksums().get(a));
            }
        }
        return SupplementalResource.text(path, MEDIA_TYPE, JSON.writeValueAsString(doc) + "\n");
    }
}
