package org.depositservices.engine.intake;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.depositservices.model.AggregatedDepositStatus;
import org.depositservices.model.FileRole;
import org.depositservices.model.Publication;
import org.depositservices.model.Submission;
import org.depositservices.model.SubmissionFile;
import org.depositservices.model.SubmissionRequest;
import org.depositservices.model.Text;
import org.depositservices.store.FileContentStore;
import org.depositservices.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a new submission: checks the request, streams each file into the content store, then stores the
 * submission with a SubmissionReady event in one transaction. A refused request leaves nothing behind: files
 * already stored are removed again.
 */
public final class SubmissionIntake {
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionIntake.class);

    private final StateStore store;
    private final FileContentStore content;
    private final Predicate<String> knownRepository;
    private final long maxFileBytes;

    /**
     * @param knownRepository whether a repositoryKey names a configured repository
     * @param maxFileBytes    the largest file accepted (413 beyond it)
     */
    public SubmissionIntake(StateStore store, FileContentStore content, Predicate<String> knownRepository,
                            long maxFileBytes) {
        this.store = store;
        this.content = content;
        this.knownRepository = knownRepository;
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * @throws InvalidSubmissionException when the request or a file is refused (nothing stored)
     * @throws IOException                when a file cannot be read from the client or written locally
     */
    public Submission accept(SubmissionRequest request, List<IncomingFile> parts, String actor) throws IOException {
        return accept(request, parts, actor, null);
    }

    /**
     * As {@link #accept(SubmissionRequest, List, String)}, recording {@code owner} (the user who submitted, or
     * null) with the submission in the same transaction.
     */
    public Submission accept(SubmissionRequest request, List<IncomingFile> parts, String actor, String owner)
            throws IOException {
        check(request);
        Map<String, IncomingFile> byName = matchParts(request, parts);
        List<String> stored = new ArrayList<>();
        try {
            List<SubmissionFile> files = new ArrayList<>();
            for (int i = 0; i < request.files().size(); i++) {
                SubmissionRequest.FileEntry entry = request.files().get(i);
                IncomingFile part = byName.get(entry.name());
                FileContentStore.StoredContent c;
                try (InputStream in = part.bytes().open()) {
                    c = content.store(in, maxFileBytes);
                } catch (FileContentStore.ContentTooLargeException e) {
                    throw new InvalidSubmissionException(413, "files[" + i + "]",
                            "file '" + entry.name() + "' is larger than the limit of " + maxFileBytes + " bytes");
                }
                stored.add(c.location());
                if (c.size() == 0) {
                    throw InvalidSubmissionException.badRequest("files[" + i + "]",
                            "file '" + entry.name() + "' is empty");
                }
                String mime = Text.isBlank(part.contentType()) ? "application/octet-stream" : part.contentType();
                files.add(new SubmissionFile(entry.name(), entry.role(), entry.description(), mime, c.size(),
                        c.sha256(), c.md5(), c.location(), c.sha512(), c.crc32()));
            }
            Submission s = new Submission(UUID.randomUUID().toString(), 0, AggregatedDepositStatus.NOT_STARTED, null,
                    false, request.repositories(), request.metadata(), files, null, null);
            Submission created = store.createSubmission(s, actor, owner);
            stored.clear();
            return created;
        } finally {
            for (String location : stored) {
                try {
                    content.delete(location);
                } catch (IOException e) {
                    LOG.warn("Could not remove content {} of a refused submission: {}", location, e.getMessage());
                }
            }
        }
    }

    /** The checks that need no bytes: metadata, repositories, file entries. */
    void check(SubmissionRequest r) {
        if (r.repositories().isEmpty()) {
            throw InvalidSubmissionException.badRequest("repositories", "at least one repository is required");
        }
        for (int i = 0; i < r.repositories().size(); i++) {
            String key = r.repositories().get(i);
            if (Text.isBlank(key) || !knownRepository.test(key)) {
                throw InvalidSubmissionException.badRequest("repositories[" + i + "]",
                        "unknown repository '" + key + "' (see GET /api/repositories)");
            }
        }
        if (new HashSet<>(r.repositories()).size() != r.repositories().size()) {
            throw InvalidSubmissionException.badRequest("repositories", "a repository is listed twice");
        }
        Publication p = r.publication();
        if (p == null || Text.isBlank(p.title())) {
            throw InvalidSubmissionException.badRequest("publication.title", "the publication title is required");
        }
        if (r.files().isEmpty()) {
            throw InvalidSubmissionException.badRequest("files", "at least one file is required");
        }
        Set<String> names = new HashSet<>();
        boolean manuscript = false;
        for (int i = 0; i < r.files().size(); i++) {
            SubmissionRequest.FileEntry f = r.files().get(i);
            String field = "files[" + i + "]";
            if (f == null) {
                throw InvalidSubmissionException.badRequest(field, "file entry is null");
            }
            String problem = UploadNames.problem(f.name());
            if (problem != null) {
                throw InvalidSubmissionException.badRequest(field + ".name", problem);
            }
            if (!names.add(f.name())) {
                throw InvalidSubmissionException.badRequest(field + ".name", "file name '" + f.name()
                        + "' is used twice");
            }
            if (f.role() == null) {
                throw InvalidSubmissionException.badRequest(field + ".role",
                        "role is required (manuscript, supplemental, figure or table)");
            }
            manuscript |= f.role() == FileRole.MANUSCRIPT;
        }
        if (!manuscript) {
            throw InvalidSubmissionException.badRequest("files", "a file with role manuscript is required");
        }
    }

    private static Map<String, IncomingFile> matchParts(SubmissionRequest r, List<IncomingFile> parts) {
        Map<String, IncomingFile> byName = new HashMap<>();
        for (IncomingFile part : parts) {
            String problem = UploadNames.problem(part.filename());
            if (problem != null) {
                throw InvalidSubmissionException.badRequest("part:" + part.filename(), problem);
            }
            if (byName.put(part.filename(), part) != null) {
                throw InvalidSubmissionException.badRequest("part:" + part.filename(),
                        "two file parts are named '" + part.filename() + "'");
            }
        }
        Set<String> declared = new HashSet<>();
        for (int i = 0; i < r.files().size(); i++) {
            String name = r.files().get(i).name();
            declared.add(name);
            if (!byName.containsKey(name)) {
                throw InvalidSubmissionException.badRequest("files[" + i + "]",
                        "no file part with filename '" + name + "' was sent");
            }
        }
        for (String name : byName.keySet()) {
            if (!declared.contains(name)) {
                throw InvalidSubmissionException.badRequest("part:" + name,
                        "file part '" + name + "' has no entry in the submission's files");
            }
        }
        return byName;
    }
}
