package org.depositservices.packaging.nihms;

import java.util.ArrayList;
import java.util.List;
import org.depositservices.model.FileRole;
import org.depositservices.model.Issn;
import org.depositservices.model.Journal;
import org.depositservices.model.Person;
import org.depositservices.model.Publication;
import org.depositservices.model.SubmissionFile;
import org.depositservices.model.SubmissionMetadata;
import org.depositservices.model.Text;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.PackagingException;

/**
 * What a NIHMS bulk submission cannot do without, checked before any byte is written.
 *
 * <ul>
 *   <li>{@code files[role=manuscript]}: a manuscript file;</li>
 *   <li>{@code publication.title}: the manuscript title;</li>
 *   <li>{@code publication.journal.nlmta}: the journal's NLM title abbreviation, or else an ISSN with its pubType
 *   (the DTD's {@code journal-meta} needs one of the two);</li>
 *   <li>{@code submitter.email} and {@code submitter.lastName}: the contact NIHMS writes to (the DTD requires the
 *   person's email and last name).</li>
 * </ul>
 * Everything missing is named in one message, so one fix round is enough; {@link PackagingException#field()} is the
 * first of them.
 */
public final class NihmsRequirements {

    public static final String SPEC = "nihms-native-2017-07";

    private NihmsRequirements() {
    }

    /** @throws PackagingException naming every missing field */
    public static void check(DepositSubmission submission) {
        List<String> fields = new ArrayList<>();
        List<String> hints = new ArrayList<>();
        boolean manuscript = false;
        for (SubmissionFile f : submission.files()) {
            manuscript |= f.role() == FileRole.MANUSCRIPT;
        }
        if (!manuscript) {
            fields.add("files[role=manuscript]");
            hints.add("files[role=manuscript] (add the manuscript file, with role \"manuscript\")");
        }
        SubmissionMetadata md = submission.metadata();
        Publication p = md == null ? null : md.publication();
        if (p == null || Text.isBlank(p.title())) {
            fields.add("publication.title");
            hints.add("publication.title");
        }
        if (!hasJournalId(p == null ? null : p.journal())) {
            fields.add("publication.journal.nlmta");
            hints.add("publication.journal.nlmta (or publication.journal.issns[] with an issn and its pubType)");
        }
        Person submitter = md == null ? null : md.submitter();
        if (submitter == null || Text.isBlank(submitter.email())) {
            fields.add("submitter.email");
            hints.add("submitter.email");
        }
        if (submitter == null || Text.isBlank(submitter.lastName())) {
            fields.add("submitter.lastName");
            hints.add("submitter.lastName");
        }
        if (!fields.isEmpty()) {
            throw new PackagingException(SPEC + " package needs " + String.join(", ", hints)
                    + ", which the submission lacks", fields.get(0));
        }
    }

    /** True when the journal can be named in journal-meta: an NLM TA, or an ISSN whose pubType is known. */
    static boolean hasJournalId(Journal j) {
        if (j == null) {
            return false;
        }
        if (!Text.isBlank(j.nlmta())) {
            return true;
        }
        for (Issn i : j.issns()) {
            if (i != null && !Text.isBlank(i.issn()) && i.pubType() != null) {
                return true;
            }
        }
        return false;
    }
}
