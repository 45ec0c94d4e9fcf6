package org.depositservices.packaging.nihms;

import java.util.Locale;

/** DOIs as NIHMS wants them: bare ({@code 10.1039/c7fo01251a}), without a resolver or {@code doi:} prefix. */
public final class Doi {

    private static final String[] PREFIXES = {
        "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"
    };

    private Doi() {
    }

    /** The bare DOI, or null when blank. Prefixes are matched in any case and may repeat ("doi:https://..."). */
    public static String strip(String doi) {
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
