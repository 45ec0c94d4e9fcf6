package org.depositservices.packaging.bagit;

import java.util.List;

/**
 * The verdict on one bag: valid when no problem is an ERROR.
 *
 * @param problems errors and warnings, in the order they were found
 */
public record BagValidation(Bag bag, List<BagProblem> problems) {

    public BagValidation {
        problems = List.copyOf(problems);
    }

    public boolean isValid() {
        return problems.stream().noneMatch(BagProblem::isError);
    }

    public List<BagProblem> errors() {
        return problems.stream().filter(BagProblem::isError).toList();
    }

    public List<BagProblem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** One line per problem, after a verdict line, for logs and the command line. */
    public String report() {
        StringBuilder b = new StringBuilder();
        b.append(isValid() ? "VALID" : "INVALID").append(": ").append(bag.root());
        if (bag.version() != null) {
            b.append(" (BagIt ").append(bag.version()).append(')');
        }
        b.append(", ").append(errors().size()).append(" error(s), ").append(warnings().size()).append(" warning(s)");
        for (BagProblem p : problems) {
            b.append(System.lineSeparator()).append("  ").append(p);
        }
        return b.toString();
    }
}
