package org.depositservices.app.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.EOFException;
import java.util.Optional;
import org.apache.catalina.connector.ClientAbortException;
import org.apache.coyote.BadRequestException;
import org.apache.tomcat.util.http.fileupload.FileUploadException;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.depositservices.engine.intake.InvalidSubmissionException;
import org.depositservices.engine.intake.UploadNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.multipart.MultipartException;

/**
 * What went wrong while Tomcat read a multipart body, said as a refusal naming the limit or the fault. Spring
 * reports all of these as a MultipartException (a size one as "limit of -1 bytes"); the cause says which.
 */
final class UploadFailures {
    private static final Logger LOG = LoggerFactory.getLogger(UploadFailures.class);
    private static final String REFUSAL = UploadFailures.class.getName() + ".refusal";

    private final UploadLimits limits;

    UploadFailures(UploadLimits limits) {
        this.limits = limits;
    }

    /**
     * The refusal {@code t} stands for, or empty when it is no failure to read a request. It is also kept on the
     * request: when Tomcat itself failed the body (broken chunking), it sends the request on to the error page,
     * which answers with this refusal instead of a bare status.
     */
    Optional<InvalidSubmissionException> refusal(Throwable t, HttpServletRequest request) {
        Optional<InvalidSubmissionException> earlier = earlier(request);
        if (earlier.isPresent()) {
            return earlier;
        }
        Optional<InvalidSubmissionException> refusal = translate(t, request);
        refusal.ifPresent(e -> request.setAttribute(REFUSAL, e));
        return refusal;
    }

    /** What an earlier {@link #refusal} of this request found, if anything. */
    static Optional<InvalidSubmissionException> earlier(HttpServletRequest request) {
        return request.getAttribute(REFUSAL) instanceof InvalidSubmissionException e ? Optional.of(e)
                : Optional.empty();
    }

    private Optional<InvalidSubmissionException> translate(Throwable t, HttpServletRequest request) {
        FileSizeLimitExceededException tooLarge = find(t, FileSizeLimitExceededException.class);
        if (tooLarge != null) {
            return Optional.of("submission".equals(tooLarge.getFieldName())
                    ? new InvalidSubmissionException(413, "submission", limits.jsonTooLarge())
                    : new InvalidSubmissionException(413, "part:" + UploadNames.printable(partName(tooLarge)),
                    limits.fileTooLarge(partName(tooLarge))));
        }
        if (find(t, FileCountLimitExceededException.class) != null) {
            return Optional.of(new InvalidSubmissionException(413, "files", limits.tooManyFiles()));
        }
        SizeException size = find(t, SizeException.class);
        if (size != null) {
            return Optional.of(size.getMessage() != null && size.getMessage().startsWith("Header section")
                    ? InvalidSubmissionException.badRequest("part", limits.partHeadersTooLarge())
                    : new InvalidSubmissionException(413, null, "the request is larger than the limit of "
                    + UploadLimits.describe(size.getPermittedSize()) + " (spring.servlet.multipart.max-request-size)"));
        }
        IllegalStateException state = find(t, IllegalStateException.class);
        if (state != null && state.getMessage() != null && state.getMessage().contains("maxPostSize")) {
            // Tomcat's limit on parts without a filename, set to the JSON's limit
            return Optional.of(new InvalidSubmissionException(413, "submission", limits.jsonTooLarge()));
        }
        InvalidFileNameException nul = find(t, InvalidFileNameException.class);
        if (nul != null) {
            return Optional.of(InvalidSubmissionException.badRequest("part:" + UploadNames.printable(nul.getName()),
                    "the filename of a part contains a NUL character, which no file name may hold"));
        }
        // before BadRequestException, which Tomcat's ClientAbortException extends
        if (find(t, ClientAbortException.class) != null || find(t, EOFException.class) != null) {
            // an operator needs one line, not a stack trace: nothing was stored and nobody waits for the answer
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            LOG.warn("Upload to {} broken off: the client closed the connection before the end of its body; "
                    + "nothing was stored", uri != null ? uri : request.getRequestURI());
            return Optional.of(InvalidSubmissionException.badRequest(null,
                    "the request body ended before its announced end"));
        }
        BadRequestException bad = find(t, BadRequestException.class);
        if (bad != null) {
            return Optional.of(InvalidSubmissionException.badRequest(null,
                    "the request body is malformed: " + bad.getMessage()));
        }
        FileUploadException upload = find(t, FileUploadException.class);
        if (upload != null && !hasBoundary(request)) {
            return Optional.of(InvalidSubmissionException.badRequest("Content-Type", "a multipart/form-data request "
                    + "needs a boundary in its Content-Type (multipart/form-data; boundary=...); it was "
                    + request.getContentType()));
        }
        if (upload != null || find(t, MultipartException.class) != null) {
            return Optional.of(InvalidSubmissionException.badRequest(null, "the multipart body is malformed: "
                    + (upload != null ? upload : root(t)).getMessage()));
        }
        return Optional.empty();
    }

    private static String partName(FileSizeLimitExceededException e) {
        return e.getFileName() != null ? e.getFileName() : e.getFieldName();
    }

    private static boolean hasBoundary(HttpServletRequest request) {
        try {
            return MediaType.parseMediaType(request.getContentType()).getParameter("boundary") != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static Throwable root(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
