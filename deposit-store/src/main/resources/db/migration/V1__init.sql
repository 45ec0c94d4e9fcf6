-- Deposit Services state. Every entity row carries a version: an update names the version it read and fails when
-- another writer got there first (optimistic concurrency; see UpdateConflictException).

CREATE TABLE submission (
    id               TEXT PRIMARY KEY,
    version          BIGINT      NOT NULL,
    status           TEXT        NOT NULL,
    status_message   TEXT,
    needs_attention  BOOLEAN     NOT NULL DEFAULT FALSE,
    repositories     TEXT[]      NOT NULL,
    metadata         JSONB       NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX submission_status_idx ON submission (status, created_at);

CREATE TABLE submission_file (
    submission_id TEXT    NOT NULL REFERENCES submission (id) ON DELETE CASCADE,
    ordinal       INT     NOT NULL,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    description   TEXT,
    mime_type     TEXT,
    size          BIGINT  NOT NULL,
    sha256        TEXT    NOT NULL,
    md5           TEXT    NOT NULL,
    location      TEXT,
    PRIMARY KEY (submission_id, ordinal),
    UNIQUE (submission_id, name)
);

CREATE TABLE deposit (
    id                 TEXT PRIMARY KEY,
    version            BIGINT      NOT NULL,
    submission_id      TEXT        NOT NULL REFERENCES submission (id) ON DELETE CASCADE,
    repository_key     TEXT        NOT NULL,
    status             TEXT,
    status_message     TEXT,
    deposit_status_ref TEXT,
    attempts           INT         NOT NULL DEFAULT 0,
    attempt_token      TEXT,
    next_attempt_at    TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    -- one Deposit per requested repository, whatever number of times a submission message arrives
    UNIQUE (submission_id, repository_key)
);
CREATE INDEX deposit_status_idx ON deposit (status, next_attempt_at);

CREATE TABLE repository_copy (
    id           TEXT PRIMARY KEY,
    version      BIGINT NOT NULL,
    deposit_id   TEXT   NOT NULL UNIQUE REFERENCES deposit (id) ON DELETE CASCADE,
    status       TEXT   NOT NULL,
    access_url   TEXT,
    external_ids TEXT[] NOT NULL
);

-- Written in the same transaction as each change the engine must react to; a relay publishes and marks rows sent.
CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    type        TEXT        NOT NULL,
    resource_id TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    sent_at     TIMESTAMPTZ
);
CREATE INDEX outbox_unsent_idx ON outbox (id) WHERE sent_at IS NULL;

-- Every status change and operator action, so an operator can see how a resource got where it is.
CREATE TABLE status_event (
    id            BIGSERIAL PRIMARY KEY,
    resource_type TEXT        NOT NULL,
    resource_id   TEXT        NOT NULL,
    at            TIMESTAMPTZ NOT NULL,
    actor         TEXT        NOT NULL,
    from_status   TEXT,
    to_status     TEXT,
    message       TEXT
);
CREATE INDEX status_event_resource_idx ON status_event (resource_id, id);
