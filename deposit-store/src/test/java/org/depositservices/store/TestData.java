package org.depositservices.store;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.depositservices.model.AggregatedDepositStatus;
import org.depositservices.model.Author;
import org.depositservices.model.FileRole;
import org.depositservices.model.Funder;
import org.depositservices.model.Grant;
import org.depositservices.model.Issn;
import org.depositservices.model.IssnPubType;
import org.depositservices.model.Journal;
import org.depositservices.model.Person;
import org.depositservices.model.Publication;
import org.depositservices.model.Submission;
import org.depositservices.model.SubmissionFile;
import org.depositservices.model.SubmissionMetadata;

/** Realistic submissions for tests. */
public final class TestData {
    private TestData() {
    }

    public static SubmissionMetadata metadata(String title) {
        Person pi = new Person("Ada", "Lovelace", "ada@example.edu");
        return new SubmissionMetadata(
                new Person("Grace", "Hopper", "grace@example.edu"),
                new Publication(title, "We measured things.", "10.1234/abc.5678", "12", "3", "2026-05-01",
                        new Journal("Journal of Things", "J Things", "Things Press",
                                List.of(new Issn("1234-5678", IssnPubType.PRINT),
                                        new Issn("8765-4321", IssnPubType.ELECTRONIC)))),
                List.of(new Author("Grace Hopper", "0000-0002-1825-0097", "Example University"),
                        new Author("Ada Lovelace", null, "Analytical Society")),
                List.of(new Grant("R01 AB123456", new Funder("National Institutes of Health", "nih"), pi,
                        List.of(new Person("Alan", "Turing", "alan@example.edu")))),
                LocalDate.of(2027, 1, 31));
    }

    public static Submission newSubmission(List<String> repositories, List<SubmissionFile> files) {
        return new Submission(UUID.randomUUID().toString(), 0, AggregatedDepositStatus.NOT_STARTED, null, false,
                repositories, metadata("On things"), files, null, null);
    }

    public static SubmissionFile file(String name, FileRole role, String location) {
        return new SubmissionFile(name, role, "a " + role.name().toLowerCase() + " file", "application/pdf", 3,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                "900150983cd24fb0d6963f7d28e17f72", location,
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                        + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f", "352441c2");
    }
}
