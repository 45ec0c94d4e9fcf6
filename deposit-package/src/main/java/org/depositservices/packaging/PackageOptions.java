package org.depositservices.packaging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How to build a package: how it is archived and compressed, which checksums it carries, and options of the spec
 * (BagIt organization fields, NIHMS funder mapping, ...), as given under {@code assembler.options} in
 * repositories.json.
 *
 * <p>A null {@code archive} or {@code compression} and empty {@code algorithms} or {@code packageAlgorithms} mean
 * "the default" (see {@link #withDefaults}). {@code algorithms} are computed for every file in the package (its
 * manifests); {@code packageAlgorithms} for the package as a whole ({@link PackageMetadata#checksums()}), SHA-256
 * unless configured: it is what the content store and most transports compare with, and with the SHA instructions
 * of current CPUs costs about a third of a SHA-512 pass, where a second SHA-512 of every byte would double the CPU a
 * BagIt package takes.
 */
public record PackageOptions(Archive archive, Compression compression, List<ChecksumAlgorithm> algorithms,
                             List<ChecksumAlgorithm> packageAlgorithms, Map<String, Object> specOptions) {

    /** The keys of {@code assembler.options} that are not spec options. */
    public static final String ARCHIVE = "archive";
    public static final String COMPRESSION = "compression";
    public static final String ALGORITHMS = "algorithms";
    public static final String PACKAGE_ALGORITHMS = "package-algorithms";
    /** The whole package's checksum when none is configured. */
    public static final List<ChecksumAlgorithm> DEFAULT_PACKAGE_ALGORITHMS = List.of(ChecksumAlgorithm.SHA256);

    public enum Archive {
        ZIP, TAR, NONE;

        /** Parses "zip", "TAR", "none". */
        public static Archive parse(String value) {
            return parseEnum(Archive.class, value, ARCHIVE);
        }
    }

    public enum Compression {
        NONE, GZIP;

        /** Parses "none", "gzip". */
        public static Compression parse(String value) {
            return parseEnum(Compression.class, value, COMPRESSION);
        }
    }

    public PackageOptions {
        algorithms = algorithms == null ? List.of() : List.copyOf(algorithms);
        packageAlgorithms = packageAlgorithms == null ? List.of() : List.copyOf(packageAlgorithms);
        specOptions = specOptions == null ? Map.of() : Map.copyOf(specOptions);
    }

    /** Options with the default checksums of the whole package. */
    public PackageOptions(Archive archive, Compression compression, List<ChecksumAlgorithm> algorithms,
                          Map<String, Object> specOptions) {
        this(archive, compression, algorithms, List.of(), specOptions);
    }

    /** Every value taken from the spec's defaults. */
    public static PackageOptions defaults() {
        return new PackageOptions(null, null, List.of(), Map.of());
    }

    /**
     * These options, with every unset value (null archive or compression, no algorithms) from {@code defaults};
     * package algorithms unset in both are {@link #DEFAULT_PACKAGE_ALGORITHMS}.
     */
    public PackageOptions withDefaults(PackageOptions defaults) {
        return new PackageOptions(
                archive != null ? archive : defaults.archive,
                compression != null ? compression : defaults.compression,
                !algorithms.isEmpty() ? algorithms : defaults.algorithms,
                !packageAlgorithms.isEmpty() ? packageAlgorithms
                        : !defaults.packageAlgorithms.isEmpty() ? defaults.packageAlgorithms
                        : DEFAULT_PACKAGE_ALGORITHMS,
                specOptions.isEmpty() ? defaults.specOptions : specOptions);
    }

    /**
     * Reads {@code assembler.options} of repositories.json: {@code archive} (zip, tar, none), {@code compression}
     * (none, gzip), {@code algorithms} and {@code package-algorithms} (each a list, or one comma-separated string,
     * of md5, sha1, sha256, sha512); every other key is a spec option, kept as given.
     *
     * @param options null or empty for "all defaults"
     * @throws IllegalArgumentException naming the key whose value is wrong, and what it may be
     */
    public static PackageOptions fromConfig(Map<String, ?> options) {
        if (options == null || options.isEmpty()) {
            return defaults();
        }
        Archive archive = null;
        Compression compression = null;
        List<ChecksumAlgorithm> algorithms = new ArrayList<>();
        List<ChecksumAlgorithm> packageAlgorithms = new ArrayList<>();
        Map<String, Object> spec = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : options.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case ARCHIVE -> archive = v == null ? null : Archive.parse(v.toString());
                case COMPRESSION -> compression = v == null ? null : Compression.parse(v.toString());
                case ALGORITHMS -> algorithms.addAll(parseAlgorithms(v, ALGORITHMS));
                case PACKAGE_ALGORITHMS -> packageAlgorithms.addAll(parseAlgorithms(v, PACKAGE_ALGORITHMS));
                default -> {
                    if (v != null) {
                        spec.put(e.getKey(), v);
                    }
                }
            }
        }
        return new PackageOptions(archive, compression, algorithms, packageAlgorithms, spec);
    }

    private static List<ChecksumAlgorithm> parseAlgorithms(Object value, String key) {
        List<ChecksumAlgorithm> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        Collection<?> names = value instanceof Collection<?> c ? c : List.of(value.toString().split(","));
        for (Object n : names) {
            if (n == null || n.toString().isBlank()) {
                continue;
            }
            try {
                ChecksumAlgorithm a = ChecksumAlgorithm.parse(n.toString());
                if (!out.contains(a)) {
                    out.add(a);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String key) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException(key + ": '" + value + "' is not one of " + String.join(", ", allowed));
    }
}
