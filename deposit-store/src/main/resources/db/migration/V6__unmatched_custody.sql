-- What a custody feed read and could not use (a NIHMS e-mail that cannot be parsed, or names no package of ours),
-- kept for the operator: the report mode and the console list it. The source says where to find it (the message,
-- and the folder it was moved to). The same source and reason recorded again is one row.
CREATE TABLE unmatched_custody (
    id             BIGSERIAL PRIMARY KEY,
    repository_key TEXT        NOT NULL,
    source         TEXT        NOT NULL,
    reason         TEXT        NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (repository_key, source, reason)
);
