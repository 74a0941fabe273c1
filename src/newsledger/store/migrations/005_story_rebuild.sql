-- A story whose members changed is marked for rebuild in the same transaction
-- that changes its members, and unmarked in the transaction that replaces its
-- derived records: a crash in between leaves the mark, and the next run rebuilds.
ALTER TABLE stories ADD COLUMN needs_rebuild INTEGER NOT NULL DEFAULT 1;
CREATE INDEX stories_needs_rebuild ON stories(needs_rebuild);
