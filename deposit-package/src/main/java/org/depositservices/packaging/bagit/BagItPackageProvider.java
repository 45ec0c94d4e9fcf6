package org.depositservices.packaging.bagit;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.depositservices.model.Person;
import org.depositservices.model.SubmissionFile;
import org.depositservices.model.SubmissionMetadata;
import org.depositservices.packaging.ChecksumAlgorithm;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.MetadataJson;
import org.depositservices.packaging.PackageContext;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.packaging.PackageProvider;
import org.depositservices.packaging.PackagedFile;
import org.depositservices.packaging.PackagingException;
import org.depositservices.packaging.Resource;
import org.depositservices.packaging.SupplementalResource;
import org.depositservices.packaging.bagit.profile.BagDescription;
import org.depositservices.packaging.bagit.profile.BagItProfile;
import org.depositservices.packaging.bagit.profile.BagItProfileLoader;
import org.depositservices.packaging.bagit.profile.BagSerialization;
import org.depositservices.packaging.bagit.profile.ConfiguredProfile;

/**
 * A BagIt 1.0 bag (RFC 8493), serialized as one archive whose single top directory is the bag, named like the
 * archive. The user's files are the payload ({@code data/}); the tag files are {@code bagit.txt} (written first, so a
 * streaming reader knows at once what it has), then {@code bag-info.txt}, one {@code manifest-<alg>.txt} and one
 * {@code tagmanifest-<alg>.txt} per algorithm of the options (sha512 by default). {@code metadata.json}
 * ({@link MetadataJson}, the same document simple packages carry) is a tag file next to bag-info.txt, listed in the
 * tag manifests, unless the repository's BagIt Profile allows tag files that do not include it.
 *
 * <p>User files keep their names (made safe by {@link org.depositservices.packaging.FileNames#safeName}): '%', CR
 * and LF included, which manifests write as %25, %0D and %0A (RFC 8493 section 2.1.3).
 *
 * <p>{@code bag-info.txt} carries Contact-Name and Contact-Email from the submitter, External-Identifier (the
 * submission id), External-Description (the title), Bagging-Date, Bag-Size, Payload-Oxum ({@code octets.streamcount})
 * and Bag-Software-Agent. The option {@code bag-info} (an object of label → value or list of values) adds or replaces
 * elements, e.g. Source-Organization, Organization-Address, Contact-Phone; the three computed elements cannot be
 * replaced.
 *
 * <p>The options {@code profile} and {@code profile-json} name a BagIt Profile the repository requires (see
 * {@link ConfiguredProfile}): the bag then declares it as BagIt-Profile-Identifier, and {@link #check} refuses, before
 * any byte is read, options and submissions that would make a bag the profile rejects. The bag-info.txt actually
 * written (with its computed date) is checked again when it is made.
 */
public final class BagItPackageProvider implements PackageProvider {
    public static final String SPEC = "http://purl.org/net/sword/package/BagIt";
    /** The spec option holding extra bag-info.txt elements. */
    public static final String BAG_INFO_OPTION = "bag-info";
    static final String DEFAULT_AGENT = "Deposit Services";
    private static final Set<String> COMPUTED = Set.of("payload-oxum", "bag-size", "bagging-date");

    private final String softwareAgent;
    private final BagItProfileLoader profiles;

    public BagItPackageProvider() {
        this(DEFAULT_AGENT);
    }

    /** @param softwareAgent written as Bag-Software-Agent, e.g. "Deposit Services 1.2.0" */
    public BagItPackageProvider(String softwareAgent) {
        this(softwareAgent, new BagItProfileLoader());
    }

    /** @param profiles loads (once each) the BagIt Profiles repositories name in {@code profile-json} */
    public BagItPackageProvider(String softwareAgent, BagItProfileLoader profiles) {
        this.softwareAgent = softwareAgent;
        this.profiles = profiles;
    }

    @Override
    public String spec() {
        return SPEC;
    }

    @Override
    public String shortName() {
        return "bagit";
    }

    @Override
    public PackageOptions defaults() {
        return new PackageOptions(PackageOptions.Archive.ZIP, PackageOptions.Compression.NONE,
                List.of(ChecksumAlgorithm.SHA512), Map.of());
    }

    @Override
    public void check(DepositSubmission submission, PackageOptions options) {
        extraElements(options);
        ConfiguredProfile.from(options, profiles).ifPresent(profile -> {
            long octets = 0;
            for (SubmissionFile f : submission.files()) {
                octets += f.size();
            }
            // The date is taken when the package is assembled, after this check: not known yet, checked on write.
            List<Bag.TagElement> info = bagInfoElements(submission, options, null, octets, submission.files().size(),
                    profile.identifier());
            profile.check(describe(options, info, submission.files().size(), octets), options);
        });
    }

