-- 002_pupil_indexes: one pupil's rows in one index look-up each (the incremental path of the
-- rules engine, and a pupil's page): enrolments and attendance are keyed by la_code first.
CREATE INDEX enrolments_upn ON enrolments (upn);
CREATE INDEX attendance_upn ON attendance (upn);
