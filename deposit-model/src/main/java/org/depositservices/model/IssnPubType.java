package org.depositservices.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/** How an ISSN is published, as PASS records it on a Journal. */
public enum IssnPubType {
    PRINT,
    ELECTRONIC,
    ONLINE;

    /** Parses "Print", "print", "ELECTRONIC", "Online", ...; null for null. */
    @JsonCreator
    public static IssnPubType parse(String value) {
        if (value == null) {
            return null;
        }
        for (IssnPubType t : values()) {
            if (t.name().equalsIgnoreCase(value.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown ISSN pubType '" + value + "' (expected Print, Electronic or Online)");
    }
}
