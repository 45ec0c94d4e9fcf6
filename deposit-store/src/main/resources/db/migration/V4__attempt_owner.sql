-- Who holds a deposit's attempt in flight: the node (stable across its restarts) and that node's incarnation (new at
-- every start). Set by the claim, cleared when the outcome is recorded. A node that starts again finds its earlier
-- incarnations' attempts here (they were interrupted) and takes them up at once; another node's attempt keeps its
-- lease (next_attempt_at), since that node may still be sending it.
ALTER TABLE deposit ADD COLUMN attempt_node TEXT;
ALTER TABLE deposit ADD COLUMN attempt_incarnation TEXT;
CREATE INDEX deposit_attempt_node_idx ON deposit (attempt_node) WHERE attempt_node IS NOT NULL;
-- the reconciliation sweep looks for never-attempted deposits by age
CREATE INDEX deposit_unattempted_idx ON deposit (created_at) WHERE status IS NULL;
