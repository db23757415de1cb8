-- One record event starts each workflow once, by a unique key: the outbox's cursor lock is what
-- keeps runners from consuming an event twice; should anything ever get past it, the second run
-- cannot be written and its transaction (with the cursor's move) is rolled back.
ALTER TABLE runs ADD COLUMN trigger_event_id text;
CREATE UNIQUE INDEX runs_event_workflow ON runs (trigger_event_id, workflow_id) WHERE trigger_event_id IS NOT NULL;
