-- 004_benchmarks: published DfE figures (England, regions, LAs) imported for comparison in the
-- scrutiny report; kept as published text ("x" suppressed, "." not applicable).
CREATE TABLE benchmarks (
    year INTEGER NOT NULL,
    level TEXT NOT NULL,
    la_name TEXT NOT NULL,
    school_type TEXT NOT NULL,
    num_schools TEXT,
    headcount TEXT,
    perm_excl TEXT,
    perm_excl_rate TEXT,
    fixed_excl TEXT,
    fixed_excl_rate TEXT,
    one_plus_fixed TEXT,
    one_or_more_fixed_excl_rate TEXT,
    src_id BIGINT NOT NULL,
    src_line BIGINT NOT NULL,
    PRIMARY KEY (year, level, la_name, school_type)
);
