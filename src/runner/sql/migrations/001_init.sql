-- Localflow's workspace on Postgres: the same rows as the browser's IndexedDB tables.
-- Whole rows are kept as `json` (not `jsonb`: that reorders an object's keys, and a record's
-- fields, a step's output and a run's steps keep the order they were written in); the columns
-- beside them are what the engine searches and locks by.

CREATE TABLE objects (
  name text PRIMARY KEY,
  body json NOT NULL
);

CREATE TABLE records (
  id text PRIMARY KEY,
  object text NOT NULL,
  data json NOT NULL,
  created_at double precision NOT NULL,
  updated_at double precision NOT NULL
);
CREATE INDEX records_object_created ON records (object, created_at, id);
CREATE INDEX records_object_updated ON records (object, updated_at, id);

-- The outbox: record changes some active workflow listens to, in commit order.
CREATE TABLE events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body json NOT NULL
);

CREATE TABLE workflows (
  id text PRIMARY KEY,
  body json NOT NULL
);

CREATE TABLE versions (
  id text PRIMARY KEY,
  workflow_id text NOT NULL,
  status text NOT NULL,
  body json NOT NULL
);
CREATE INDEX versions_status ON versions (status);
CREATE INDEX versions_workflow ON versions (workflow_id);

CREATE TABLE runs (
  id text PRIMARY KEY,
  workflow_id text NOT NULL,
  status text NOT NULL,
  created_at double precision NOT NULL,
  body json NOT NULL
);
CREATE INDEX runs_status ON runs (status);
CREATE INDEX runs_workflow ON runs (workflow_id, created_at);

CREATE TABLE run_values (
  id text PRIMARY KEY,
  run_id text NOT NULL,
  value json
);
CREATE INDEX run_values_run ON run_values (run_id);

CREATE TABLE timers (
  id text PRIMARY KEY,
  run_id text NOT NULL,
  due_at double precision NOT NULL,
  body json NOT NULL
);
CREATE INDEX timers_due ON timers (due_at);
CREATE INDEX timers_run ON timers (run_id);

CREATE TABLE mailbox (
  id text PRIMARY KEY,
  at double precision NOT NULL,
  body json NOT NULL
);

CREATE TABLE settings (
  key text PRIMARY KEY,
  body json NOT NULL
);

-- Cursors (`cursor:outbox`), notes (`note:…`) and the workspace's identity.
CREATE TABLE meta (
  key text PRIMARY KEY,
  value json
);
-- The outbox cursor exists from the start: consuming the outbox locks it (FOR UPDATE), and a
-- row two engines would both insert could not be locked before it exists.
INSERT INTO meta (key, value) VALUES ('cursor:outbox', '0');
