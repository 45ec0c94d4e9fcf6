package org.depositservices.model;

/** A person named in a submission: the submitter, a grant's PI or co-PI. */
public record Person(String firstName, String lastName, String email) {
    /** "First Last", skipping what is missing; empty when both are missing. */
    public String fullName() {
        return Text.joinNonBlank(" ", firstName, lastName);
    }
}
