package org.depositservices.model;

import java.util.List;

/** The journal a publication appeared in. {@code nlmta} is the NLM title abbreviation. */
public record Journal(String name, String nlmta, String publisher, List<Issn> issns) {
    public Journal {
        issns = issns == null ? List.of() : List.copyOf(issns);
    }
}
