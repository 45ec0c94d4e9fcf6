package org.depositservices.app.api;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.depositservices.app.security.Callers;
import org.depositservices.engine.intake.IncomingFile;
import org.depositservices.engine.intake.InvalidSubmissionException;
import org.depositservices.engine.intake.SubmissionIntake;
import org.depositservices.model.AggregatedDepositStatus;
import org.depositservices.model.Submission;
import org.depositservices.model.SubmissionRequest;
import org.depositservices.store.Page;
import org.depositservices.store.StateStore;
import org.depositservices.transport.config.Repositories;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The submission API: create (multipart), read, list; and the configured repositories. A submission belongs to
 * the user who created it: a submitter reads and lists only their own; to them any other is 404, as if it did not
 * exist (a 403 would confirm that the id is someone's submission).
 */
@RestController
public class SubmissionController {
    private static final String SUBMISSION_PART = "submission";

    private final SubmissionIntake intake;
    private final StateStore store;
    private final Repositories repositories;
    private final JsonMapper json;
    private final UploadLimits limits;

    public SubmissionController(SubmissionIntake intake, StateStore store, Repositories repositories, JsonMapper json,
                                UploadLimits limits) {
        this.intake = intake;
        this.store = store;
        this.repositories = repositories;
        // text is a JSON string: a title of 42 or true is a client's mistake, not a title
        this.json = json.rebuild().withCoercionConfig(LogicalType.Textual, c -> c
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)).build();
        this.limits = limits;
    }

    @PostMapping(path = "/api/submissions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<Map<String, Object>> create(HttpServletRequest request, Authentication auth)
            throws IOException, ServletException {
        Collection<Part> parts = request.getParts();
        if (parts.isEmpty() && request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") == null
                && request.getProtocol().startsWith("HTTP/1")) {
            // HTTP/1.1 reads such a body as empty, and the bytes sent anyway as the next request
            throw new InvalidSubmissionException(411, "Content-Length",
                    "the request has neither Content-Length nor Transfer-Encoding: chunked, so it has no body");
        }
        List<Part> submissionParts = parts.stream().filter(p -> SUBMISSION_PART.equals(p.getName())).toList();
        if (submissionParts.isEmpty()) {
            throw InvalidSubmissionException.badRequest(SUBMISSION_PART,
                    "the multipart request has no part named 'submission' holding the submission JSON");
        }
        if (submissionParts.size() > 1) {
            throw InvalidSubmissionException.badRequest(SUBMISSION_PART, "the request has " + submissionParts.size()
                    + " parts named 'submission'; send the submission JSON once");
        }
        Part submissionPart = submissionParts.get(0);
        // Tomcat limits the JSON only when its part has no filename (curl -F submission=@file.json gives one)
        if (submissionPart.getSize() > limits.jsonBytes()) {
            throw new InvalidSubmissionException(413, SUBMISSION_PART, limits.jsonTooLarge());
        }
        String type = submissionPart.getContentType();
        if (type != null && !MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(type))) {
            throw new InvalidSubmissionException(415, SUBMISSION_PART,
                    "the 'submission' part must be application/json, not " + type);
        }
        SubmissionRequest body = parse(submissionPart);
        List<IncomingFile> files = new ArrayList<>();
        for (Part p : parts) {
            if (SUBMISSION_PART.equals(p.getName())) {
                continue;
            }
            if (p.getSubmittedFileName() == null) {
                throw InvalidSubmissionException.badRequest("part:" + p.getName(),
                        "part '" + p.getName() + "' is not a file (it has no filename)");
            }
            files.add(new IncomingFile(p.getSubmittedFileName(), p.getContentType(), p::getInputStream));
        }
        Submission s = intake.accept(body, files, "api:" + auth.getName(), auth.getName());
        return ResponseEntity.created(URI.create("/api/submissions/" + s.id()))
                .body(Map.of("id", s.id(), "aggregatedDepositStatus", s.status()));
    }

    private SubmissionRequest parse(Part part) throws IOException {
        try (var in = part.getInputStream()) {
            SubmissionRequest r = json.readValue(in, SubmissionRequest.class);
            if (r == null) {
                throw InvalidSubmissionException.badRequest(SUBMISSION_PART, "the submission JSON is empty");
            }
            return r;
        } catch (InvalidFormatException e) {
            String path = JsonPaths.of(e.getPath());
            throw InvalidSubmissionException.badRequest(path.isEmpty() ? SUBMISSION_PART : path, "invalid submission JSON"
                    + (path.isEmpty() ? "" : " at " + path) + ": " + (e.getTargetType() == String.class
                    ? "expected a string (text in quotes), not " + e.getValue() : e.getOriginalMessage()));
        } catch (DatabindException e) {
            String path = JsonPaths.of(e.getPath());
            throw InvalidSubmissionException.badRequest(path.isEmpty() ? SUBMISSION_PART : path,
                    "invalid submission JSON" + (path.isEmpty() ? "" : " at " + path) + ": " + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw InvalidSubmissionException.badRequest(SUBMISSION_PART, "malformed submission JSON: "
                    + e.getOriginalMessage() + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
    }

    @GetMapping("/api/submissions/{id}")
    public ResponseEntity<SubmissionView> get(@PathVariable String id, Authentication auth) {
        return store.findSubmission(id).filter(s -> visible(s.id(), auth))
                .map(s -> ResponseEntity.ok(SubmissionView.of(s, store.findDepositsOfSubmission(id))))
                .orElseThrow(() -> new NotFoundException("submission " + id + " does not exist"));
    }

    @GetMapping("/api/deposits/{id}")
    public SubmissionView.DepositView deposit(@PathVariable String id, Authentication auth) {
        return store.findDeposit(id).filter(d -> visible(d.submissionId(), auth)).map(SubmissionView::deposit)
                .orElseThrow(() -> new NotFoundException("deposit " + id + " does not exist"));
    }

    @GetMapping("/api/deposits/{id}/history")
    public List<org.depositservices.store.StatusEvent> history(@PathVariable String id, Authentication auth) {
        String submission = store.findDeposit(id).map(d -> d.submissionId())
                .orElseGet(() -> store.findSubmission(id).map(Submission::id).orElse(null));
        if (submission == null || !visible(submission, auth)) {
            throw new NotFoundException(id + " is neither a deposit nor a submission");
        }
        return store.history(id);
    }

    @GetMapping("/api/submissions")
    public Map<String, Object> list(@RequestParam(required = false) String status,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "20") int size, Authentication auth) {
        AggregatedDepositStatus st = null;
        if (status != null && !status.isBlank()) {
            try {
                st = AggregatedDepositStatus.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw InvalidSubmissionException.badRequest("status", "unknown status '" + status + "' (one of "
                        + java.util.Arrays.toString(AggregatedDepositStatus.values()) + ")");
            }
        }
        if (page < 0) {
            throw InvalidSubmissionException.badRequest("page", "page must be 0 or more");
        }
        if (size < 1 || size > 500) {
            throw InvalidSubmissionException.badRequest("size", "size must be between 1 and 500");
        }
        Page<Submission> p = store.listSubmissions(st, Callers.listOwner(auth), page, size);
        List<SubmissionView> items = p.items().stream()
                .map(s -> SubmissionView.of(s, store.findDepositsOfSubmission(s.id()))).toList();
        return Map.of("items", items, "page", p.page(), "size", p.size(), "total", p.total());
    }

    private boolean visible(String submissionId, Authentication auth) {
        return Callers.readsAll(auth) || Callers.maySee(auth, store.ownerOf(submissionId).orElse(null));
    }

    @GetMapping("/api/repositories")
    public List<Map<String, Object>> repositories() {
        return repositories.all().stream().map(r -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("repositoryKey", r.key());
            m.put("name", r.name());
            m.put("protocol", r.protocol());
            m.put("specification", r.spec());
            return m;
        }).toList();
    }
}
