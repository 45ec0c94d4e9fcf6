package org.depositservices.app.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.depositservices.engine.intake.InvalidSubmissionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page ({@code server.error.path}, {@code /error}): where Tomcat sends what a filter or the container
 * refused with {@code sendError} or an exception. Answers a problem document, replacing Spring Boot's
 * BasicErrorController (its JSON, or HTML for browsers, are not RFC 9457).
 */
@RestController
public class ProblemErrorController implements ErrorController {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorController.class);

    private final UploadFailures uploads;

    public ProblemErrorController(UploadLimits limits) {
        this.uploads = new UploadFailures(limits);
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Optional<InvalidSubmissionException> known = UploadFailures.earlier(request);
        if (known.isPresent()) {
            return ProblemHandler.problem(known.get());
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable thrown = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (code == null) {
            // asked for directly, not forwarded to by an error
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "there is no resource at " + request.getRequestURI()));
        }
        if (thrown != null) {
            Optional<InvalidSubmissionException> refusal = uploads.refusal(thrown, request);
            if (refusal.isPresent()) {
                return ProblemHandler.problem(refusal.get());
            }
        }
        HttpStatus status = Optional.ofNullable(HttpStatus.resolve((Integer) code))
                .orElse(HttpStatus.INTERNAL_SERVER_ERROR);
        if (status.is5xxServerError()) {
            if (thrown != null) {
                LOG.error("Request to {} failed", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), thrown);
                return ProblemHandler.internalError(thrown);
            }
            return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status,
                    "the server could not complete the request (see the server log)"));
        }
        // the container's words for a client error describe the request, and say what is wrong with it
        String message = (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status,
                message == null || message.isBlank() ? status.getReasonPhrase() : message));
    }
}
