package org.depositservices.packaging.bagit.profile;

import java.nio.file.Path;
import java.util.List;

/**
 * The verdict of {@link BagItProfileValidator} on one bag: it conforms when there is no violation.
 *
 * @param bag        the bag's top directory
 * @param violations in the order found, fatal ones (serialization, version) first
 */
public record ProfileValidation(BagItProfile profile, Path bag, List<ProfileViolation> violations) {

    public ProfileValidation {
        violations = List.copyOf(violations);
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    /** A verdict line, then one line per violation, for logs and the command line. */
    public String report() {
        StringBuilder b = new StringBuilder();
        b.append(isValid() ? "CONFORMS" : "DOES NOT CONFORM").append(" to profile ").append(profile.identifier())
                .append(": ").append(bag).append(", ").append(violations.size()).append(" violation(s)");
        for (ProfileViolation v : violations) {
            b.append(System.lineSeparator()).append("  ").append(v);
        }
        return b.toString();
    }
}
