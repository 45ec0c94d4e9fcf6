package org.depositservices.packaging.bagit.profile;

/**
 * A BagIt Profile could not be read or used: its JSON is malformed, a field has the wrong type or value, or its
 * fields contradict each other. {@link #field()} names the profile field (a path such as
 * {@code Bag-Info.Source-Organization.required}); {@link #source()} where the profile came from.
 */
public class BagItProfileException extends RuntimeException {
    private final String source;
    private final String field;

    public BagItProfileException(String source, String field, String message) {
        super(source + ": " + (field == null ? "" : field + ": ") + message);
        this.source = source;
        this.field = field;
    }

    public BagItProfileException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.source = source;
        this.field = null;
    }

    /** The profile field at fault, e.g. {@code Accept-BagIt-Version[1]}; null for a JSON syntax or read error. */
    public String field() {
        return field;
    }

    /** Where the profile was read from (a path or URI), as given. */
    public String source() {
        return source;
    }
}
