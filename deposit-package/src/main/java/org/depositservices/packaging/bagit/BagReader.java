package org.depositservices.packaging.bagit;

import static org.depositservices.packaging.bagit.BagProblem.Kind.BAD_DECLARATION;
import static org.depositservices.packaging.bagit.BagProblem.Kind.BAD_ENCODING;
import static org.depositservices.packaging.bagit.BagProblem.Kind.BYTE_ORDER_MARK;
import static org.depositservices.packaging.bagit.BagProblem.Kind.DOT_SLASH_PATH;
import static org.depositservices.packaging.bagit.BagProblem.Kind.DUPLICATE_ENTRY;
import static org.depositservices.packaging.bagit.BagProblem.Kind.MALFORMED_FETCH_LINE;
import static org.depositservices.packaging.bagit.BagProblem.Kind.MALFORMED_MANIFEST_LINE;
import static org.depositservices.packaging.bagit.BagProblem.Kind.MALFORMED_OXUM;
import static org.depositservices.packaging.bagit.BagProblem.Kind.MALFORMED_TAG_LINE;
import static org.depositservices.packaging.bagit.BagProblem.Kind.MD5SUM_MARKER;
import static org.depositservices.packaging.bagit.BagProblem.Kind.MISSING_DECLARATION;
import static org.depositservices.packaging.bagit.BagProblem.Kind.NO_PAYLOAD_MANIFEST;
import static org.depositservices.packaging.bagit.BagProblem.Kind.PATH_OUT_OF_SCOPE;
import static org.depositservices.packaging.bagit.BagProblem.Kind.REPEATED_ELEMENT;
import static org.depositservices.packaging.bagit.BagProblem.Kind.TAG_FILE_TOO_LARGE;
import static org.depositservices.packaging.bagit.BagProblem.Kind.UNSUPPORTED_ALGORITHM;
import static org.depositservices.packaging.bagit.BagProblem.Kind.UNSUPPORTED_VERSION;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a bag's tag files (bagit.txt, bag-info.txt, manifests, tag manifests, fetch.txt) from a directory,
 * following RFC 8493 (BagIt 1.0) and the earlier drafts 0.93–0.97 still in use. It reads no payload file: that is
 * {@link BagValidator}'s job. Everything wrong it meets becomes a {@link BagProblem} of the result.
 *
 * <p>Version-dependent rules: in 1.0 manifest paths percent-encode CR, LF and '%', a label may not end with
 * whitespace, and a path listed twice is an error; before 1.0 paths are literal ({@code data/%7Efile} names a file
 * called {@code %7Efile}), and the other two are warnings.
 */
