-- 033_instrument_versions: the LA's own versions of self-evaluation instruments (issue 18
-- part 1; include/onroll/instruments.h, instrument_json.h, store_instruments.h). The seeds are
-- compiled in (src/core/instruments_data.c); a version the LA makes, from scratch, as a copy or
-- by editing, is one row here: its definition as JSON (or_instrument_to_json), never changed
-- once written, so a review keeps the version it was started on. version is the next after
-- every version of that id, seeds included. Each row has its audit line in the same
-- transaction.
CREATE TABLE instrument_versions (
    instrument TEXT NOT NULL,
    version INTEGER NOT NULL,
    definition TEXT NOT NULL,
    made_by TEXT NOT NULL,
    made_at {{TS}} NOT NULL,
    PRIMARY KEY (instrument, version)
);
