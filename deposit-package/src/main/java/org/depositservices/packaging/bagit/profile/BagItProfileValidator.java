package org.depositservices.packaging.bagit.profile;

import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.DATA_NOT_EMPTY;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.FETCH_NOT_ALLOWED;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.FETCH_REQUIRED;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.MANIFEST_NOT_ALLOWED;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.MISSING_MANIFEST;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.MISSING_PROFILE_IDENTIFIER;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.MISSING_TAG;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.MISSING_TAG_FILE;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.MISSING_TAG_MANIFEST;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.SERIALIZATION_FORBIDDEN;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.SERIALIZATION_NOT_ACCEPTED;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.SERIALIZATION_REQUIRED;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.TAG_FILE_NOT_ALLOWED;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.TAG_MANIFEST_NOT_ALLOWED;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.TAG_REPEATED;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.VALUE_NOT_ALLOWED;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.VERSION_NOT_ACCEPTED;
import static org.depositservices.packaging.bagit.profile.ProfileViolation.Kind.WRONG_PROFILE_IDENTIFIER;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.depositservices.packaging.bagit.Bag;

/**
 * Checks a bag against a {@link BagItProfile} and returns every violation: serialization and version first (the
 * specification calls them fatal), then bag-info.txt, manifests, tag manifests, tag files, fetch.txt and the
 * payload's emptiness. It checks what the profile adds to RFC 8493, not the bag's own validity: run
 * {@link org.depositservices.packaging.bagit.BagValidator} for that. Stateless and thread-safe.
 *
 * <pre>{@code
 * Bag bag = new BagReader().read(dir);
 * ProfileValidation v = new BagItProfileValidator().validate(bag, profile, BagSerialization.DIRECTORY);
 * if (!v.isValid()) reject(v.report());
 * }</pre>
 */
public final class BagItProfileValidator {
    /** Tag files every bag may have whatever Tag-Files-Allowed says (package-info.txt is 0.96's bag-info.txt). */
    private static final Pattern STANDARD_TAG_FILE =
            Pattern.compile("bagit\\.txt|bag-info\\.txt|package-info\\.txt|fetch\\.txt|(tag)?manifest-[^/]+\\.txt");

    /**
     * Validates a bag on disk: lists its tag files and payload, then {@link #check}s it.
     *
     * @param bag           as read by {@link org.depositservices.packaging.bagit.BagReader}
     * @param serialization how the bag arrived; null when not known, and then serialization is not checked
     * @throws IOException when the bag's directory cannot be listed
     */
    public ProfileValidation validate(Bag bag, BagItProfile profile, BagSerialization serialization)
            throws IOException {
        return new ProfileValidation(profile, bag.root(), check(profile, BagDescription.of(bag, serialization)));
    }

    /** Every way {@code bag} fails {@code profile}, in the order described above; empty when it conforms. */
    public List<ProfileViolation> check(BagItProfile profile, BagDescription bag) {
        return new Checking(profile, bag).run();
    }

    /** One check; discarded afterwards. */
    private static final class Checking {
        private final BagItProfile profile;
        private final BagDescription bag;
        private final String id;
        private final List<ProfileViolation> out = new ArrayList<>();

        Checking(BagItProfile profile, BagDescription bag) {
            this.profile = profile;
            this.bag = bag;
            this.id = "profile " + profile.identifier();
        }

        List<ProfileViolation> run() {
            version();
            serialization();
            profileIdentifier();
            bagInfo();
            manifests();
            tagFiles();
            fetch();
            dataEmpty();
            return out;
        }

        private void version() {
            if (!profile.acceptsVersion(bag.version())) {
                add(VERSION_NOT_ACCEPTED, "Accept-BagIt-Version", bag.version(), (bag.version() == null
                        ? "the bag's BagIt version could not be read" : "the bag is BagIt " + bag.version())
                        + "; " + id + " accepts BagIt " + String.join(", ", profile.acceptBagItVersion()));
            }
        }

        private void serialization() {
            BagSerialization s = bag.serialization();
            if (s == null || profile.acceptsSerialization(s)) {
                return;
            }
            if (s == BagSerialization.DIRECTORY) {
                add(SERIALIZATION_REQUIRED, "Serialization", null, "the bag is a directory; " + id
                        + " requires it serialized as one file of " + profile.acceptSerialization());
            } else if (profile.serialization() == BagItProfile.Serialization.FORBIDDEN) {
                add(SERIALIZATION_FORBIDDEN, "Serialization", s.mimeTypes().get(0), "the bag is serialized ("
                        + s.mimeTypes().get(0) + "); " + id + " forbids serialization: send it as a directory");
            } else {
                add(SERIALIZATION_NOT_ACCEPTED, "Accept-Serialization", s.mimeTypes().get(0), "the bag is serialized"
                        + " as " + s.mimeTypes().get(0) + "; " + id + " accepts only "
                        + profile.acceptSerialization());
            }
        }

