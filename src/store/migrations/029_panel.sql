-- 029_panel: the meetings of the multi-agency panel (hot clinic; issue 17 part 9;
-- include/onroll/panel.h, store_panel.h, docs/panel.md). Referrals, decisions and actions are
-- ledger events (a `referral` to "panel", `referral_update` "discussed" / "panel_action"), not
-- rows here. One meeting per day, keyed by its date (YYYY-MM-DD: its page's address); when its
-- agenda was circulated through the outbox and by whom ('' when not yet). Each write has its
-- audit line in the same transaction.
CREATE TABLE panel_meetings (
    meeting_date TEXT NOT NULL PRIMARY KEY,
    created_by TEXT NOT NULL,
    created_at {{TS}} NOT NULL,
    circulated_at TEXT NOT NULL DEFAULT '',
    circulated_by TEXT NOT NULL DEFAULT ''
);
