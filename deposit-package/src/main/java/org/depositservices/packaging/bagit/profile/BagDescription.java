package org.depositservices.packaging.bagit.profile;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.depositservices.packaging.bagit.Bag;

/**
 * What a profile looks at in a bag: a bag that exists ({@link #of(Bag, BagSerialization)}) or one about to be
 * written, described from the packaging options before any byte is read.
 *
 * @param version               BagIt-Version ("1.0"); null when unknown
 * @param info                  bag-info.txt elements in order; a null value is not known yet (a date computed when
 *                              the bag is written) and is not checked against a profile's values
 * @param manifestAlgorithms    of the payload manifests, lower case
 * @param tagManifestAlgorithms of the tag manifests, lower case
 * @param tagFiles              every file outside data/, relative to the bag, '/'-separated, bagit.txt and
 *                              manifests included
 * @param payloadFiles          number of files under data/
 * @param payloadOctets         their total size
 * @param serialization         how the bag travels; null when not known (then serialization is not checked)
 */
public record BagDescription(String version, List<Bag.TagElement> info, List<String> manifestAlgorithms,
                             List<String> tagManifestAlgorithms, List<String> tagFiles, boolean hasFetch,
                             long payloadFiles, long payloadOctets, BagSerialization serialization) {

    public BagDescription {
        info = List.copyOf(info);
        manifestAlgorithms = List.copyOf(manifestAlgorithms);
        tagManifestAlgorithms = List.copyOf(tagManifestAlgorithms);
        tagFiles = List.copyOf(tagFiles);
    }

    /**
     * Describes a bag read by {@link org.depositservices.packaging.bagit.BagReader}, listing its tag files and
     * payload from disk (symbolic links are listed, not followed).
     *
     * @param serialization how the bag arrived, or null when not known
     * @throws IOException when the bag's directory cannot be listed
     */
    public static BagDescription of(Bag bag, BagSerialization serialization) throws IOException {
        Path root = bag.root();
        List<String> tagFiles = new ArrayList<>();
        long[] payload = {0, 0};
        Path data = root.resolve("data");
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                // Payload files are counted for Data-Empty; every other file is a tag file.
                if (file.startsWith(data)) {
                    payload[0]++;
                    payload[1] += attrs.isRegularFile() ? attrs.size() : 0;
                } else {
                    tagFiles.add(Bag.relativePath(root, file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        tagFiles.sort(null);
        TreeSet<String> manifests = new TreeSet<>();
        bag.payloadManifests().forEach(m -> manifests.add(m.algorithm().toLowerCase(Locale.ROOT)));
        TreeSet<String> tagManifests = new TreeSet<>();
        bag.tagManifests().forEach(m -> tagManifests.add(m.algorithm().toLowerCase(Locale.ROOT)));
        boolean fetch = Files.exists(root.resolve("fetch.txt"), LinkOption.NOFOLLOW_LINKS);
        return new BagDescription(bag.version(), bag.info(), List.copyOf(manifests), List.copyOf(tagManifests),
                tagFiles, fetch, payload[0], payload[1], serialization);
    }

    /** The values of a bag-info label, ignoring case, in order; a value not known yet is null. */
    public List<String> info(String label) {
        List<String> out = new ArrayList<>();
        for (Bag.TagElement e : info) {
            if (e.label().equalsIgnoreCase(label)) {
                out.add(e.value());
            }
        }
        return out;
    }
}