    @Override
    public Set<String> supplementalPaths(PackageContext context) {
        String root = context.baseName() + "/";
        Set<String> paths = new LinkedHashSet<>(List.of(root + "bagit.txt", root + "bag-info.txt"));
        if (carriesMetadata(context.options())) {
            paths.add(root + MetadataJson.FILE_NAME);
        }
        for (ChecksumAlgorithm a : context.options().algorithms()) {
            paths.add(root + "manifest-" + a.bagitName() + ".txt");
            paths.add(root + "tagmanifest-" + a.bagitName() + ".txt");
        }
        return paths;
    }

    @Override
    public String custodialPath(PackageContext context, String fileName) {
        return context.baseName() + "/data/" + fileName;
    }

    @Override
    public List<SupplementalResource> leadingResources(PackageContext context) {
        return List.of(declaration(context));
    }

    @Override
    public List<SupplementalResource> supplementalResources(PackageContext context, List<PackagedFile> custodial) {
        String root = context.baseName() + "/";
        List<ChecksumAlgorithm> algorithms = context.options().algorithms();
        List<SupplementalResource> tagFiles = new ArrayList<>();
        tagFiles.add(SupplementalResource.text(root + "bag-info.txt", "text/plain", bagInfo(context, custodial)));
        if (carriesMetadata(context.options())) {
            tagFiles.add(MetadataJson.of(root + MetadataJson.FILE_NAME, SPEC, context, custodial));
        }
        for (ChecksumAlgorithm a : algorithms) {
            StringBuilder m = new StringBuilder();
            for (PackagedFile f : custodial) {
                Resource r = f.resource();
                m.append(r.checksums().get(a)).append("  ")
                        .append(BagItText.encodePath(r.path().substring(root.length()))).append('\n');
            }
            tagFiles.add(SupplementalResource.text(root + "manifest-" + a.bagitName() + ".txt", "text/plain",
                    m.toString()));
        }
        // Tag manifests cover every tag file, bagit.txt included.
        List<SupplementalResource> covered = new ArrayList<>();
        covered.add(declaration(context));
        covered.addAll(tagFiles);
        List<SupplementalResource> out = new ArrayList<>(tagFiles);
        for (ChecksumAlgorithm a : algorithms) {
            StringBuilder m = new StringBuilder();
            for (SupplementalResource t : covered) {
                m.append(HexFormat.of().formatHex(a.newDigest().digest(t.content()))).append("  ")
                        .append(BagItText.encodePath(t.path().substring(root.length()))).append('\n');
            }
            out.add(SupplementalResource.text(root + "tagmanifest-" + a.bagitName() + ".txt", "text/plain",
                    m.toString()));
        }
        return out;
    }

    /**
     * Whether the bag carries metadata.json: always, unless the repository's BagIt Profile lists the tag files it
     * allows and metadata.json is not one of them (the profile wins; bag-info.txt still says what the bag is).
     */
    private boolean carriesMetadata(PackageOptions options) {
        return ConfiguredProfile.from(options, profiles)
                .map(p -> p.profile().allowsTagFile(MetadataJson.FILE_NAME)).orElse(true);
    }

