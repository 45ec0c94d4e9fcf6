package org.depositservices.packaging.bagit.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A BagIt Profile (BagIt Profiles Specification 1.3.0 / 1.4.0): what a receiver demands of the bags it takes, beyond
 * RFC 8493. Read one with {@link BagItProfileParser}; check a bag against it with {@link BagItProfileValidator}.
 * Immutable.
 *
 * <p>Unset fields hold the specification's defaults: {@code Allow-Fetch.txt} true, {@code Fetch.txt-Required} and
 * {@code Data-Empty} false, {@code Serialization} optional, {@code Tag-Files-Allowed} {@code ["*"]}. An empty
 * {@code manifestsAllowed} or {@code tagManifestsAllowed} means "any algorithm", as when the field is absent.
 * Algorithm names are lower case ({@code sha512}).
 *
 * @param info                 {@code BagIt-Profile-Info}: who publishes the profile, and its identifier
 * @param bagInfo              {@code Bag-Info}: label as written in the profile → its rule, in profile order
 * @param acceptSerialization  MIME types, as written
 * @param acceptBagItVersion   BagIt versions, as written ({@code "1.0"})
 * @param tagFilesRequired     paths relative to the bag
 * @param tagFilesAllowed      paths or glob patterns relative to the bag ({@code *} is any run of characters)
 */
public record BagItProfile(ProfileInfo info, Map<String, TagRule> bagInfo, List<String> manifestsRequired,
                           List<String> manifestsAllowed, boolean allowFetch, boolean fetchRequired,
                           boolean dataEmpty, Serialization serialization, List<String> acceptSerialization,
                           List<String> acceptBagItVersion, List<String> tagManifestsRequired,
                           List<String> tagManifestsAllowed, List<String> tagFilesRequired,
                           List<String> tagFilesAllowed) {

    /** The bag-info.txt label by which a bag declares the profiles it conforms to. */
    public static final String PROFILE_IDENTIFIER_TAG = "BagIt-Profile-Identifier";

    public BagItProfile {
        Objects.requireNonNull(info, "info");
        bagInfo = Collections.unmodifiableMap(new LinkedHashMap<>(bagInfo));
        manifestsRequired = List.copyOf(manifestsRequired);
        manifestsAllowed = List.copyOf(manifestsAllowed);
        serialization = serialization == null ? Serialization.OPTIONAL : serialization;
        acceptSerialization = List.copyOf(acceptSerialization);
        acceptBagItVersion = List.copyOf(acceptBagItVersion);
        tagManifestsRequired = List.copyOf(tagManifestsRequired);
        tagManifestsAllowed = List.copyOf(tagManifestsAllowed);
        tagFilesRequired = List.copyOf(tagFilesRequired);
        tagFilesAllowed = tagFilesAllowed == null || tagFilesAllowed.isEmpty() ? List.of("*")
                : List.copyOf(tagFilesAllowed);
    }

    /** {@code BagIt-Profile-Info.BagIt-Profile-Identifier}: the URI a conforming bag declares in bag-info.txt. */
    public String identifier() {
        return info.identifier();
    }

    /** The rule for a bag-info.txt label, compared ignoring case as bag-info labels are; null when none. */
    public TagRule rule(String label) {
        for (Map.Entry<String, TagRule> e : bagInfo.entrySet()) {
            if (e.getKey().equalsIgnoreCase(label)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Whether a bag of this BagIt version ("1.0", "0.97") is accepted; "1.00" and "1.0" are the same version. */
    public boolean acceptsVersion(String version) {
        if (version == null) {
            return false;
        }
        String v = normalVersion(version);
        return acceptBagItVersion.stream().anyMatch(a -> normalVersion(a).equals(v));
    }

    public boolean allowsManifest(String algorithm) {
        return manifestsAllowed.isEmpty() || manifestsAllowed.contains(algorithm.toLowerCase(Locale.ROOT));
    }

    public boolean allowsTagManifest(String algorithm) {
        return tagManifestsAllowed.isEmpty() || tagManifestsAllowed.contains(algorithm.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code path} (relative to the bag, '/'-separated) matches a pattern of {@code Tag-Files-Allowed}. */
    public boolean allowsTagFile(String path) {
        return tagFilesAllowed.stream().anyMatch(p -> glob(p).matcher(path).matches());
    }

    /**
     * Whether a bag serialized as {@code s} is accepted: never when serialization is forbidden; otherwise when
     * {@code Accept-Serialization} lists one of its MIME types, or lists none (a profile that leaves it open).
     */
    public boolean acceptsSerialization(BagSerialization s) {
        if (s == BagSerialization.DIRECTORY) {
            return serialization != Serialization.REQUIRED;
        }
        if (serialization == Serialization.FORBIDDEN) {
            return false;
        }
        return acceptSerialization.isEmpty() || acceptSerialization.stream().anyMatch(s::answersTo);
    }

    /**
     * A glob of {@code Tag-Files-Allowed} as a regular expression: {@code *} is any run of characters ('/' included,
     * so {@code *} allows every tag file, as the specification's default intends), {@code ?} one character.
     */
    static Pattern glob(String pattern) {
        StringBuilder b = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    b.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                b.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            b.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(b.toString(), Pattern.DOTALL);
    }

    /** "01.00" → "1.0"; anything not of the form M.N is kept as written. */
    static String normalVersion(String version) {
        String v = version.strip();
        int dot = v.indexOf('.');
        if (dot <= 0 || !v.substring(0, dot).chars().allMatch(Character::isDigit)
                || !v.substring(dot + 1).chars().allMatch(Character::isDigit) || dot == v.length() - 1) {
            return v;
        }
        return Integer.parseInt(v.substring(0, dot)) + "." + Integer.parseInt(v.substring(dot + 1));
    }

    /**
     * {@code BagIt-Profile-Info}. Only the identifier is required here: the other fields describe the profile and
     * constrain no bag, and profiles in use often lack one of them.
     *
     * @param identifier  {@code BagIt-Profile-Identifier}, an absolute URI
     * @param specVersion {@code BagIt-Profile-Version}, the version of the Profiles specification followed; "1.1.0"
     *                    when absent, as the specification says
     * @param version     {@code Version}, the version of this profile; null when absent
     */
    public record ProfileInfo(String identifier, String specVersion, String version, String sourceOrganization,
                              String externalDescription, String contactName, String contactPhone,
                              String contactEmail) {
        public ProfileInfo {
            Objects.requireNonNull(identifier, "identifier");
            specVersion = specVersion == null ? "1.1.0" : specVersion;
        }
    }

    /**
     * The rule for one bag-info.txt label.
     *
     * @param required    the bag must have the label, with a value that is not blank
     * @param values      the values allowed; empty for any
     * @param repeatable  whether the label may appear more than once (true by default)
     * @param description the profile's note about the label, or null
     */
    public record TagRule(boolean required, List<String> values, boolean repeatable, String description) {
        public TagRule {
            values = List.copyOf(values);
        }

        public boolean allows(String value) {
            return values.isEmpty() || values.contains(value);
        }
    }

    /** {@code Serialization}: whether bags must, may or must not arrive as one archive file. */
    public enum Serialization {
        FORBIDDEN, REQUIRED, OPTIONAL;

        /** Parses "forbidden", "required", "optional", ignoring case; null for anything else. */
        static Serialization parse(String value) {
            for (Serialization s : values()) {
                if (s.name().equalsIgnoreCase(value.strip())) {
                    return s;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
