package org.depositservices.packaging.bagit;

import static org.depositservices.packaging.bagit.BagProblem.Kind.CHECKSUM_MISMATCH;
import static org.depositservices.packaging.bagit.BagProblem.Kind.INCOMPLETE;
import static org.depositservices.packaging.bagit.BagProblem.Kind.MISSING_FILE;
import static org.depositservices.packaging.bagit.BagProblem.Kind.MISSING_PAYLOAD_DIRECTORY;
import static org.depositservices.packaging.bagit.BagProblem.Kind.NON_PORTABLE_NAME;
import static org.depositservices.packaging.bagit.BagProblem.Kind.NOT_A_REGULAR_FILE;
import static org.depositservices.packaging.bagit.BagProblem.Kind.OXUM_MISMATCH;
import static org.depositservices.packaging.bagit.BagProblem.Kind.SYSTEM_FILE;
import static org.depositservices.packaging.bagit.BagProblem.Kind.UNLISTED_FILE;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Validates a bag in a directory: the tag files (through {@link BagReader}), then completeness (every listed file is
 * there, every payload file is listed in every payload manifest, nothing is left to fetch, Payload-Oxum agrees) and
 * fixity (every checksum of every supported manifest, payload and tag). Each file is read once, whatever the number
 * of manifests.
 *
 * <p>Choices where the conformance suite expects a warning rather than an error: a listed name that matches a file
 * only when case or Unicode normalization is ignored (a bag made on macOS or Windows) is checked against that file
 * and reported as {@link BagProblem.Kind#NON_PORTABLE_NAME}; operating system files such as {@code .DS_Store} in the
 * payload are {@link BagProblem.Kind#SYSTEM_FILE}. Symbolic links are errors: a receiving repository must never
 * follow them out of the bag. The validator does not download fetch.txt items.
 *
 * <pre>{@code
 * BagValidation v = new BagValidator().validate(Path.of("/incoming/bag-42"));
 * if (!v.isValid()) reject(v.report());
 * }</pre>
 */
public final class BagValidator {
    private static final Set<String> SYSTEM_FILES =
            Set.of(".ds_store", "thumbs.db", "desktop.ini", ".spotlight-v100", ".trashes", ".fseventsd");

    private final BagReader reader;

    public BagValidator() {
        this(new BagReader());
    }

    public BagValidator(BagReader reader) {
        this.reader = reader;
    }

    /**
     * @param root the bag's top directory
     * @throws java.nio.file.NoSuchFileException when {@code root} is not a directory
     * @throws IOException                       when a file of the bag cannot be read (a disk error, not a bag defect)
     */
    public BagValidation validate(Path root) throws IOException {
        Bag bag = reader.read(root);
        List<BagProblem> problems = new ArrayList<>(bag.problems());
        if (bag.problems().stream().anyMatch(p -> p.kind() == BagProblem.Kind.MISSING_DECLARATION)) {
            return new BagValidation(bag, problems);
        }
        // Files to read, each once: path in the bag → file, and the checks to run on it.
        Map<String, List<Check>> checks = new TreeMap<>();
        Path data = root.resolve("data");
        if (!Files.isDirectory(data, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(BagProblem.error(MISSING_PAYLOAD_DIRECTORY, "data/", "the payload directory data/ is"
                    + " missing; every bag has one, even when empty"));
        } else {
            Map<String, Long> payload = payloadFiles(root, data, problems);
            checkPayload(bag, payload, checks, problems);
        }
        checkTagFiles(bag, root, checks, problems);
        verify(root, checks, problems);
        return new BagValidation(bag, problems);
    }

    /** A checksum to verify: the file's path in the bag, the manifest and the path it listed, the expected value. */
    private record Check(String manifest, String listedPath, String jcaName, String expected) {
    }

    /** Every regular file under data/, path relative to the bag → size. */
    private static Map<String, Long> payloadFiles(Path root, Path data, List<BagProblem> problems) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        Files.walkFileTree(data, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String path = Bag.relativePath(root, file);
                if (!attrs.isRegularFile()) {
                    String what = attrs.isSymbolicLink() ? "a symbolic link" : "not a regular file";
                    problems.add(BagProblem.error(NOT_A_REGULAR_FILE, path, what
                            + "; a bag's payload holds regular files only"));
                    return FileVisitResult.CONTINUE;
                }
                String name = file.getFileName().toString();
                if (SYSTEM_FILES.contains(name.toLowerCase(Locale.ROOT)) || name.startsWith("._")) {
                    problems.add(BagProblem.warning(SYSTEM_FILE, path, "an operating system's metadata file, most"
                            + " likely not meant to be part of the deposit"));
                }
                files.put(path, attrs.size());
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    private static void checkPayload(Bag bag, Map<String, Long> payload, Map<String, List<Check>> checks,
                                     List<BagProblem> problems) {
        Map<String, List<String>> byPortableKey = new HashMap<>();
        for (String p : payload.keySet()) {
            byPortableKey.computeIfAbsent(portableKey(p), k -> new ArrayList<>()).add(p);
        }
        Set<String> toFetch = new HashSet<>();
        for (Bag.FetchItem f : bag.fetch()) {
            toFetch.add(f.path());
        }
        Set<String> reportedMissing = new HashSet<>();
        for (Bag.Manifest m : bag.payloadManifests()) {
            Set<String> covered = new HashSet<>();
            for (Map.Entry<String, String> e : m.entries().entrySet()) {
                String listed = e.getKey();
                String actual = payload.containsKey(listed) ? listed : null;
                if (actual == null) {
                    List<String> candidates = byPortableKey.getOrDefault(portableKey(listed), List.of());
                    if (candidates.size() == 1) {
                        actual = candidates.get(0);
                        String how = nfc(listed).equals(nfc(actual)) ? "in Unicode normalization (NFC/NFD)"
                                : "in case";
                        problems.add(BagProblem.warning(NON_PORTABLE_NAME, listed, m.fileName() + " lists '" + listed
                                + "', which matches file '" + actual + "' only on file systems that ignore the"
                                + " difference (they differ " + how + "); checked against that file"));
                    }
                }
                if (actual == null) {
                    if (!toFetch.contains(listed) && reportedMissing.add(listed)) {
                        problems.add(BagProblem.error(MISSING_FILE, listed, "listed in " + m.fileName()
                                + " but not in the bag"));
                    }
                    continue;
                }
                covered.add(actual);
                if (m.isSupported()) {
                    checks.computeIfAbsent(actual, k -> new ArrayList<>())
                            .add(new Check(m.fileName(), listed, m.jcaName(), e.getValue()));
                }
            }
            for (String p : payload.keySet()) {
                if (!covered.contains(p)) {
                    problems.add(BagProblem.error(UNLISTED_FILE, p, "in the payload but not listed in " + m.fileName()
                            + "; every payload file must be in every payload manifest"));
                }
            }
        }
        for (Bag.FetchItem f : bag.fetch()) {
            if (!payload.containsKey(f.path())) {
                problems.add(BagProblem.error(INCOMPLETE, f.path(), "listed in fetch.txt (" + f.url() + ") but not"
                        + " in the bag: the bag is incomplete; fetch it first (this validator does not download)"));
            }
        }
        Bag.Oxum oxum = bag.payloadOxum();
        if (oxum != null) {
            long octets = payload.values().stream().mapToLong(Long::longValue).sum();
            if (oxum.octets() != octets || oxum.streams() != payload.size()) {
                problems.add(BagProblem.error(OXUM_MISMATCH, "bag-info.txt", "Payload-Oxum " + oxum + " says "
                        + oxum.octets() + " bytes in " + oxum.streams() + " file(s), but the payload has " + octets
                        + " bytes in " + payload.size() + " file(s)"));
            }
        }
    }

    private static void checkTagFiles(Bag bag, Path root, Map<String, List<Check>> checks,
                                      List<BagProblem> problems) {
        Set<String> reported = new HashSet<>();
        for (Bag.Manifest m : bag.tagManifests()) {
            for (Map.Entry<String, String> e : m.entries().entrySet()) {
                String path = e.getKey();
                Path file = root.resolve(path);
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    if (reported.add(path)) {
                        problems.add(BagProblem.error(MISSING_FILE, path, "listed in " + m.fileName()
                                + " but not in the bag (or not a regular file)"));
                    }
                    continue;
                }
                if (m.isSupported()) {
                    checks.computeIfAbsent(path, k -> new ArrayList<>())
                            .add(new Check(m.fileName(), path, m.jcaName(), e.getValue()));
                }
            }
        }
    }

    private static void verify(Path root, Map<String, List<Check>> checks, List<BagProblem> problems)
            throws IOException {
        for (Map.Entry<String, List<Check>> e : checks.entrySet()) {
            Set<String> algorithms = new LinkedHashSet<>();
            for (Check c : e.getValue()) {
                algorithms.add(c.jcaName());
            }
            Map<String, String> actual = BagDigests.of(root.resolve(e.getKey()), algorithms);
            Set<String> reported = new HashSet<>();
            for (Check c : e.getValue()) {
                String is = actual.get(c.jcaName());
                if (!is.equals(c.expected()) && reported.add(c.manifest() + c.expected())) {
                    problems.add(BagProblem.error(CHECKSUM_MISMATCH, e.getKey(), c.manifest() + " says "
                            + c.expected() + " but the file's checksum is " + is + ": the file is damaged or was"
                            + " changed after bagging"));
                }
            }
        }
    }

    /** Equal for names a case-insensitive or normalizing file system (macOS, Windows) would treat as one. */
    private static String portableKey(String path) {
        return nfc(path).toLowerCase(Locale.ROOT);
    }

    private static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }
}
