package org.depositservices.packaging.mets;

/**
 * A DSpace metadata field ({@code schema.element[.qualifier]}), as written in a DIM {@code dim:field}.
 */
public record DimField(String schema, String element, String qualifier) {

    private static final String PART = "[A-Za-z][A-Za-z0-9_-]*";

    public DimField {
        if (schema == null || !schema.matches(PART) || element == null || !element.matches(PART)
                || qualifier != null && !qualifier.matches(PART)) {
            throw new IllegalArgumentException("not a DSpace metadata field: schema=" + schema + ", element="
                    + element + ", qualifier=" + qualifier);
        }
    }

    /**
     * Parses {@code local.embargo.lift} or {@code dc.description}.
     *
     * @throws IllegalArgumentException when the name does not have two or three dot-separated parts
     */
    public static DimField parse(String name) {
        String[] parts = name == null ? new String[0] : name.trim().split("\\.", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("'" + name
                    + "' is not a DSpace metadata field; expected schema.element or schema.element.qualifier,"
                    + " e.g. local.embargo.lift");
        }
        return new DimField(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    @Override
    public String toString() {
        return qualifier == null ? schema + "." + element : schema + "." + element + "." + qualifier;
    }
}
