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

/**
 * {@code validate-bag <bag directory | bag.zip | bag.tar | bag.tar.gz> [--quiet]}: says whether a bag is valid
 * (RFC 8493) and lists every error and warning. An archive is unpacked into a temporary directory, removed
 * afterwards. Exit 0 when valid, 1 when invalid, 2 when the bag cannot be read at all.
 */
public final class ValidateBagCommand implements Command {
    static final String USAGE_TEXT = "usage: validate-bag <bag directory | .zip | .tar | .tar.gz> [--quiet]"
            + " [--max-expanded-bytes N]";
    /** An archive may expand to this much by default (64 GiB): more than any deposit, less than a full disk. */
    static final long DEFAULT_MAX_EXPANDED = 64L * 1024 * 1024 * 1024;

    private final BagValidator validator;

    public ValidateBagCommand(BagValidator validator) {
        this.validator = validator;
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
            a = new Arguments(args, Set.of("max-expanded-bytes"), Set.of("quiet"));
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
            return v.isValid() ? OK : FAILED;
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
