package org.depositservices.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/** What a file of a submission is. Exactly the roles PASS offers. */
public enum FileRole {
    MANUSCRIPT,
    SUPPLEMENTAL,
    FIGURE,
    TABLE;

    /** Parses a role name in any case ("manuscript", "Figure"); null for null. */
    @JsonCreator
    public static FileRole parse(String value) {
        if (value == null) {
            return null;
        }
        for (FileRole r : values()) {
            if (r.name().equalsIgnoreCase(value.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown file role '" + value
                + "' (expected manuscript, supplemental, figure or table)");
    }
}
