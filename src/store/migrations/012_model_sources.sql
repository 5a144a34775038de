-- 012_model_sources: the rows each source wrote, found by an index look-up, so that the server's
-- in-memory model replays a new source's rows (include/onroll/live.h) without scanning the
-- tables. Rows are appended with ever larger source ids, so each index grows at its end.
CREATE INDEX pupil_snapshots_src ON pupil_snapshots (src_id);
CREATE INDEX enrolments_src ON enrolments (src_id);
CREATE INDEX events_src ON events (src_id);
