package org.depositservices.packaging.bagit;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link BagReader} found in a bag's tag files. Fields the bag lacks or that could not be read are null or
 * empty; {@link #problems()} says why.
 *
 * @param version     {@code BagIt-Version} of bagit.txt (e.g. "1.0"), null when it could not be read
 * @param encoding    {@code Tag-File-Character-Encoding}; UTF-8 when it could not be read
 * @param info        bag-info.txt elements in file order, repeated labels kept
 * @param payloadOxum bag-info.txt's Payload-Oxum, null when absent or malformed
 * @param problems    what reading the tag files found wrong
 */
public record Bag(Path root, String version, Charset encoding, List<TagElement> info, Oxum payloadOxum,
                  List<Manifest> payloadManifests, List<Manifest> tagManifests, List<FetchItem> fetch,
                  List<BagProblem> problems) {

    public Bag {
        info = List.copyOf(info);
        payloadManifests = List.copyOf(payloadManifests);
        tagManifests = List.copyOf(tagManifests);
        fetch = List.copyOf(fetch);
        problems = List.copyOf(problems);
    }

    /** One {@code Label: value} element of bag-info.txt, continuation lines joined by a space. */
    public record TagElement(String label, String value) {
    }

    /** Payload-Oxum: the payload's total size and number of files. */
    public record Oxum(long octets, long streams) {
        @Override
        public String toString() {
            return octets + "." + streams;
        }
    }

    /**
     * One manifest file.
     *
     * @param algorithm as named in the file name ({@code sha512})
     * @param jcaName   the Java name of the algorithm, null when this validator cannot compute it
     * @param entries   path (decoded, relative to the bag) → checksum (lower case), in file order; of a path listed
     *                  twice, the first
     */
    public record Manifest(String fileName, String algorithm, String jcaName, Map<String, String> entries) {
        public Manifest {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public boolean isSupported() {
            return jcaName != null;
        }
    }

    /** One line of fetch.txt; {@code length} is -1 when given as "-". */
    public record FetchItem(URI url, long length, String path) {
    }

    /** The '/'-separated path of {@code file} under the bag's directory {@code root}, as manifests list it. */
    public static String relativePath(Path root, Path file) {
        StringBuilder b = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(part);
        }
        return b.toString();
    }

    /** The values of a bag-info.txt label, ignoring case, in file order. */
    public List<String> info(String label) {
        List<String> out = new ArrayList<>();
        for (TagElement e : info) {
            if (e.label().equalsIgnoreCase(label)) {
                out.add(e.value());
            }
        }
        return out;
    }
}
