package org.depositservices.packaging.mets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.depositservices.model.Author;
import org.depositservices.model.Publication;
import org.depositservices.model.Text;
import org.depositservices.packaging.Doi;

/**
 * Builds a one-line citation of the published article for {@code dcterms:bibliographicCitation}:
 * {@code Authors. (Year). Title. Journal, Volume(Issue). https://doi.org/DOI} — each part left out (with its
 * punctuation) when the submission lacks it. More than ten authors are cut to the first ten and "et al.".
 */
public final class BibliographicCitation {

    private static final int MAX_AUTHORS = 10;
    private static final Pattern YEAR = Pattern.compile("^\\s*(\\d{4})");

    private BibliographicCitation() {
    }

    /** The citation, or null when there is nothing to cite (no publication, or it has no title). */
    public static String of(Publication publication, List<Author> authors) {
        if (publication == null || Text.isBlank(publication.title())) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Author a : authors) {
            if (a != null && !Text.isBlank(a.name())) {
                names.add(a.name().trim());
            }
        }
        if (!names.isEmpty()) {
            String list = names.size() > MAX_AUTHORS
                    ? String.join(", ", names.subList(0, MAX_AUTHORS)) + ", et al"
                    : String.join(", ", names);
            parts.add(endWithPeriod(list));
        }
        String year = year(publication.publicationDate());
        if (year != null) {
            parts.add("(" + year + ").");
        }
        parts.add(endWithPeriod(publication.title().trim()));
        String journal = publication.journal() == null ? null : publication.journal().name();
        StringBuilder source = new StringBuilder();
        if (!Text.isBlank(journal)) {
            source.append(journal.trim());
        }
        if (!Text.isBlank(publication.volume())) {
            source.append(source.length() > 0 ? ", " : "").append(publication.volume().trim());
        }
        if (!Text.isBlank(publication.issue())) {
            source.append("(").append(publication.issue().trim()).append(")");
        }
        if (source.length() > 0) {
            parts.add(endWithPeriod(source.toString()));
        }
        String doi = Doi.strip(publication.doi());
        if (doi != null) {
            parts.add(Doi.RESOLVER + doi);
        }
        return String.join(" ", parts);
    }

    /** The four-digit year a publication date starts with ("2018-09-12", "2018"), or null. */
    static String year(String publicationDate) {
        if (publicationDate == null) {
            return null;
        }
        Matcher m = YEAR.matcher(publicationDate);
        return m.find() ? m.group(1) : null;
    }

    private static String endWithPeriod(String s) {
        return s.endsWith(".") || s.endsWith("?") || s.endsWith("!") ? s : s + ".";
    }
}
