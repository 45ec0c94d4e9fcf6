package org.depositservices.packaging.mets;

import java.util.Locale;

/** DOIs as submissions give them ("10.1/x", "doi:10.1/x", "https://doi.org/10.1/x"), reduced to the bare DOI. */
final class DoiText {

    static final String RESOLVER = "https://doi.org/";

    private static final String[] PREFIXES = {
        "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"
    };

    private DoiText() {
    }

    /** The bare DOI, or null when blank. */
    static String normalize(String doi) {
        if (doi == null) {
            return null;
        }
        String d = doi.trim();
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            for (String p : PREFIXES) {
                if (d.toLowerCase(Locale.ROOT).startsWith(p)) {
                    d = d.substring(p.length()).trim();
                    stripped = true;
                }
            }
        }
        return d.isEmpty() ? null : d;
    }
}
