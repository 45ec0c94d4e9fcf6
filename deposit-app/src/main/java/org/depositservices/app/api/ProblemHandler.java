package org.depositservices.app.api;

import java.net.URI;
import org.depositservices.engine.intake.InvalidSubmissionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error is an RFC 9457 problem document ({@code application/problem+json}); ours carry a {@code field}
 * naming what is wrong.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
    static final String TYPE_BASE = "https://deposit-services.org/problems/";

    @ExceptionHandler(InvalidSubmissionException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidSubmissionException e) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        p.setType(URI.create(TYPE_BASE + switch (e.status()) {
            case 413 -> "file-too-large";
            case 415 -> "unsupported-media-type";
            default -> "invalid-submission";
        }));
        p.setTitle(switch (e.status()) {
            case 413 -> "File too large";
            case 415 -> "Unsupported media type";
            default -> "Invalid submission";
        });
        p.setProperty("field", e.field());
        return ResponseEntity.status(status).body(p);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setType(URI.create(TYPE_BASE + "not-found"));
        p.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(p);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            org.springframework.http.HttpHeaders headers, HttpStatusCode status,
            org.springframework.web.context.request.WebRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "a file is larger than the limit of " + ex.getMaxUploadSize()
                        + " bytes (PASS_DEPOSIT_MAX_FILE_SIZE): " + rootMessage(ex));
        p.setType(URI.create(TYPE_BASE + "file-too-large"));
        p.setTitle("File too large");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(p);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        LOG.error("Request failed", e);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the server could not complete the request: " + e.getClass().getSimpleName()
                        + " (see the server log)");
        p.setTitle("Internal error");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(p);
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
