package org.depositservices.packaging;

import java.util.Locale;

/**
 * DOIs as submissions give them ("10.1/x", "doi:10.1/x", "https://doi.org/10.1/x"), reduced to the bare DOI
 * ({@code 10.1039/c7fo01251a}) that NIHMS wants and that METS writes behind {@link #RESOLVER}.
 */
public final class Doi {

    /** The resolver a bare DOI is appended to, to make a link. */
    public static final String RESOLVER = "https://doi.org/";

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
