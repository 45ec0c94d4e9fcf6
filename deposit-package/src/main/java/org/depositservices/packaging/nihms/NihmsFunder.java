package org.depositservices.packaging.nihms;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The funder codes the NIHMS bulk submission DTD (2022) allows in {@code grant/@funder}. */
public enum NihmsFunder {
    NIH, AHRQ, ASPR, CDC, EPA, FDA, HHMI, NASA, NIST, VA;

    /** The code as written in bulk_meta.xml. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a code in any case.
     *
     * @throws IllegalArgumentException naming the allowed codes
     */
    public static NihmsFunder parse(String code) {
        if (code != null) {
            for (NihmsFunder f : values()) {
                if (f.code().equalsIgnoreCase(code.trim())) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("'" + code + "' is not a NIHMS funder code; expected one of "
                + Arrays.stream(values()).map(NihmsFunder::code).collect(Collectors.joining(", ")));
    }
}
