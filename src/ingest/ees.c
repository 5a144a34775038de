/* ees.c - the DfE's Explore Education Statistics layout of "Suspensions and permanent
 * exclusions in England" read as the benchmarks kind (ees.h). The published names and the
 * kind's columns they become, one table; what the layout says differently (a level's name,
 * the area's name and codes at each level) in or_ees_cells. */
#include <stdio.h>
#include <string.h>

#include "ingest/ees.h"

/* Each column onroll reads: its published name(s), the benchmarks column it fills (-1: read
 * for the row's level and area only), and whether a file must have it. */
static const struct {
    const char *name, *alt;
    int col;
    bool required;
} cols[EES__N] = {
    [EES_TIME_IDENTIFIER] = {"time_identifier", NULL, -1, false},
    [EES_TIME_PERIOD] = {"time_period", NULL, OR_BM_YEAR, true},
    [EES_GEOGRAPHIC_LEVEL] = {"geographic_level", NULL, OR_BM_LEVEL, true},
    [EES_COUNTRY_CODE] = {"country_code", NULL, -1, false},
    [EES_COUNTRY_NAME] = {"country_name", NULL, -1, false},
    [EES_REGION_CODE] = {"region_code", NULL, -1, false},
    [EES_REGION_NAME] = {"region_name", NULL, OR_BM_REGION_NAME, false},
    [EES_OLD_LA_CODE] = {"old_la_code", NULL, -1, false},
    [EES_NEW_LA_CODE] = {"new_la_code", NULL, -1, false},
    [EES_LA_NAME] = {"la_name", NULL, -1, false},
    [EES_SCHOOL_TYPE] = {"school_type", "education_phase", OR_BM_SCHOOL_TYPE, true},
    [EES_NUM_SCHOOLS] = {"num_schools", NULL, OR_BM_NUM_SCHOOLS, false},
    [EES_HEADCOUNT] = {"headcount", NULL, OR_BM_HEADCOUNT, true},
    [EES_PERM_EXCL] = {"perm_excl", NULL, OR_BM_PERM_EXCL, false},
    [EES_PERM_EXCL_RATE] = {"perm_excl_rate", NULL, OR_BM_PERM_EXCL_RATE, false},
    [EES_SUSPENSION] = {"suspension", NULL, OR_BM_FIXED_EXCL, false},
    [EES_SUSP_RATE] = {"susp_rate", NULL, OR_BM_FIXED_EXCL_RATE, false},
    [EES_ONE_PLUS_SUSP] = {"one_plus_susp", NULL, OR_BM_ONE_PLUS_FIXED, false},
    [EES_ONE_PLUS_SUSP_RATE] = {"one_plus_susp_rate", NULL, OR_BM_ONE_PLUS_RATE, false},
};

bool or_ees_header(const char *const *fields, int n, or_ees_map *map, or_sb *unused, or_sb *why)
{
    for (int c = 0; c < EES__N; c++)
        map->field[c] = -1;
    bool used[256] = {false};
    for (int i = 0; i < n; i++)
        for (int c = 0; c < EES__N; c++)
            if (!strcmp(fields[i], cols[c].name) ||
                (cols[c].alt && !strcmp(fields[i], cols[c].alt))) {
                if (map->field[c] >= 0) {
                    or_sb_addf(why, "column '%s' appears twice in the header (or with '%s')",
                               fields[i], cols[c].alt ? cols[c].alt : cols[c].name);
                    return false;
                }
                map->field[c] = i;
                if (i < 256)
                    used[i] = true;
            }
    if (map->field[EES_TIME_PERIOD] < 0 || map->field[EES_GEOGRAPHIC_LEVEL] < 0)
        return false; /* not this layout */
    for (int c = 0; c < EES__N; c++)
        if (cols[c].required && map->field[c] < 0) {
            or_sb_addf(why,
                       "looks like the DfE's Explore Education Statistics layout (time_period, "
                       "geographic_level) but has no column %s%s%s",
                       cols[c].name, cols[c].alt ? " or " : "", cols[c].alt ? cols[c].alt : "");
            return false;
        }
    for (int i = 0; i < n && i < 256; i++)
        if (!used[i])
            or_sb_addf(unused, "%s%s", unused->len ? ", " : "", fields[i]);
    return true;
}

static const char *field(const or_ees_map *map, const char *const *fields, int n, int c)
{
    int i = map->field[c];
    return i >= 0 && i < n && fields[i] ? fields[i] : "";
}

bool or_ees_cells(const or_ees_map *map, const char *const *fields, int n,
                  const char *cells[OR_BM__N], const char **column, char *msg, size_t size)
{
    for (int c = 0; c < OR_BM__N; c++)
        cells[c] = "";
    for (int c = 0; c < EES__N; c++)
        if (cols[c].col >= 0)
            cells[cols[c].col] = field(map, fields, n, c);
    const char *period = field(map, fields, n, EES_TIME_IDENTIFIER);
    if (*period && strcmp(period, "Academic year")) {
        *column = "time_identifier";
        snprintf(msg, size, "'%s' is not a period onroll compares (Academic year)", period);
        return false;
    }
    /* The area at each level: its name in la_name (the kind's key), its code, its LA code. */
    const char *level = field(map, fields, n, EES_GEOGRAPHIC_LEVEL);
    if (!strcmp(level, "National")) {
        cells[OR_BM_LA_NAME] = field(map, fields, n, EES_COUNTRY_NAME);
        cells[OR_BM_AREA_CODE] = field(map, fields, n, EES_COUNTRY_CODE);
        cells[OR_BM_REGION_NAME] = "";
    } else if (!strcmp(level, "Regional")) {
        cells[OR_BM_LEVEL] = "Region";
        cells[OR_BM_LA_NAME] = field(map, fields, n, EES_REGION_NAME);
        cells[OR_BM_AREA_CODE] = field(map, fields, n, EES_REGION_CODE);
    } else if (!strcmp(level, "Local authority")) {
        cells[OR_BM_LA_NAME] = field(map, fields, n, EES_LA_NAME);
        cells[OR_BM_AREA_CODE] = field(map, fields, n, EES_NEW_LA_CODE);
        cells[OR_BM_LA_CODE] = field(map, fields, n, EES_OLD_LA_CODE);
    } else {
        *column = "geographic_level";
        snprintf(msg, size,
                 "'%s' is not a level onroll compares (National, Regional or Local authority)",
                 level);
        return false;
    }
    if (!*cells[OR_BM_LA_NAME]) {
        *column = !strcmp(level, "National")   ? "country_name"
                  : !strcmp(level, "Regional") ? "region_name"
                                               : "la_name";
        snprintf(msg, size, "is empty: a %s row names its area", level);
        return false;
    }
    return true;
}
