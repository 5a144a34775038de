-- 019_benchmarks_codes: the published figures' area codes, so that the LA's own row and its
-- statistical neighbours are found by code (Explore Education Statistics' old_la_code,
-- new_la_code/region_code/country_code and region_name; the 2006-2017 layout has none).
ALTER TABLE benchmarks ADD COLUMN la_code INTEGER;
ALTER TABLE benchmarks ADD COLUMN area_code TEXT;
ALTER TABLE benchmarks ADD COLUMN region_name TEXT;
