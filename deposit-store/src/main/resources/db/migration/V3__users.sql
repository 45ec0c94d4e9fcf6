-- Users of the API and their personal tokens. Password and token hashes are computed by the application (the
-- store never sees a secret); roles are checked here as well so that a hand-edited row cannot grant a role that the
-- application does not know.

CREATE TABLE users (
    name          TEXT PRIMARY KEY,
    password_hash TEXT        NOT NULL,
    roles         TEXT[]      NOT NULL,
    -- SWORD collections a depositor may deposit into (empty for the other roles)
    collections   TEXT[]      NOT NULL DEFAULT '{}',
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    CHECK (cardinality(roles) > 0),
    CHECK (roles <@ ARRAY['admin', 'submitter', 'depositor', 'viewer']::TEXT[])
);

CREATE TABLE api_token (
    id           TEXT PRIMARY KEY,
    user_name    TEXT        NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    name         TEXT        NOT NULL,
    -- SHA-256 (hex) of the token; the token itself is shown once to its user and kept nowhere
    token_hash   TEXT        NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_token_user_idx ON api_token (user_name, created_at);

-- Who created a submission through the API (a user's name); NULL for submissions made before users existed or by
-- other means. Not a foreign key: removing a user must not rewrite or lose the record of who submitted what.
ALTER TABLE submission ADD COLUMN owner TEXT;
CREATE INDEX submission_owner_idx ON submission (owner, created_at);
