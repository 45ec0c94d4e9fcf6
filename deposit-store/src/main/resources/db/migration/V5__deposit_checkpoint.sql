-- What a deposit's transport has created at the target and not yet finished (a DSpace workspace item, an
-- InvenioRDM draft), recorded before it goes on, so the next attempt resumes that object instead of making a second.
-- Written only by the attempt holding the deposit (its token); removed when the deposit reaches SUBMITTED or ACCEPTED.
CREATE TABLE deposit_checkpoint (
    deposit_id    TEXT PRIMARY KEY REFERENCES deposit (id) ON DELETE CASCADE,
    state         TEXT        NOT NULL,
    attempt_token TEXT        NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL
);
