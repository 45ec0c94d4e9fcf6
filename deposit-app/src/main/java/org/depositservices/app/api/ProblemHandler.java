package org.depositservices.app.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;
import org.depositservices.engine.intake.InvalidSubmissionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error is an RFC 9457 problem document ({@code application/problem+json}); ours carry a {@code field}
 * naming what is wrong. Errors raised before a controller runs come here too ({@link ProblemErrorController} and
 * {@link ProblemReportValve} answer the rest).
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
    static final String TYPE_BASE = "https://deposit-services.org/problems/";

    private final UploadFailures uploads;

    public ProblemHandler(UploadLimits limits) {
        this.uploads = new UploadFailures(limits);
    }

    @ExceptionHandler(InvalidSubmissionException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidSubmissionException e) {
        return problem(e);
    }

    /** A refusal as a problem; its type and title say which kind, its {@code field} what. */
    static ResponseEntity<ProblemDetail> problem(InvalidSubmissionException e) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        String[] kind = switch (e.status()) {
            case 411 -> new String[] {"length-required", "Length required"};
            case 413 -> e.field() == null ? new String[] {"request-too-large", "Request too large"}
                    : switch (e.field()) {
                        case "submission" -> new String[] {"json-too-large", "Submission JSON too large"};
                        case "files" -> new String[] {"too-many-files", "Too many files"};
                        default -> new String[] {"file-too-large", "File too large"};
                    };
            case 415 -> new String[] {"unsupported-media-type", "Unsupported media type"};
            default -> e.field() == null ? new String[] {"invalid-request", "Invalid request"}
                    : new String[] {"invalid-submission", "Invalid submission"};
        };
        p.setType(URI.create(TYPE_BASE + kind[0]));
        p.setTitle(kind[1]);
        if (e.field() != null) {
            p.setProperty("field", e.field());
        }
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
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Spring's own answer says "limit of -1 bytes": the cause knows the limit that was met
        return uploads.refusal(ex, ((ServletWebRequest) request).getRequest())
                .<ResponseEntity<Object>>map(e -> ResponseEntity.status(e.status()).body(problem(e).getBody()))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(ProblemDetail
                        .forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "the request is larger than a limit")));
    }

    @ExceptionHandler({MultipartException.class, Exception.class})
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        Optional<InvalidSubmissionException> refusal = uploads.refusal(e, request);
        if (refusal.isPresent()) {
            return problem(refusal.get());
        }
        LOG.error("Request failed", e);
        return internalError(e);
    }

    static ResponseEntity<ProblemDetail> internalError(Throwable e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the server could not complete the request: " + e.getClass().getSimpleName()
                        + " (see the server log)");
        p.setTitle("Internal error");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(p);
    }
}
