package org.depositservices.model;

/** An author of the publication, as listed on it. */
public record Author(String name, String orcid, String affiliation) {
}
