package org.depositservices.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The article being deposited. {@code publicationDate} is kept as given (PASS sends dates like "2018-09-12" or
 * just a year), parsing is left to the package that needs it.
 */
public record Publication(
        String title,
        @JsonProperty("abstract") String abstractText,
        String doi,
        String volume,
        String issue,
        String publicationDate,
        Journal journal) {
}
