package org.depositservices.packaging.bagit.profile;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.depositservices.packaging.ChecksumAlgorithm;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.packaging.PackagingException;

/**
 * The BagIt Profile a repository asks for in {@code assembler.options}, as the BagIt packager uses it:
 * {@code profile} is the profile's identifier (written to bag-info.txt as BagIt-Profile-Identifier) and
 * {@code profile-json} where its JSON is (see {@link BagItProfileLoader} for locations). Either may be given alone:
 * without {@code profile-json} the JSON is loaded from the identifier itself; without {@code profile} the identifier
 * is the JSON's own.
 *
 * <p>{@link #check} turns the profile's verdict on a bag about to be written into a {@link PackagingException} that
 * names the option to change, e.g. {@code profile https://x/profile.json requires bag-info Source-Organization; set
 * assembler.options.bag-info.Source-Organization}.
 *
 * @param identifier the identifier bags declare
 * @param location   where the profile's JSON was read from
 */
public record ConfiguredProfile(String identifier, BagItProfile profile, String location) {
    /** The option holding the profile's identifier URI. */
    public static final String PROFILE_OPTION = "profile";
    /** The option saying where the profile's JSON is: a file path, file:, classpath: or http(s): URI. */
    public static final String PROFILE_JSON_OPTION = "profile-json";
    private static final String OPTIONS = "assembler.options.";

    public ConfiguredProfile {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(profile, "profile");
    }

    /**
     * The profile the options ask for, loaded through {@code loader}; empty when they ask for none.
     *
     * @throws PackagingException naming {@code assembler.options.profile} or {@code assembler.options.profile-json}
     *                            when an option is not a string, the profile cannot be read or is invalid, or its
     *                            identifier is not the one given
     */
    public static Optional<ConfiguredProfile> from(PackageOptions options, BagItProfileLoader loader) {
        String id = stringOption(options, PROFILE_OPTION);
        String json = stringOption(options, PROFILE_JSON_OPTION);
        if (id == null && json == null) {
            return Optional.empty();
        }
        if (id != null) {
            try {
                if (!new URI(id).isAbsolute()) {
                    throw new URISyntaxException(id, "not absolute");
                }
            } catch (URISyntaxException e) {
                throw new PackagingException(OPTIONS + PROFILE_OPTION + " '" + id + "' is not an absolute URI; it is"
                        + " the profile's BagIt-Profile-Identifier, e.g. https://example.org/bagit-profile-v1.json",
                        OPTIONS + PROFILE_OPTION);
            }
        }
        String location = json != null ? json : id;
        String field = OPTIONS + (json != null ? PROFILE_JSON_OPTION : PROFILE_OPTION);
        BagItProfile profile;
        try {
            profile = loader.load(location);
        } catch (IOException e) {
            throw new PackagingException("cannot read the BagIt Profile of " + field + " (" + location + "): "
                    + e.getMessage() + (json == null ? "; set " + OPTIONS + PROFILE_JSON_OPTION + " to a local copy"
                    : ""), field);
        } catch (BagItProfileException e) {
            throw new PackagingException("the BagIt Profile of " + field + " is not usable: " + e.getMessage(),
                    field);
        }
        if (id != null && !id.equals(profile.identifier())) {
            throw new PackagingException(OPTIONS + PROFILE_OPTION + " is " + id + ", but the profile at " + location
                    + " identifies itself as " + profile.identifier() + "; they must be the same, since receivers"
                    + " look the profile up by the identifier the bag declares", OPTIONS + PROFILE_OPTION);
        }
        return Optional.of(new ConfiguredProfile(profile.identifier(), profile, location));
    }

    /**
     * Checks a bag about to be written (described from the options, before any byte is read) or just described
     * after its tag files were computed.
     *
     * @param options the package's options, for the advice in messages
     * @throws PackagingException listing every violation, each with the option that would fix it; its field is the
     *                            first one's option
     */
    public void check(BagDescription bag, PackageOptions options) {
        List<ProfileViolation> violations = new BagItProfileValidator().check(profile, bag);
        if (violations.isEmpty()) {
            return;
        }
        List<String> messages = new ArrayList<>();
        String field = null;
        for (ProfileViolation v : violations) {
            Advice a = advise(v, bag, options);
            messages.add(a.message());
            field = field == null ? a.field() : field;
        }
        throw new PackagingException(String.join("; ", messages), field);
    }

    private record Advice(String message, String field) {
    }

