package org.depositservices.packaging.nihms;

import org.depositservices.model.FileRole;

/**
 * The file types of a NIHMS bulk submission manifest, with whether the manifest must give the file a label.
 */
public enum NihmsFileType {
    BULKSUB_META_XML("bulksub_meta_xml", false),
    MANUSCRIPT("manuscript", false),
    SUPPLEMENT("supplement", true),
    FIGURE("figure", true),
    TABLE("table", true);

    private final String code;
    private final boolean labelRequired;

    NihmsFileType(String code, boolean labelRequired) {
        this.code = code;
        this.labelRequired = labelRequired;
    }

    /** The word written in the manifest's first column. */
    public String code() {
        return code;
    }

    /** NIHMS requires a label, unique among the files of this type, for figures, tables and supplements. */
    public boolean labelRequired() {
        return labelRequired;
    }

    /** The manifest type of a user file. */
    public static NihmsFileType of(FileRole role) {
        if (role == null) {
            // a file whose role nobody recorded is still the user's content; supplement is the safe bucket
            return SUPPLEMENT;
        }
        return switch (role) {
            case MANUSCRIPT -> MANUSCRIPT;
            case SUPPLEMENTAL -> SUPPLEMENT;
            case FIGURE -> FIGURE;
            case TABLE -> TABLE;
        };
    }

    /** Parses a manifest type word; null when unknown. */
    public static NihmsFileType parse(String code) {
        for (NihmsFileType t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        return null;
    }
}
