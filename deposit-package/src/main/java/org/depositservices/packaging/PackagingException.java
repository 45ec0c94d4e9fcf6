package org.depositservices.packaging;

/**
 * A package could not be built. When {@link #field()} is set, the submission lacks something the spec requires
 * (e.g. {@code publication.journal.nlmta}); such a failure is permanent: retrying cannot help.
 */
public class PackagingException extends RuntimeException {
    private final String field;

    public PackagingException(String message, String field) {
        super(message);
        this.field = field;
    }

    public PackagingException(String message, Throwable cause) {
        super(message, cause);
        this.field = null;
    }

    /**
     * The submission field that is missing or invalid, as a JSON path of the submission (e.g. {@code files[2].size}),
     * or the assembler option that is invalid ({@code assembler.options.archive}); null otherwise.
     */
    public String field() {
        return field;
    }

    public static PackagingException missing(String spec, String field) {
        return new PackagingException(spec + " package needs " + field + ", which the submission lacks", field);
    }
}
