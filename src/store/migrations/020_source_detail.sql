-- 020_source_detail: what a source says of itself beyond its name: a Common Transfer File's
-- version and supplier ("CTF 25.0 from Synthetic MIS"), shown on the LA's data-sharing view.
ALTER TABLE sources ADD COLUMN detail TEXT;