        private void profileIdentifier() {
            String label = BagItProfile.PROFILE_IDENTIFIER_TAG;
            List<String> declared = bag.info(label);
            if (declared.isEmpty()) {
                add(MISSING_PROFILE_IDENTIFIER, "BagIt-Profile-Info.BagIt-Profile-Identifier", label,
                        "bag-info.txt lacks " + label + ": a bag conforming to " + id + " declares it there, with"
                                + " the value " + profile.identifier());
            } else if (declared.stream().noneMatch(v -> v == null || v.strip().equals(profile.identifier()))) {
                add(WRONG_PROFILE_IDENTIFIER, "BagIt-Profile-Info.BagIt-Profile-Identifier", label, "bag-info.txt"
                        + " declares " + label + " " + declared + ", not " + profile.identifier());
            }
        }

        private void bagInfo() {
            for (Map.Entry<String, BagItProfile.TagRule> e : profile.bagInfo().entrySet()) {
                String label = e.getKey();
                BagItProfile.TagRule rule = e.getValue();
                String field = "Bag-Info." + label;
                List<String> values = bag.info(label);
                boolean identifier = label.equalsIgnoreCase(BagItProfile.PROFILE_IDENTIFIER_TAG);
                if (rule.required() && !identifier
                        && values.stream().allMatch(v -> v != null && v.isBlank())) {
                    add(MISSING_TAG, field, label, "bag-info.txt " + (values.isEmpty() ? "lacks " + label
                            : "has " + label + " only blank") + ", which " + id + " requires"
                            + (rule.values().isEmpty() ? "" : " (one of " + rule.values() + ")"));
                }
                if (!rule.repeatable() && values.size() > 1) {
                    add(TAG_REPEATED, field, label, "bag-info.txt has " + label + " " + values.size() + " times; "
                            + id + " allows it once");
                }
                for (String v : values) {
                    if (v != null && !identifier && !rule.allows(v)) {
                        add(VALUE_NOT_ALLOWED, field, label, "bag-info.txt " + label + " is '" + v + "'; " + id
                                + " allows only " + rule.values());
                    }
                }
            }
        }

        private void manifests() {
            for (String a : profile.manifestsRequired()) {
                if (!bag.manifestAlgorithms().contains(a)) {
                    add(MISSING_MANIFEST, "Manifests-Required", a, "the bag has no manifest-" + a + ".txt, which "
                            + id + " requires (Manifests-Required " + profile.manifestsRequired() + ")");
                }
            }
            for (String a : bag.manifestAlgorithms()) {
                if (!profile.allowsManifest(a)) {
                    add(MANIFEST_NOT_ALLOWED, "Manifests-Allowed", a, "the bag has manifest-" + a + ".txt; " + id
                            + " allows payload manifests of " + profile.manifestsAllowed() + " only");
                }
            }
            for (String a : profile.tagManifestsRequired()) {
                if (!bag.tagManifestAlgorithms().contains(a)) {
                    add(MISSING_TAG_MANIFEST, "Tag-Manifests-Required", a, "the bag has no tagmanifest-" + a
                            + ".txt, which " + id + " requires (Tag-Manifests-Required "
                            + profile.tagManifestsRequired() + ")");
                }
            }
            for (String a : bag.tagManifestAlgorithms()) {
                if (!profile.allowsTagManifest(a)) {
                    add(TAG_MANIFEST_NOT_ALLOWED, "Tag-Manifests-Allowed", a, "the bag has tagmanifest-" + a
                            + ".txt; " + id + " allows tag manifests of " + profile.tagManifestsAllowed() + " only");
                }
            }
        }

        private void tagFiles() {
            for (String required : profile.tagFilesRequired()) {
                if (!bag.tagFiles().contains(required)) {
                    add(MISSING_TAG_FILE, "Tag-Files-Required", required, "the bag has no tag file " + required
                            + ", which " + id + " requires");
                }
            }
            for (String f : bag.tagFiles()) {
                if (!STANDARD_TAG_FILE.matcher(f).matches() && !profile.allowsTagFile(f)) {
                    add(TAG_FILE_NOT_ALLOWED, "Tag-Files-Allowed", f, "tag file " + f + " is not allowed by " + id
                            + " (Tag-Files-Allowed " + profile.tagFilesAllowed() + ")");
                }
            }
        }

        private void fetch() {
            if (bag.hasFetch() && !profile.allowFetch()) {
                add(FETCH_NOT_ALLOWED, "Allow-Fetch.txt", "fetch.txt", "the bag has fetch.txt; " + id + " does not"
                        + " allow fetching (Allow-Fetch.txt false): every payload file must be in the bag");
            }
            if (!bag.hasFetch() && profile.fetchRequired()) {
                add(FETCH_REQUIRED, "Fetch.txt-Required", "fetch.txt", "the bag has no fetch.txt, which " + id
                        + " requires (Fetch.txt-Required true)");
            }
        }

        private void dataEmpty() {
            // "The minimum contents for the directory to be included in the archive": nothing, or one empty file.
            boolean empty = bag.payloadFiles() == 0 || (bag.payloadFiles() == 1 && bag.payloadOctets() == 0);
            if (profile.dataEmpty() && !empty) {
                add(DATA_NOT_EMPTY, "Data-Empty", "data/", "the payload holds " + bag.payloadFiles() + " file(s), "
                        + bag.payloadOctets() + " bytes; " + id + " requires an empty payload (Data-Empty: at most"
                        + " one empty file)");
            }
        }

        private void add(ProfileViolation.Kind kind, String field, String subject, String message) {
            out.add(new ProfileViolation(kind, field, subject, message));
        }
    }
}
