package org.depositservices.model;

/** One ISSN of a journal with how it is published. */
public record Issn(String issn, IssnPubType pubType) {
}
