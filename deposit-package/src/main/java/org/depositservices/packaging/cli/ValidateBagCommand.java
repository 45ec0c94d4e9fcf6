package org.depositservices.packaging.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.depositservices.packaging.bagit.BagArchives;
import org.depositservices.packaging.bagit.BagProblem;
import org.depositservices.packaging.bagit.BagValidation;
import org.depositservices.packaging.bagit.BagValidator;
import org.depositservices.packaging.bagit.profile.BagItProfile;
import org.depositservices.packaging.bagit.profile.BagItProfileException;
import org.depositservices.packaging.bagit.profile.BagItProfileLoader;
import org.depositservices.packaging.bagit.profile.BagItProfileValidator;
import org.depositservices.packaging.bagit.profile.BagSerialization;
import org.depositservices.packaging.bagit.profile.ProfileValidation;
import org.depositservices.packaging.bagit.profile.ProfileViolation;

/**
 * {@code validate-bag <bag directory | bag.zip | bag.tar | bag.tar.gz> [--quiet] [--profile <profile.json>]}: says
 * whether a bag is valid (RFC 8493) and lists every error and warning; with {@code --profile} (a file path, file:,
 * classpath: or http(s): URI), also whether it conforms to that BagIt Profile, listing every violation. An archive is
 * unpacked into a temporary directory, removed afterwards. Exit 0 when valid (and conforming), 1 when not, 2 when
 * the bag or the profile cannot be read at all.
 */
public final class ValidateBagCommand implements Command {
    static final String USAGE_TEXT = "usage: validate-bag <bag directory | .zip | .tar | .tar.gz> [--quiet]"
            + " [--max-expanded-bytes N] [--profile <profile.json>]";
    /** An archive may expand to this much by default (64 GiB): more than any deposit, less than a full disk. */
    static final long DEFAULT_MAX_EXPANDED = 64L * 1024 * 1024 * 1024;

    private final BagValidator validator;
    private final BagItProfileLoader profiles;

    public ValidateBagCommand(BagValidator validator) {
        this(validator, new BagItProfileLoader());
    }

    /** @param profiles reads the profile given with {@code --profile} */
    public ValidateBagCommand(BagValidator validator, BagItProfileLoader profiles) {
        this.validator = validator;
        this.profiles = profiles;
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
        long limit;
        try {
            a = new Arguments(args, Set.of("max-expanded-bytes", "profile"), Set.of("quiet"));
            if (a.positional().size() != 1) {
                throw new IllegalArgumentException("give exactly one bag");
            }
            limit = a.get("max-expanded-bytes") == null ? DEFAULT_MAX_EXPANDED
                    : Long.parseLong(a.get("max-expanded-bytes"));
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
        Path temp = null;
        try {
            Path root = bag;
            if (Files.isRegularFile(bag)) {
                temp = Files.createTempDirectory("validate-bag-");
                root = new BagArchives(limit).extract(bag, temp.resolve("x"));
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
        } catch (IOException e) {
            err.println("validate-bag: cannot read " + bag + ": " + e.getMessage());
            return USAGE;
        } finally {
            if (temp != null) {
                deleteTree(temp);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A leftover temporary directory is not worth failing the verdict for.
        }
    }
}