public final class BagReader {
    /** Tag files are read whole; larger ones are refused rather than risk the heap. */
    static final long MAX_TAG_FILE_BYTES = 64L * 1024 * 1024;
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");
    private static final Pattern OXUM = Pattern.compile("(\\d+)\\.(\\d+)");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern MANIFEST = Pattern.compile("(tag)?manifest-([A-Za-z0-9-]+)\\.txt");
    private static final Pattern FETCH_LINE = Pattern.compile("(\\S+)[ \\t]+(\\S+)[ \\t]+(.+)");
    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:.*");
    private static final Set<String> SUPPORTED_VERSIONS = Set.of("0.93", "0.94", "0.95", "0.96", "0.97", "1.0");
    private static final Set<String> NOT_REPEATABLE =
            Set.of("payload-oxum", "bagging-date", "bag-size", "bag-count", "bag-group-identifier");
    private static final Map<String, String> ALGORITHMS = Map.of(
            "md5", "MD5", "sha1", "SHA-1", "sha224", "SHA-224", "sha256", "SHA-256", "sha384", "SHA-384",
            "sha512", "SHA-512");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * @param root the bag's top directory (the one holding bagit.txt)
     * @throws NoSuchFileException when {@code root} is not a directory
     * @throws IOException         when a tag file exists but cannot be read
     */
    public Bag read(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "no bag here: not a directory");
        }
        return new Reading(root).read();
    }

    /** The Java name of a BagIt manifest algorithm ({@code sha512} → {@code SHA-512}), or null if unsupported. */
    static String jcaName(String algorithm) {
        return ALGORITHMS.get(algorithm.toLowerCase(Locale.ROOT));
    }

    /** State of one read; discarded afterwards. */
    private static final class Reading {
        private final Path root;
        private final List<BagProblem> problems = new ArrayList<>();
        private boolean declared;
        private String version;
        private boolean v1 = true;
        private Charset encoding = StandardCharsets.UTF_8;

        Reading(Path root) {
            this.root = root;
        }

        Bag read() throws IOException {
            readDeclaration();
            if (!declared) {
                return bag(List.of(), null, List.of(), List.of(), List.of());
            }
            List<Bag.TagElement> info = readInfo();
            Bag.Oxum oxum = oxum(info);
            List<Bag.Manifest> payload = new ArrayList<>();
            List<Bag.Manifest> tags = new ArrayList<>();
            for (String name : manifestNames()) {
                Matcher m = MANIFEST.matcher(name);
                if (m.matches()) {
                    boolean tag = m.group(1) != null;
                    (tag ? tags : payload).add(readManifest(name, m.group(2), tag));
                }
            }
            if (payload.isEmpty()) {
                problems.add(BagProblem.error(NO_PAYLOAD_MANIFEST, "manifest-<algorithm>.txt",
                        "the bag has no payload manifest; every bag needs at least one, e.g. manifest-sha512.txt"));
            } else if (payload.stream().noneMatch(Bag.Manifest::isSupported)) {
                problems.add(BagProblem.error(UNSUPPORTED_ALGORITHM, payload.get(0).fileName(), "no payload manifest"
                        + " uses an algorithm this validator computes (" + String.join(", ", new TreeSet<>(
                        ALGORITHMS.keySet())) + "), so no payload file can be checked"));
            }
            List<Bag.FetchItem> fetch = readFetch();
            return bag(info, oxum, payload, tags, fetch);
        }

        private Bag bag(List<Bag.TagElement> info, Bag.Oxum oxum, List<Bag.Manifest> payload,
                        List<Bag.Manifest> tags, List<Bag.FetchItem> fetch) {
            return new Bag(root, version, encoding, info, oxum, payload, tags, fetch, problems);
        }

        private void readDeclaration() throws IOException {
            Path file = root.resolve("bagit.txt");
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(BagProblem.error(MISSING_DECLARATION, "bagit.txt", "the bag declaration bagit.txt is"
                        + " missing: this directory is not a bag (or not its top directory)"));
                return;
            }
            declared = true;
            byte[] bytes = readTagBytes(file, "bagit.txt");
            if (bytes == null) {
                return;
            }
            if (startsWith(bytes, UTF8_BOM)) {
                problems.add(BagProblem.error(BYTE_ORDER_MARK, "bagit.txt", "bagit.txt starts with a byte-order mark,"
                        + " which RFC 8493 forbids; save it as UTF-8 without BOM"));
                bytes = Arrays.copyOfRange(bytes, UTF8_BOM.length, bytes.length);
            }
            String text = decode(bytes, StandardCharsets.UTF_8, "bagit.txt");
            if (text == null) {
                return;
            }
            List<String> lines = lines(text);
            String versionValue = value(lines, 0, "BagIt-Version");
            String encodingValue = value(lines, 1, "Tag-File-Character-Encoding");
            if (lines.size() > 2) {
                problems.add(BagProblem.error(BAD_DECLARATION, "bagit.txt", "bagit.txt has " + lines.size()
                        + " lines; it must have exactly two: BagIt-Version and Tag-File-Character-Encoding"));
            }
            if (versionValue != null) {
                Matcher m = VERSION.matcher(versionValue);
                if (!m.matches()) {
                    problems.add(BagProblem.error(BAD_DECLARATION, "bagit.txt", "BagIt-Version '" + versionValue
                            + "' is not of the form M.N (e.g. 1.0)"));
                } else {
                    version = Integer.parseInt(m.group(1)) + "." + Integer.parseInt(m.group(2));
                    if (!SUPPORTED_VERSIONS.contains(version)) {
                        problems.add(BagProblem.error(UNSUPPORTED_VERSION, "bagit.txt", "BagIt-Version " + version
                                + " is not one this validator knows (" + String.join(", ",
                                new TreeSet<>(SUPPORTED_VERSIONS)) + ")"));
                    }
                }
            }
            // Read the rest by the 1.0 rules unless the bag says it is older.
            v1 = version == null || Integer.parseInt(version.substring(0, version.indexOf('.'))) >= 1;
            if (encodingValue != null) {
                try {
                    encoding = Charset.forName(encodingValue);
                } catch (IllegalArgumentException e) {
                    problems.add(BagProblem.error(BAD_ENCODING, "bagit.txt", "Tag-File-Character-Encoding '"
                            + encodingValue + "' is not a character encoding Java knows; use UTF-8"));
                }
            }
        }

        /** Line {@code index} of bagit.txt, which must be exactly "{@code label}: value". */
        private String value(List<String> lines, int index, String label) {
            String prefix = label + ": ";
            if (index >= lines.size()) {
                problems.add(BagProblem.error(BAD_DECLARATION, "bagit.txt", "bagit.txt lacks line " + (index + 1)
                        + ", '" + label + ": ...'"));
                return null;
            }
            String line = lines.get(index);
            if (!line.startsWith(prefix) || line.length() == prefix.length()) {
                problems.add(BagProblem.error(BAD_DECLARATION, "bagit.txt", "line " + (index + 1)
                        + " of bagit.txt is '" + line + "'; it must be '" + label
                        + ": <value>' exactly (one colon, one space)"));
                return null;
            }
            return line.substring(prefix.length());
        }

        private List<Bag.TagElement> readInfo() throws IOException {
            String name = Files.isRegularFile(root.resolve("bag-info.txt"), LinkOption.NOFOLLOW_LINKS)
                    ? "bag-info.txt"
                    // BagIt 0.96 and earlier called it package-info.txt.
                    : Files.isRegularFile(root.resolve("package-info.txt"), LinkOption.NOFOLLOW_LINKS) && !v1
                    ? "package-info.txt" : null;
            List<Bag.TagElement> out = new ArrayList<>();
            if (name == null) {
                return out;
            }
            String text = readTagText(name);
            if (text == null) {
                return out;
            }
            String label = null;
            StringBuilder value = null;
            List<String> lines = lines(text);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                    if (value == null) {
                        problems.add(BagProblem.error(MALFORMED_TAG_LINE, name, "line " + (i + 1)
                                + " starts with whitespace but continues no element"));
                    } else {
                        value.append(' ').append(line.strip());
                    }
                    continue;
                }
                if (label != null) {
                    out.add(new Bag.TagElement(label, value.toString()));
                    label = null;
                    value = null;
                }
                int colon = line.indexOf(':');
                String raw = colon < 0 ? "" : line.substring(0, colon);
                if (raw.isBlank()) {
                    problems.add(BagProblem.error(MALFORMED_TAG_LINE, name, "line " + (i + 1) + " ('" + line
                            + "') is not 'Label: value'"));
                    continue;
                }
                label = raw.strip();
                if (!label.equals(raw)) {
                    String msg = "label '" + raw + "' on line " + (i + 1) + " has whitespace around it, which"
                            + " BagIt 1.0 forbids";
                    problems.add(v1 ? BagProblem.error(MALFORMED_TAG_LINE, name, msg)
                            : BagProblem.warning(MALFORMED_TAG_LINE, name, msg));
                }
                value = new StringBuilder(line.substring(colon + 1).strip());
            }
            if (label != null) {
                out.add(new Bag.TagElement(label, value.toString()));
            }
            Map<String, Integer> seen = new HashMap<>();
            for (Bag.TagElement e : out) {
                String key = e.label().toLowerCase(Locale.ROOT);
                if (NOT_REPEATABLE.contains(key) && seen.merge(key, 1, Integer::sum) == 2) {
                    problems.add(BagProblem.warning(REPEATED_ELEMENT, name, e.label() + " appears more than once;"
                            + " it should appear once"));
                }
            }
            return out;
        }

        private Bag.Oxum oxum(List<Bag.TagElement> info) {
            for (Bag.TagElement e : info) {
                if (e.label().equalsIgnoreCase("Payload-Oxum")) {
                    Matcher m = OXUM.matcher(e.value());
                    if (!m.matches()) {
                        problems.add(BagProblem.error(MALFORMED_OXUM, "bag-info.txt", "Payload-Oxum '" + e.value()
                                + "' is not <octets>.<number of files>"));
                        return null;
                    }
                    return new Bag.Oxum(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
                }
            }
            return null;
        }

        private List<String> manifestNames() throws IOException {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
                for (Path p : dir) {
                    String n = p.getFileName().toString();
                    if (MANIFEST.matcher(n).matches() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        names.add(n);
                    }
                }
            }
            names.sort(null);
            return names;
        }

        private Bag.Manifest readManifest(String name, String algorithm, boolean tag) throws IOException {
            String jca = jcaName(algorithm);
            if (jca == null) {
                problems.add(BagProblem.warning(UNSUPPORTED_ALGORITHM, name, "algorithm '" + algorithm
                        + "' is not one this validator computes; " + name + " is not checked"));
            }
            int hexLength = jca == null ? -1 : BagDigests.hexLength(jca);
            Map<String, String> entries = new LinkedHashMap<>();
            String text = readTagText(name);
            List<String> lines = text == null ? List.of() : lines(text);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                int sep = 0;
                while (sep < line.length() && line.charAt(sep) != ' ' && line.charAt(sep) != '\t') {
                    sep++;
                }
                int start = sep;
                while (start < line.length() && (line.charAt(start) == ' ' || line.charAt(start) == '\t')) {
                    start++;
                }
                String sum = line.substring(0, sep);
                if (sep == 0 || start == line.length() || !HEX.matcher(sum).matches()
                        || (hexLength > 0 && sum.length() != hexLength)) {
                    problems.add(BagProblem.error(MALFORMED_MANIFEST_LINE, name, "line " + (i + 1) + " ('" + line
                            + "') is not '<" + algorithm + " checksum> <path>'"));
                    continue;
                }
                String path = entryPath(line.substring(start), name, i, true);
                if (path == null) {
                    continue;
                }
                boolean inPayload = path.startsWith("data/");
                if (!tag && !inPayload) {
                    problems.add(BagProblem.error(PATH_OUT_OF_SCOPE, name, "line " + (i + 1) + " lists '" + path
                            + "', which is outside the payload directory data/"));
                    continue;
                }
                if (tag && inPayload) {
                    problems.add(BagProblem.error(PATH_OUT_OF_SCOPE, name, "line " + (i + 1) + " lists payload file '"
                            + path + "'; a tag manifest lists tag files only"));
                    continue;
                }
                String checksum = sum.toLowerCase(Locale.ROOT);
                String previous = entries.putIfAbsent(path, checksum);
                if (previous != null) {
                    if (!previous.equals(checksum)) {
                        problems.add(BagProblem.error(DUPLICATE_ENTRY, name, "'" + path + "' is listed twice with"
                                + " different checksums (" + previous + ", " + checksum + ")"));
                    } else {
                        String msg = "'" + path + "' is listed twice";
                        problems.add(v1 ? BagProblem.error(DUPLICATE_ENTRY, name, msg + ", which BagIt 1.0 forbids")
                                : BagProblem.warning(DUPLICATE_ENTRY, name, msg));
                    }
                }
            }
            return new Bag.Manifest(name, algorithm.toLowerCase(Locale.ROOT), jca, entries);
        }

        /** The path of a manifest or fetch line, decoded and made canonical; null (with a problem) if unusable. */
        private String entryPath(String written, String file, int line, boolean manifest) {
            String path = written;
            if (manifest && path.startsWith("*")) {
                problems.add(BagProblem.warning(MD5SUM_MARKER, file, "line " + (line + 1) + " marks '" + path
                        + "' with md5sum's binary-mode '*'; it was ignored"));
                path = path.substring(1);
            }
            if (v1) {
                path = BagItText.decodePath(path);
            }
            if (path.startsWith("./")) {
                problems.add(BagProblem.warning(DOT_SLASH_PATH, file, "line " + (line + 1) + " writes '" + path
                        + "'; paths are relative to the bag without './'"));
                while (path.startsWith("./")) {
                    path = path.substring(2);
                }
            }
            String why = outOfScope(path);
            if (why != null) {
                problems.add(BagProblem.error(PATH_OUT_OF_SCOPE, file, "line " + (line + 1) + ": '" + written + "' "
                        + why + "; every path must stay inside the bag"));
                return null;
            }
            return path;
        }

        private List<Bag.FetchItem> readFetch() throws IOException {
            List<Bag.FetchItem> out = new ArrayList<>();
            if (!Files.isRegularFile(root.resolve("fetch.txt"), LinkOption.NOFOLLOW_LINKS)) {
                return out;
            }
            String text = readTagText("fetch.txt");
            List<String> lines = text == null ? List.of() : lines(text);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                Matcher m = FETCH_LINE.matcher(line);
                URI url = null;
                if (m.matches()) {
                    try {
                        url = new URI(m.group(1));
                    } catch (URISyntaxException e) {
                        url = null;
                    }
                }
                if (url == null || !url.isAbsolute() || !(m.group(2).equals("-") || m.group(2).matches("\\d+"))) {
                    problems.add(BagProblem.error(MALFORMED_FETCH_LINE, "fetch.txt", "line " + (i + 1) + " ('" + line
                            + "') is not '<url> <length or -> <path>'"));
                    continue;
                }
                String path = entryPath(m.group(3), "fetch.txt", i, false);
                if (path == null) {
                    continue;
                }
                if (!path.startsWith("data/")) {
                    problems.add(BagProblem.error(PATH_OUT_OF_SCOPE, "fetch.txt", "line " + (i + 1) + " fetches into '"
                            + path + "', outside the payload directory data/"));
                    continue;
                }
                long length = m.group(2).equals("-") ? -1 : Long.parseLong(m.group(2));
                out.add(new Bag.FetchItem(url, length, path));
            }
            return out;
        }

        /** The text of a tag file in the bag's encoding, or null (with a problem) when it cannot be used. */
        private String readTagText(String name) throws IOException {
            byte[] bytes = readTagBytes(root.resolve(name), name);
            if (bytes == null) {
                return null;
            }
            if (encoding.equals(StandardCharsets.UTF_8) && startsWith(bytes, UTF8_BOM)) {
                problems.add(BagProblem.warning(BYTE_ORDER_MARK, name, name + " starts with a byte-order mark;"
                        + " it was ignored"));
                bytes = Arrays.copyOfRange(bytes, UTF8_BOM.length, bytes.length);
            }
            return decode(bytes, encoding, name);
        }

        private byte[] readTagBytes(Path file, String name) throws IOException {
            if (Files.size(file) > MAX_TAG_FILE_BYTES) {
                problems.add(BagProblem.error(TAG_FILE_TOO_LARGE, name, name + " is larger than "
                        + MAX_TAG_FILE_BYTES / (1024 * 1024) + " MiB; it is not read"));
                return null;
            }
            return Files.readAllBytes(file);
        }

        private String decode(byte[] bytes, Charset charset, String name) {
            try {
                return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                problems.add(BagProblem.error(BAD_ENCODING, name, name + " is not valid " + charset.name()
                        + " text (the encoding bagit.txt declares)"));
                return null;
            }
        }
    }

    /** Why a relative path would leave the bag, or null when it stays inside. */
    static String outOfScope(String path) {
        if (path.isEmpty()) {
            return "is empty";
        }
        if (path.indexOf('\\') >= 0) {
            return "uses '\\' (a Windows path separator)";
        }
        if (path.startsWith("/")) {
            return "is an absolute path";
        }
        if (DRIVE.matcher(path).matches()) {
            return "starts with a drive letter";
        }
        if (path.startsWith("~")) {
            return "starts with a home directory shortcut '~'";
        }
        if (path.indexOf('\0') >= 0) {
            return "contains a NUL character";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return "climbs out with '..'";
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "has an empty or '.' segment";
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Lines split on LF, CR or CRLF; a final line break does not make an empty last line. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r\n|\r|\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
