package org.depositservices.engine.intake;

/**
 * A submission request was refused; nothing was stored. {@code field} names what is wrong as a path into the
 * request (e.g. {@code publication.title}, {@code files[2].name}, {@code part:figure 1.png}); {@code status} is the
 * HTTP status the API answers with (400, 413 or 415).
 */
public class InvalidSubmissionException extends RuntimeException {
    private final int status;
    private final String field;

    public InvalidSubmissionException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static InvalidSubmissionException badRequest(String field, String message) {
        return new InvalidSubmissionException(400, field, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
