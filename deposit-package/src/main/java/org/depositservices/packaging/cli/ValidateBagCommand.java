package org.depositservices.packaging.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.depositservices.packaging.bagit.BagArchives;
import org.depositservices.packaging.bagit.BagProblem;
import org.depositservices.packaging.bagit.BagValidation;
import org.depositservices.packaging.bagit.BagValidator;
import org.depositservices.packaging.bagit.ExpansionLimit;
import org.depositservices.packaging.bagit.profile.BagItProfile;
import org.depositservices.packaging.bagit.profile.BagItProfileException;
import org.depositservices.packaging.bagit.profile.BagItProfileLoader;
import org.depositservices.packaging.bagit.profile.BagItProfileValidator;
import org.depositservices.packaging.bagit.profile.BagSerialization;
import org.depositservices.packaging.bagit.profile.ProfileValidation;
import org.depositservices.packaging.bagit.profile.ProfileViolation;

/**
 * {@code validate-bag <bag directory | bag.zip | bag.tar | bag.tar.gz> [--quiet] [--profile <profile.json>]
 * [--max-expansion-ratio N] [--max-expanded-size SIZE]}: says whether a bag is valid (RFC 8493) and lists every
 * error and warning; with {@code --profile} (a file path, file:, classpath: or http(s): URI), also whether it
 * conforms to that BagIt Profile, listing every violation.
 *
 * <p>An archive is unpacked into a temporary directory ({@value #SCRATCH_PREFIX}{@code <pid>-...} under the
 * JVM's temporary directory), removed afterwards; one left by a run that was killed is removed by the next run once
 * its process is gone. Unpacking writes at most {@code --max-expansion-ratio} times the archive's size (default
 * {@value ExpansionLimit#DEFAULT_RATIO}) and at most {@code --max-expanded-size} (default 64GiB); beyond that it
 * stops, removes what it wrote and says which limit to raise. An archive holding a link, a device or an entry that
 * would leave the bag is INVALID, naming that entry; nothing of it is written.
 *
 * <p>Exit 0 when valid (and conforming), 1 when not, 2 when the bag or the profile cannot be read at all or the
 * archive passes the expansion limit.
 */
public final class ValidateBagCommand implements Command {
    static final String USAGE_TEXT = "usage: validate-bag <bag directory | .zip | .tar | .tar.gz> [--quiet]"
            + " [--profile <profile.json>] [--max-expansion-ratio N] [--max-expanded-size SIZE, e.g. 10GB]";
    static final String RATIO_OPTION = "max-expansion-ratio";
    static final String SIZE_OPTION = "max-expanded-size";
    /** Names the temporary directories of this command, so a later run recognises the ones left behind. */
    static final String SCRATCH_PREFIX = "deposit-validate-bag-";

    private final BagValidator validator;
    private final BagItProfileLoader profiles;
    private final Path scratchParent;

    public ValidateBagCommand(BagValidator validator) {
        this(validator, new BagItProfileLoader());
    }

    /** @param profiles reads the profile given with {@code --profile} */
    public ValidateBagCommand(BagValidator validator, BagItProfileLoader profiles) {
        this(validator, profiles, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param scratchParent where archives are unpacked, each into a directory of its own */
    public ValidateBagCommand(BagValidator validator, BagItProfileLoader profiles, Path scratchParent) {
        this.validator = validator;
        this.profiles = profiles;
        this.scratchParent = scratchParent;
    }

    public static void main(String[] args) {
        System.exit(new ValidateBagCommand(new BagValidator()).run(List.of(args), System.out, System.err));
    }

    @Override
    public String name() {
        return "validate-bag";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Arguments a;
        ExpansionLimit limit;
        try {
            a = new Arguments(args, Set.of(RATIO_OPTION, SIZE_OPTION, "profile"), Set.of("quiet"));
            if (a.positional().size() != 1) {
                throw new IllegalArgumentException("give exactly one bag");
            }
            limit = limit(a);
        } catch (IllegalArgumentException e) {
            err.println("validate-bag: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        Path bag = Path.of(a.positional().get(0));
        BagItProfile profile = null;
        if (a.get("profile") != null) {
            try {
                profile = profiles.load(a.get("profile"));
            } catch (IOException | BagItProfileException e) {
                err.println("validate-bag: cannot use profile " + a.get("profile") + ": " + e.getMessage());
                return USAGE;
            }
        }
        ScratchDirectory scratch = null;
        try {
            Path root = bag;
            if (Files.isRegularFile(bag)) {
                for (Path left : ScratchDirectory.removeAbandoned(scratchParent, SCRATCH_PREFIX)) {
                    err.println("validate-bag: removed " + left + ", left by an earlier run that was stopped");
                }
                scratch = ScratchDirectory.create(scratchParent, SCRATCH_PREFIX);
                root = new BagArchives(limit).extract(bag, scratch.path().resolve("x"));
            }
            BagValidation v = validator.validate(root);
            if (a.flag("quiet")) {
                out.println((v.isValid() ? "VALID: " : "INVALID: ") + bag);
                for (BagProblem p : v.errors()) {
                    out.println("  " + p);
                }
            } else {
                out.println(v.report().replace(root.toString(), bag.toString()));
            }
            boolean conforms = true;
            if (profile != null) {
                ProfileValidation pv = new BagItProfileValidator().validate(v.bag(), profile,
                        BagSerialization.of(bag));
                conforms = pv.isValid();
                if (a.flag("quiet")) {
                    out.println((conforms ? "CONFORMS: " : "DOES NOT CONFORM: ") + bag + " to profile "
                            + profile.identifier());
                    for (ProfileViolation p : pv.violations()) {
                        out.println("  " + p);
                    }
                } else {
                    out.println(pv.report().replace(root.toString(), bag.toString()));
                }
            }
            return v.isValid() && conforms ? OK : FAILED;
        } catch (BagArchives.UnsafeEntryException e) {
            // A bag that is not safe to unpack is an invalid bag, not an unreadable one.
            out.println("INVALID: " + bag + ", 1 error(s): it is not unpacked further");
            out.println("  ERROR " + BagProblem.Kind.NOT_A_REGULAR_FILE + " " + e.entry() + ": " + e.reason());
            return FAILED;
        } catch (BagArchives.ExpansionLimitException e) {
            err.println("validate-bag: " + e.getMessage() + "; if the bag is genuine, raise the limit with --"
                    + RATIO_OPTION + " N (0 for none) or --" + SIZE_OPTION + " SIZE (e.g. 100GB)");
            return USAGE;
        } catch (IOException e) {
            err.println("validate-bag: cannot read " + bag + ": " + e.getMessage());
            return USAGE;
        } finally {
            if (scratch != null) {
                scratch.close();
            }
        }
    }

    private static ExpansionLimit limit(Arguments a) {
        long ratio = ExpansionLimit.DEFAULT_RATIO;
        if (a.get(RATIO_OPTION) != null) {
            try {
                ratio = Long.parseLong(a.get(RATIO_OPTION).strip());
            } catch (NumberFormatException e) {
                ratio = -1;
            }
            if (ratio < 0) {
                throw new IllegalArgumentException("--" + RATIO_OPTION + " '" + a.get(RATIO_OPTION) + "' is not a"
                        + " whole number of 0 or more (how many times its own size an archive may expand to)");
            }
        }
        long max = a.get(SIZE_OPTION) == null ? ExpansionLimit.DEFAULT_MAX_BYTES
                : ByteSize.parse(SIZE_OPTION, a.get(SIZE_OPTION));
        return new ExpansionLimit(ratio, max);
    }
}
