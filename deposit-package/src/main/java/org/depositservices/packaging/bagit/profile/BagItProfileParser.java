package org.depositservices.packaging.bagit.profile;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a BagIt Profile (JSON, BagIt Profiles Specification 1.1.0 to 1.4.0) into a {@link BagItProfile}. Stateless
 * and thread-safe.
 *
 * <p>Strict where a mistake would change which bags pass: a field of the wrong type, an unknown
 * {@code Serialization}, a version that is not a string of the form M.N, or fields that contradict each other
 * ({@code Manifests-Allowed} lacking a required algorithm, a required tag file that {@code Tag-Files-Allowed} does not
 * allow, {@code Serialization} required with no {@code Accept-Serialization}) are refused with a
 * {@link BagItProfileException} naming the field. Lenient where profiles in use differ: booleans may be written as
 * {@code "true"}, unknown fields (APTrust's {@code Other-Info}, {@code recommended}) are ignored, and of
 * {@code BagIt-Profile-Info} only the identifier is required.
 */
public final class BagItProfileParser {
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");
    private static final Pattern ALGORITHM = Pattern.compile("[A-Za-z0-9-]+");

    private final JsonMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * @param source where the JSON came from, for messages (a path or URI)
     * @throws BagItProfileException naming the field that is missing, of the wrong type, or contradicts another
     */
    public BagItProfile parse(InputStream in, String source) {
        JsonNode root;
        try {
            root = json.readTree(in);
        } catch (JacksonException e) {
            throw new BagItProfileException(source, "is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        }
        return new Reading(root, source).profile();
    }

    /** Parses a profile held in a string. */
    public BagItProfile parse(String jsonText, String source) {
        return parse(new ByteArrayInputStream(jsonText.getBytes(StandardCharsets.UTF_8)), source);
    }

    /** One parse: the tree and where it came from, for messages. */
    private record Reading(JsonNode root, String source) {

        BagItProfile profile() {
            if (root == null || !root.isObject()) {
                throw fail(null, "a BagIt Profile is a JSON object with BagIt-Profile-Info, Bag-Info, ... at its top");
            }
            BagItProfile.ProfileInfo info = info();
            Map<String, BagItProfile.TagRule> bagInfo = bagInfo();
            List<String> manifestsRequired = algorithms("Manifests-Required");
            List<String> manifestsAllowed = algorithms("Manifests-Allowed");
            List<String> tagManifestsRequired = algorithms("Tag-Manifests-Required");
            List<String> tagManifestsAllowed = algorithms("Tag-Manifests-Allowed");
            boolean allowFetch = bool("Allow-Fetch.txt", true);
            boolean fetchRequired = bool("Fetch.txt-Required", false);
            boolean dataEmpty = bool("Data-Empty", false);
            BagItProfile.Serialization serialization = serialization();
            List<String> acceptSerialization = strings("Accept-Serialization");
            List<String> versions = versions();
            List<String> tagFilesRequired = strings("Tag-Files-Required");
            List<String> tagFilesAllowed = root.has("Tag-Files-Allowed") ? strings("Tag-Files-Allowed")
                    : List.of("*");

            requireSubset(manifestsRequired, manifestsAllowed, "Manifests-Required", "Manifests-Allowed");
            requireSubset(tagManifestsRequired, tagManifestsAllowed, "Tag-Manifests-Required",
                    "Tag-Manifests-Allowed");
            if (fetchRequired && !allowFetch) {
                throw fail("Fetch.txt-Required", "is true, but Allow-Fetch.txt is false: no bag could conform");
            }
            if (serialization == BagItProfile.Serialization.REQUIRED && acceptSerialization.isEmpty()) {
                throw fail("Accept-Serialization", "must list at least one MIME type when Serialization is"
                        + " required (e.g. [\"application/zip\"])");
            }
            if (root.has("Tag-Files-Allowed") && tagFilesAllowed.isEmpty()) {
                throw fail("Tag-Files-Allowed", "is empty; omit it to allow every tag file, or list patterns");
            }
            BagItProfile profile = new BagItProfile(info, bagInfo, manifestsRequired, manifestsAllowed, allowFetch,
                    fetchRequired, dataEmpty, serialization, acceptSerialization, versions, tagManifestsRequired,
                    tagManifestsAllowed, tagFilesRequired, tagFilesAllowed);
            for (int i = 0; i < tagFilesRequired.size(); i++) {
                if (!profile.allowsTagFile(tagFilesRequired.get(i))) {
                    throw fail("Tag-Files-Required[" + i + "]", "'" + tagFilesRequired.get(i) + "' is required but"
                            + " Tag-Files-Allowed " + tagFilesAllowed + " does not allow it");
                }
            }
            return profile;
        }

        private BagItProfile.ProfileInfo info() {
            String field = "BagIt-Profile-Info";
            JsonNode node = root.get(field);
            if (node == null || !node.isObject()) {
                throw fail(field, node == null ? "is missing; every profile has one, with at least"
                        + " BagIt-Profile-Identifier" : "must be an object");
            }
            String identifier = text(node, field, "BagIt-Profile-Identifier");
            if (identifier == null || identifier.isBlank()) {
                throw fail(field + ".BagIt-Profile-Identifier", "is missing; it is the URI bags declare in"
                        + " bag-info.txt");
            }
            try {
                if (!new URI(identifier.strip()).isAbsolute()) {
                    throw fail(field + ".BagIt-Profile-Identifier", "'" + identifier + "' is not an absolute URI");
                }
            } catch (URISyntaxException e) {
                throw fail(field + ".BagIt-Profile-Identifier", "'" + identifier + "' is not a URI: "
                        + e.getReason());
            }
            return new BagItProfile.ProfileInfo(identifier.strip(), text(node, field, "BagIt-Profile-Version"),
                    text(node, field, "Version"), text(node, field, "Source-Organization"),
                    text(node, field, "External-Description"), text(node, field, "Contact-Name"),
                    text(node, field, "Contact-Phone"), text(node, field, "Contact-Email"));
        }

        private Map<String, BagItProfile.TagRule> bagInfo() {
            Map<String, BagItProfile.TagRule> out = new LinkedHashMap<>();
            JsonNode node = root.get("Bag-Info");
            if (node == null || node.isNull()) {
                return out;
            }
            if (!node.isObject()) {
                throw fail("Bag-Info", "must be an object of label → {\"required\": ..., \"values\": [...]}");
            }
            Map<String, String> seen = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String label = e.getKey();
                String at = "Bag-Info." + label;
                if (label.isBlank() || !label.strip().equals(label) || label.contains(":")) {
                    throw fail(at, "'" + label + "' is not a bag-info.txt label (blank, surrounding whitespace, or"
                            + " a ':')");
                }
                String previous = seen.put(label.toLowerCase(Locale.ROOT), label);
                if (previous != null) {
                    throw fail(at, "is listed twice (also as '" + previous + "'); bag-info labels ignore case");
                }
                JsonNode rule = e.getValue();
                if (!rule.isObject()) {
                    throw fail(at, "must be an object such as {\"required\": true}");
                }
                boolean required = bool(rule, "required", at + ".required", false);
                boolean repeatable = bool(rule, "repeatable", at + ".repeatable", true);
                String description = text(rule, at, "description");
                List<String> values = strings(rule.get("values"), at + ".values", false);
                out.put(label, new BagItProfile.TagRule(required, values, repeatable, description));
            }
            return out;
        }

        private BagItProfile.Serialization serialization() {
            JsonNode node = root.get("Serialization");
            if (node == null || node.isNull()) {
                return BagItProfile.Serialization.OPTIONAL;
            }
            BagItProfile.Serialization s = node.isString() ? BagItProfile.Serialization.parse(node.stringValue())
                    : null;
            if (s == null) {
                throw fail("Serialization", "is " + node + "; it must be \"forbidden\", \"required\" or"
                        + " \"optional\"");
            }
            return s;
        }

        private List<String> versions() {
            String field = "Accept-BagIt-Version";
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                throw fail(field, "is missing; a profile lists the BagIt versions it accepts, e.g. [\"1.0\"]");
            }
            if (!node.isArray() || node.size() == 0) {
                throw fail(field, "must be a non-empty list of versions as strings, e.g. [\"0.97\", \"1.0\"]");
            }
            List<String> out = new ArrayList<>();
            int i = 0;
            for (JsonNode v : node.values()) {
                if (!v.isString() || !VERSION.matcher(v.stringValue().strip()).matches()) {
                    throw fail(field + "[" + i + "]", "is " + v + "; versions are strings of the form M.N, e.g."
                            + " \"1.0\" (a JSON number loses the version's digits)");
                }
                out.add(v.stringValue().strip());
                i++;
            }
            return out;
        }

        private List<String> algorithms(String field) {
            List<String> names = strings(field);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                if (!ALGORITHM.matcher(n).matches()) {
                    throw fail(field + "[" + i + "]", "'" + n + "' is not a manifest algorithm name such as"
                            + " \"sha512\" (the part of manifest-<name>.txt)");
                }
                String lower = n.toLowerCase(Locale.ROOT);
                if (!out.contains(lower)) {
                    out.add(lower);
                }
            }
            return out;
        }

        private void requireSubset(List<String> required, List<String> allowed, String requiredField,
                                   String allowedField) {
            if (allowed.isEmpty()) {
                return;
            }
            for (String r : required) {
                if (!allowed.contains(r)) {
                    throw fail(allowedField, allowed + " lacks '" + r + "', which " + requiredField
                            + " requires; a profile's allowed algorithms include its required ones");
                }
            }
        }

        private List<String> strings(String field) {
            return strings(root.get(field), field, true);
        }

        /** A list of non-blank strings; absent or null is empty. */
        private List<String> strings(JsonNode node, String field, boolean strip) {
            List<String> out = new ArrayList<>();
            if (node == null || node.isNull()) {
                return out;
            }
            if (!node.isArray()) {
                throw fail(field, "must be a list (a JSON array) of strings, not " + node);
            }
            int i = 0;
            for (JsonNode v : node.values()) {
                if (!v.isString() || v.stringValue().isBlank()) {
                    throw fail(field + "[" + i + "]", "is " + v + "; every entry must be a non-empty string");
                }
                out.add(strip ? v.stringValue().strip() : v.stringValue());
                i++;
            }
            return out;
        }

        private boolean bool(String field, boolean absent) {
            return bool(root, field, field, absent);
        }

        /** true/false, also written as the strings "true"/"false" (the specification's ABNF quotes them). */
        private boolean bool(JsonNode parent, String key, String field, boolean absent) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                return absent;
            }
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            if (node.isString() && (node.stringValue().equalsIgnoreCase("true")
                    || node.stringValue().equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(node.stringValue().toLowerCase(Locale.ROOT));
            }
            throw fail(field, "is " + node + "; it must be true or false");
        }

        /** A string member of {@code parent}; null when absent. */
        private String text(JsonNode parent, String parentField, String key) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isString()) {
                throw fail(parentField + "." + key, "is " + node + "; it must be a string");
            }
            return node.stringValue();
        }

        private BagItProfileException fail(String field, String message) {
            return new BagItProfileException(source, field, message);
        }
    }
}
