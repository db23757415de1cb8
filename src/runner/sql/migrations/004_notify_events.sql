-- Runners sharing a server hear of new record events at once (LISTEN localflow_events) instead
-- of at their next look (--poll-ms): whoever writes them — another runner, the runner's import,
-- a sync to come — each statement that adds events sends one notification when it commits.
CREATE FUNCTION localflow_notify_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('localflow_events', '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION localflow_notify_events();