    private static SupplementalResource declaration(PackageContext context) {
        return SupplementalResource.text(context.baseName() + "/bagit.txt", "text/plain",
                "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
    }

    private String bagInfo(PackageContext context, List<PackagedFile> custodial) {
        long octets = 0;
        for (PackagedFile f : custodial) {
            octets += f.resource().size();
        }
        Optional<ConfiguredProfile> profile = ConfiguredProfile.from(context.options(), profiles);
        List<Bag.TagElement> info = bagInfoElements(context.submission(), context.options(),
                context.createdAt().format(DateTimeFormatter.ISO_LOCAL_DATE), octets, custodial.size(),
                profile.map(ConfiguredProfile::identifier).orElse(null));
        // Defence in depth: the values computed now (the date) may still break a profile's list of values.
        if (profile.isPresent()) {
            profile.get().check(describe(context.options(), info, custodial.size(), octets), context.options());
        }
        StringBuilder b = new StringBuilder();
        for (Bag.TagElement e : info) {
            b.append(BagItText.element(e.label(), e.value()));
        }
        return b.toString();
    }

    /** What a profile sees of the bag these options make: BagIt 1.0, its bag-info, manifests and serialization. */
    private BagDescription describe(PackageOptions options, List<Bag.TagElement> info, long files, long octets) {
        List<String> algorithms = new ArrayList<>();
        List<String> tagFiles = new ArrayList<>(List.of("bagit.txt", "bag-info.txt"));
        if (carriesMetadata(options)) {
            tagFiles.add(MetadataJson.FILE_NAME);
        }
        for (ChecksumAlgorithm a : options.algorithms()) {
            algorithms.add(a.bagitName());
            tagFiles.add("manifest-" + a.bagitName() + ".txt");
            tagFiles.add("tagmanifest-" + a.bagitName() + ".txt");
        }
        return new BagDescription("1.0", info, algorithms, algorithms, tagFiles, false, files, octets,
                BagSerialization.of(options));
    }

    /**
     * The elements of bag-info.txt, in order, blank values left out.
     *
     * @param baggingDate null when not known yet; the element is then listed with a null value
     * @param profileId   the BagIt-Profile-Identifier to declare, or null
     */
    private List<Bag.TagElement> bagInfoElements(DepositSubmission submission, PackageOptions options,
                                                 String baggingDate, long octets, long count, String profileId) {
        SubmissionMetadata md = submission.metadata();
        Person submitter = md == null ? null : md.submitter();
        // Keys are lower case so that options replace defaults whatever their case; values keep the label as written.
        Map<String, Map.Entry<String, List<String>>> elements = new LinkedHashMap<>();
        put(elements, "Source-Organization", null);
        put(elements, "Organization-Address", null);
        put(elements, "Contact-Name", submitter == null ? null : submitter.fullName());
        put(elements, "Contact-Phone", null);
        put(elements, "Contact-Email", submitter == null ? null : submitter.email());
        put(elements, "External-Description", md == null ? null : md.title());
        put(elements, "External-Identifier", submission.id());
        put(elements, "Bagging-Date", baggingDate);
        put(elements, "Bag-Size", humanSize(octets));
        put(elements, "Payload-Oxum", octets + "." + count);
        put(elements, "Bag-Software-Agent", softwareAgent);
        put(elements, BagItProfile.PROFILE_IDENTIFIER_TAG, profileId);
        for (Map.Entry<String, List<String>> e : extraElements(options).entrySet()) {
            elements.put(e.getKey().toLowerCase(Locale.ROOT), Map.entry(e.getKey(), e.getValue()));
        }
        List<Bag.TagElement> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : elements.values()) {
            for (String v : e.getValue()) {
                if (v != null && !v.isBlank()) {
                    out.add(new Bag.TagElement(e.getKey(), v));
                } else if (v == null && e.getKey().equals("Bagging-Date")) {
                    // Not known yet (a check before assembly): listed so a profile requiring it sees it, unvalued.
                    out.add(new Bag.TagElement(e.getKey(), null));
                }
            }
        }
        return out;
    }

    private static void put(Map<String, Map.Entry<String, List<String>>> elements, String label, String value) {
        List<String> values = new ArrayList<>();
        values.add(value);
        elements.put(label.toLowerCase(Locale.ROOT), Map.entry(label, values));
    }

    /** The {@code bag-info} option as label → values, checked against RFC 8493's rules for labels. */
    private static Map<String, List<String>> extraElements(PackageOptions options) {
        Object raw = options.specOptions().get(BAG_INFO_OPTION);
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        String where = "assembler.options." + BAG_INFO_OPTION;
        if (!(raw instanceof Map<?, ?> map)) {
            throw new PackagingException(where + " must be an object of label → value, e.g. {\"Source-Organization\":"
                    + " \"Johns Hopkins University\"}", where);
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String label = String.valueOf(e.getKey());
            String at = where + "." + label;
            if (label.isBlank() || !label.strip().equals(label) || label.contains(":") || label.contains("\n")
                    || label.contains("\r")) {
                throw new PackagingException(at + ": a bag-info label must not be blank, start or end with"
                        + " whitespace, or contain ':' or a line break", at);
            }
            if (COMPUTED.contains(label.toLowerCase(Locale.ROOT))) {
                throw new PackagingException(at + " is computed from the payload when the bag is written; remove it"
                        + " from the options", at);
            }
            List<String> values = new ArrayList<>();
            Object v = e.getValue();
            for (Object one : v instanceof Collection<?> c ? c : List.of(v == null ? "" : v)) {
                if (one instanceof Map<?, ?> || one instanceof Collection<?>) {
                    throw new PackagingException(at + " must be a text, or a list of texts", at);
                }
                values.add(one == null ? "" : one.toString());
            }
            out.put(label, values);
        }
        return out;
    }

    /** Bag-Size is for people: decimal units, one decimal. */
    static String humanSize(long octets) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB", "PB"};
        double v = octets;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? octets + " bytes" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