    private Advice advise(ProfileViolation v, BagDescription bag, PackageOptions options) {
        String p = "profile " + identifier;
        String label = v.subject();
        String bagInfo = OPTIONS + "bag-info." + label;
        String algorithms = OPTIONS + PackageOptions.ALGORITHMS;
        String json = OPTIONS + PROFILE_JSON_OPTION;
        BagItProfile.TagRule rule = label == null ? null : profile.rule(label);
        return switch (v.kind()) {
            case MISSING_TAG -> new Advice(p + " requires bag-info " + label
                    + (rule.values().isEmpty() ? "" : " (one of " + rule.values() + ")") + "; set " + bagInfo,
                    bagInfo);
            case VALUE_NOT_ALLOWED -> new Advice(p + " allows bag-info " + label + " only to be one of "
                    + rule.values() + ", not " + notAllowed(bag, label, rule) + "; set " + bagInfo
                    + " to one of them", bagInfo);
            case TAG_REPEATED -> new Advice(p + " allows bag-info " + label + " once; give one value in " + bagInfo,
                    bagInfo);
            case MISSING_PROFILE_IDENTIFIER, WRONG_PROFILE_IDENTIFIER -> new Advice(p + " must be declared in"
                    + " bag-info " + label + "; remove " + bagInfo + " (it is written from " + OPTIONS
                    + PROFILE_OPTION + "), or include " + identifier + " in it", bagInfo);
            case MISSING_MANIFEST -> canCompute(label)
                    ? new Advice(p + " requires manifest-" + label + ".txt; add " + label + " to " + algorithms,
                    algorithms)
                    : new Advice(p + " requires manifest-" + label + ".txt, and " + label + " is not an algorithm"
                    + " this packager computes (md5, sha1, sha256, sha512): it cannot make bags for this profile",
                    json);
            case MANIFEST_NOT_ALLOWED -> new Advice(p + " allows payload manifests of " + profile.manifestsAllowed()
                    + " only; remove " + label + " from " + algorithms, algorithms);
            case MISSING_TAG_MANIFEST -> canCompute(label)
                    ? new Advice(p + " requires tagmanifest-" + label + ".txt; add " + label + " to " + algorithms
                    + " (tag manifests use the same algorithms as manifests)", algorithms)
                    : new Advice(p + " requires tagmanifest-" + label + ".txt, and " + label + " is not an"
                    + " algorithm this packager computes (md5, sha1, sha256, sha512): it cannot make bags for this"
                    + " profile", json);
            case TAG_MANIFEST_NOT_ALLOWED -> new Advice(p + " allows tag manifests of "
                    + profile.tagManifestsAllowed() + " only; remove " + label + " from " + algorithms
                    + " (tag manifests use the same algorithms as manifests)", algorithms);
            case MISSING_TAG_FILE -> new Advice(p + " requires tag file " + label + ", which BagIt packages made"
                    + " here do not have: this packager cannot make bags for this profile", json);
            case FETCH_REQUIRED -> new Advice(p + " requires fetch.txt, which BagIt packages made here never have"
                    + " (every file travels in the bag): this packager cannot make bags for this profile", json);
            case DATA_NOT_EMPTY -> new Advice(p + " requires an empty payload (Data-Empty), but the submission has "
                    + bag.payloadFiles() + " file(s), " + bag.payloadOctets() + " bytes", "files");
            case SERIALIZATION_FORBIDDEN -> new Advice(p + " forbids serialized bags, and BagIt packages made here"
                    + " are always one zip, tar or tar.gz file: this packager cannot make bags for this profile",
                    OPTIONS + PackageOptions.ARCHIVE);
            case SERIALIZATION_NOT_ACCEPTED -> new Advice(p + " accepts serializations "
                    + profile.acceptSerialization() + " only, and the options' " + BagSerialization.of(options)
                    .options() + " make " + v.subject() + "; " + serializationAdvice(), OPTIONS
                    + PackageOptions.ARCHIVE);
            case VERSION_NOT_ACCEPTED -> new Advice(p + " accepts BagIt " + profile.acceptBagItVersion()
                    + " only, and this packager writes BagIt " + bag.version() + ": it cannot make bags for this"
                    + " profile", json);
            default -> new Advice(v.message(), json);
        };
    }

    private static String notAllowed(BagDescription bag, String label, BagItProfile.TagRule rule) {
        List<String> bad = new ArrayList<>();
        for (String value : bag.info(label)) {
            if (value != null && !rule.allows(value)) {
                bad.add("'" + value + "'");
            }
        }
        return String.join(", ", bad);
    }

    private String serializationAdvice() {
        for (BagSerialization s : List.of(BagSerialization.ZIP, BagSerialization.TAR, BagSerialization.TAR_GZIP)) {
            if (profile.acceptsSerialization(s)) {
                return "set in assembler.options: " + s.options();
            }
        }
        return "none of zip, tar and tar.gz is among them: this packager cannot make bags for this profile";
    }

    private static boolean canCompute(String algorithm) {
        try {
            // "sha-256" would parse, but its manifest is named manifest-sha256.txt, not what the profile asks.
            return ChecksumAlgorithm.parse(algorithm).bagitName().equals(algorithm);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String stringOption(PackageOptions options, String key) {
        Object v = options.specOptions().get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw new PackagingException(OPTIONS + key + " must be a non-empty string, not " + v, OPTIONS + key);
        }
        return s.strip();
    }
}
