package org.depositservices.model;

/** A repository Deposit Services can deposit into; {@code repositoryKey} is the key in repositories.json. */
public record Repository(String repositoryKey, String name, String url) {
}
