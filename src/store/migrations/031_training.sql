-- 031_training: staff training against need (issue 18 part 6; include/onroll/training.h,
-- store_training.h): one row per course a school records on /schools/URN/training, with the
-- area of need it addresses, its level and the staff it was for (codes of training.h's
-- vocabularies), the day it was held and how many staff took it. Each row has its audit line
-- in the same transaction.
CREATE TABLE staff_training (
    id {{ID}},
    urn INTEGER NOT NULL,
    course TEXT NOT NULL,
    area TEXT NOT NULL,
    level TEXT NOT NULL,
    role TEXT NOT NULL,
    held_on {{DATE}} NOT NULL,
    staff INTEGER NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at {{TS}} NOT NULL
);
CREATE INDEX staff_training_urn ON staff_training (urn, held_on);
