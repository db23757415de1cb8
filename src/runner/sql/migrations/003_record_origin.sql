-- Which runner last wrote each record (its lease owner: `host:pid:…`, or `pglite`); null for
-- records that came from elsewhere (a backup from the app). With the events table, the one
-- ordered source of triggers, this is what keeping browsers and runners in step will start
-- from (src/runner/README.md).
ALTER TABLE records ADD COLUMN written_by text;

-- This database's identity as a replica of the workspace, made once.
INSERT INTO meta (key, value)
SELECT 'replica', to_json(md5(random()::text || clock_timestamp()::text))
WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = 'replica');
