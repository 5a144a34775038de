/* test_stats.c - the statistics of DOMAIN.md §6 (stats.h): exact rounding of rates, fixed-point
 * text, risk and rate ratios with 95% CIs, funnel-plot limits and classes, published cell text.
 * Every expected value is worked out by hand in the comments, not taken from the code.
 *
 * Sources:
 *   rates and rounding  DOMAIN.md §6: rate = count / headcount x 100, 2 d.p., half away from
 *                       zero, computed exactly;
 *   risk ratio CI       Katz D, Baptista J, Azen SP, Pike MC (1978), Biometrics 34:469-474:
 *                       exp(ln RR ± 1.96·√(1/a − 1/n1 + 1/c − 1/n2)) (DOMAIN.md §6);
 *   rate ratio CI       exp(ln RR ± 1.96·√(1/a + 1/c)) (Poisson counts; DOMAIN.md §6);
 *   funnel limits       Spiegelhalter DJ (2005), "Funnel plots for comparing institutional
 *                       performance", Stat Med 24:1185-1202: p ± z·√(p(1−p)/n), z = 1.96 and
 *                       3.09, clipped to [0, 1] (DOMAIN.md §6). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/stats.h"

/* ---- or_round_div: num x 10^decimals / den, half away from zero ---- */

typedef struct {
    int64_t num, den;
    int decimals;
    or_code rc;
    int64_t want;
    const char *why;
} round_case;

static const round_case round_cases[] = {
    {1, 8, 2, OR_OK, 13, "1/8 = 0.125, a tie: up to 0.13"},
    {-1, 8, 2, OR_OK, -13, "-0.125: away from zero, -0.13"},
    {1, -8, 2, OR_OK, -13, "sign of the denominator counts too"},
    {3, 8, 2, OR_OK, 38, "0.375 -> 0.38"},
    {1, 16, 4, OR_OK, 625, "1/16 = 0.0625 exactly at 4 d.p."},
    {1, 16, 3, OR_OK, 63, "0.0625 at 3 d.p.: tie 62.5 -> 63"},
    {2, 3, 2, OR_OK, 67, "0.666... -> 0.67"},
    {1, 3, 2, OR_OK, 33, "0.333... -> 0.33"},
    {201, 20000, 4, OR_OK, 101, "0.01005 at 4 d.p. is 100.5 -> 101 (0.0101)"},
    {5, 10, 0, OR_OK, 1, "0.5 -> 1"},
    {-5, 10, 0, OR_OK, -1, "-0.5 -> -1"},
    {4, 10, 0, OR_OK, 0, "0.4 -> 0"},
    {0, 7, 2, OR_OK, 0, "0"},
    {0, -7, 2, OR_OK, 0, "0 over a negative: 0, not -0"},
    {1, 1, 18, OR_OK, 1000000000000000000, "10^18 fits"},
    {10, 1, 18, OR_EUSAGE, 0, "10^19 does not fit"},
    {INT64_MAX, 1, 0, OR_EUSAGE, 0, "INT64_MAX itself is reserved (markers)"},
    {INT64_MIN, -1, 0, OR_EUSAGE, 0, "2^63 does not fit"},
    {1, 0, 2, OR_EUSAGE, 0, "division by 0"},
    {1, 3, 19, OR_EUSAGE, 0, "19 decimals"},
    {1, 3, -1, OR_EUSAGE, 0, "-1 decimals"},
    {1, INT64_MAX, 2, OR_EUSAGE, 0, "denominator above 1.8e18"},
};

static void test_round_div(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof round_cases / sizeof round_cases[0]; k++) {
        const round_case *c = &round_cases[k];
        int64_t got = -42;
        or_error err = {0};
        or_code rc = or_round_div(c->num, c->den, c->decimals, &got, &err);
        if (rc != c->rc || got != c->want)
            fail_msg("case %zu (%s): %lld/%lld at %d -> rc %d value %lld, want rc %d value %lld", k,
                     c->why, (long long)c->num, (long long)c->den, c->decimals, (int)rc,
                     (long long)got, (int)c->rc, (long long)c->want);
        if (rc != OR_OK)
            assert_true(err.msg[0] != '\0');
    }
}

/* ---- or_rate_x100: rate per 100 in hundredths ---- */

typedef struct {
    int64_t num, den, want;
    const char *why;
} rate_case;

static const rate_case rate_cases[] = {
    /* England 2016/17 (clean_la_data.csv, README check row), headcount 8,025,075:
     * 381865 / 8025075 = 0.0475839.. -> 4.758.. -> 4.76 (published 4.76);
     * 7720 / 8025075 = 0.000961986.. -> 0.0962 -> 0.10 (published "0.1");
     * 183475 / 8025075 = 0.0228627.. -> 2.286.. -> 2.29 (published 2.29). */
    {381865, 8025075, 476, "England suspensions 2016/17"},
    {7720, 8025075, 10, "England permanent 2016/17"},
    {183475, 8025075, 229, "England one-plus 2016/17"},
    /* Birmingham 2016/17, headcount 198,136: 256 -> 0.1292.. -> 0.13; 8503 -> 4.2915.. -> 4.29;
     * 5166 -> 2.6073.. -> 2.61 (published 0.13, 4.29, 2.61). */
    {256, 198136, 13, "Birmingham permanent"},
    {8503, 198136, 429, "Birmingham suspensions"},
    {5166, 198136, 261, "Birmingham one-plus"},
    /* Real ties in the DfE file: Lambeth 2013/14 special schools, 70 suspensions over 448
     * pupils: 70 / 448 = 0.15625 exactly -> 15.625 -> 15.63 (published 15.63; half-even would
     * give 15.62). Tower Hamlets 2006/07 special, 10 of 320 pupils: 3.125 -> 3.13. */
    {70, 448, 1563, "Lambeth 2013/14 special: 15.625 -> 15.63"},
    {10, 320, 313, "Tower Hamlets 2006/07 special: 3.125 -> 3.13"},
    {1, 8, 1250, "1/8 x 100 = 12.5 exactly: 12.50"},
    {1, 16, 625, "1/16 x 100 = 6.25 exactly"},
    {2, 3, 6667, "66.666.. -> 66.67"},
    {1, 3, 3333, "33.333.. -> 33.33"},
    /* The floating-point trap: 201 / 20000 x 100 = 1.005 exactly, a tie at 2 d.p., so 1.01. As a
     * double it is 1.00499999999999989.. and rounds to 1.00 (test_double_trap shows it). */
    {201, 20000, 101, "1.005 exactly -> 1.01"},
    {1, 20000, 1, "0.005 exactly -> 0.01 (a tie, away from zero)"},
    {1, 200000, 0, "0.0005 -> 0.00"},
    {3, 40000, 1, "0.0075 -> 0.01"},
    {15, 10, 15000, "suspensions can exceed pupils: 150.00"},
    {0, 30, 0, "no exclusions: 0.00"},
    {0, 0, OR_RATE_Z, "no pupils: z"},
    {5, 0, OR_RATE_Z, "counts but no headcount (DfE 2008/09 new LAs): z"},
    {-1, 10, OR_RATE_INVALID, "negative count"},
    {1, -10, OR_RATE_INVALID, "negative headcount"},
    {INT64_MAX, 1, OR_RATE_INVALID, "too large"},
};

static void test_rate_x100(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof rate_cases / sizeof rate_cases[0]; k++) {
        const rate_case *c = &rate_cases[k];
        int64_t got = or_rate_x100(c->num, c->den);
        if (got != c->want)
            fail_msg("case %zu (%s): %lld/%lld -> %lld, want %lld", k, c->why, (long long)c->num,
                     (long long)c->den, (long long)got, (long long)c->want);
    }
}

/* Why the rounding is done in integers: the same tie through a double comes out 1.00. */
static void test_double_trap(void **state)
{
    (void)state;
    char buf[32];
    double d = 201.0 / 20000.0 * 100.0; /* 1.005 is not representable: 1.00499999999999989.. */
    snprintf(buf, sizeof buf, "%.2f", d);
    assert_string_equal(buf, "1.00");
    assert_int_equal((long long)floor(d * 100.0 + 0.5), 100); /* round(x*100)/100 fails too */
    or_fixed_format(or_rate_x100(201, 20000), 2, buf, sizeof buf);
    assert_string_equal(buf, "1.01");
}

/* ---- or_fixed_format / or_fixed_parse ---- */

typedef struct {
    int64_t v;
    int decimals;
    const char *want;
    int len;
} fmt_case;

static const fmt_case fmt_cases[] = {
    {476, 2, "4.76", 4},    {10, 2, "0.10", 4}, /* onroll writes fixed 2 d.p., DfE wrote "0.1" */
    {0, 2, "0.00", 4},      {-5, 2, "-0.05", 5},
    {101, 2, "1.01", 4},    {15000, 2, "150.00", 6},
    {7, 0, "7", 1},         {12345, 3, "12.345", 6},
    {OR_RATE_Z, 2, "z", 1}, {OR_RATE_INVALID, 2, "", -1},
    {5, 19, "", -1},
};

static void test_fixed_format(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof fmt_cases / sizeof fmt_cases[0]; k++) {
        char buf[OR_FIXED_STRLEN];
        int n = or_fixed_format(fmt_cases[k].v, fmt_cases[k].decimals, buf, sizeof buf);
        assert_string_equal(buf, fmt_cases[k].want);
        assert_int_equal(n, fmt_cases[k].len);
    }
    char big[OR_FIXED_STRLEN];
    assert_int_equal(or_fixed_format(INT64_MIN + 2, 18, big, sizeof big), 21);
    assert_string_equal(big, "-9.223372036854775806");
    char small[3]; /* snprintf's contract: truncated, terminated, full length returned */
    assert_int_equal(or_fixed_format(476, 2, small, sizeof small), 4);
    assert_string_equal(small, "4.");
}

typedef struct {
    const char *s;
    or_code rc;
    int64_t want;
} parse_case;

static const parse_case parse_cases[] = {
    {"4.76", OR_OK, 476},    {"0.1", OR_OK, 10},
    {"0.10", OR_OK, 10},     {"2.6", OR_OK, 260},
    {"12.", OR_OK, 1200},    {"-0.05", OR_OK, -5},
    {"7", OR_OK, 700},       {"0", OR_OK, 0},
    {"x", OR_EINPUT, 0},     {".", OR_EINPUT, 0},
    {"z", OR_EINPUT, 0},     {"", OR_EINPUT, 0},
    {"-", OR_EINPUT, 0},     {".5", OR_EINPUT, 0},
    {"1.234", OR_EINPUT, 0}, {"1e3", OR_EINPUT, 0},
    {" 1", OR_EINPUT, 0},    {"1 ", OR_EINPUT, 0},
    {"1.2.3", OR_EINPUT, 0}, {"99999999999999999999", OR_EINPUT, 0},
};

static void test_fixed_parse(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof parse_cases / sizeof parse_cases[0]; k++) {
        int64_t got = -42;
        or_code rc = or_fixed_parse(parse_cases[k].s, 2, &got, NULL);
        if (rc != parse_cases[k].rc || got != parse_cases[k].want)
            fail_msg("\"%s\": rc %d value %lld", parse_cases[k].s, (int)rc, (long long)got);
    }
}

/* ---- risk and rate ratios ---- */

typedef struct {
    bool rate; /* rate ratio, else risk ratio */
    int64_t a, n1, c, n2;
    or_code rc;
    bool z;
    double ratio, lo, hi; /* to 4 d.p.; checked within 0.0005 */
    bool excludes_one;
} ratio_case;

static const ratio_case ratio_cases[] = {
    /* Risk: 30 of 200 pupils vs 100 of 2000. RR = 0.15 / 0.05 = 3.
     * var = 1/30 − 1/200 + 1/100 − 1/2000 = 0.033333 − 0.005 + 0.01 − 0.0005 = 0.037833;
     * SE = √0.037833 = 0.194508; 1.96 SE = 0.381236; ln 3 = 1.098612;
     * lo = e^(0.717376) = 2.0491; hi = e^(1.479848) = 4.3923. Excludes 1. */
    {false, 30, 200, 100, 2000, OR_OK, false, 3.0, 2.0491, 4.3923, true},
    /* Risk: 6 of 100 vs 50 of 1000. RR = 0.06 / 0.05 = 1.2.
     * var = 1/6 − 1/100 + 1/50 − 1/1000 = 0.166667 − 0.01 + 0.02 − 0.001 = 0.175667;
     * SE = 0.419126; 1.96 SE = 0.821487; ln 1.2 = 0.182322;
     * lo = e^(−0.639165) = 0.5277; hi = e^(1.003809) = 2.7287. Includes 1. */
    {false, 6, 100, 50, 1000, OR_OK, false, 1.2, 0.5277, 2.7287, false},
    /* Risk: 5 of 1000 vs 50 of 1000. RR = 0.1.
     * var = 1/5 − 1/1000 + 1/50 − 1/1000 = 0.2 − 0.001 + 0.02 − 0.001 = 0.218;
     * SE = 0.466905; 1.96 SE = 0.915133; ln 0.1 = −2.302585;
     * lo = e^(−3.217718) = 0.0400; hi = e^(−1.387452) = 0.2497. Excludes 1 (below). */
    {false, 5, 1000, 50, 1000, OR_OK, false, 0.1, 0.0400, 0.2497, true},
    /* Everyone in both groups: RR 1, var = 1/10 − 1/10 + 1/5 − 1/5 = 0, CI [1, 1]. */
    {false, 10, 10, 5, 5, OR_OK, false, 1.0, 1.0, 1.0, false},
    /* a = 0 or c = 0: no ratio (DOMAIN.md §6), z. Empty groups likewise. */
    {false, 0, 200, 100, 2000, OR_OK, true, 0, 0, 0, false},
    {false, 30, 200, 0, 2000, OR_OK, true, 0, 0, 0, false},
    {false, 0, 0, 100, 2000, OR_OK, true, 0, 0, 0, false},
    /* Misuse: more pupils with the outcome than pupils; negative counts. */
    {false, 201, 200, 100, 2000, OR_EUSAGE, false, 0, 0, 0, false},
    {false, -1, 200, 100, 2000, OR_EUSAGE, false, 0, 0, 0, false},
    /* Rate: 60 suspensions over 200 pupils vs 150 over 2000. RR = 0.3 / 0.075 = 4.
     * var = 1/60 + 1/150 = 0.016667 + 0.006667 = 0.023333; SE = 0.152753;
     * 1.96 SE = 0.299395; ln 4 = 1.386294; lo = e^(1.086899) = 2.9651;
     * hi = e^(1.685689) = 5.3962. */
    {true, 60, 200, 150, 2000, OR_OK, false, 4.0, 2.9651, 5.3962, true},
    /* Rate: 3 over 10 vs 3 over 10. RR 1; var = 1/3 + 1/3 = 0.666667; SE = 0.816497;
     * 1.96 SE = 1.600333; lo = e^(−1.600333) = 0.2018; hi = e^(1.600333) = 4.9547. */
    {true, 3, 10, 3, 10, OR_OK, false, 1.0, 0.2018, 4.9547, false},
    /* Rate with more events than pupils: 250 over 100 vs 400 over 1000. RR = 2.5 / 0.4 = 6.25;
     * var = 1/250 + 1/400 = 0.004 + 0.0025 = 0.0065; SE = 0.080623; 1.96 SE = 0.158020;
     * ln 6.25 = 1.832581; lo = e^(1.674561) = 5.3365; hi = e^(1.990601) = 7.3199. */
    {true, 250, 100, 400, 1000, OR_OK, false, 6.25, 5.3365, 7.3199, true},
    {true, 0, 100, 400, 1000, OR_OK, true, 0, 0, 0, false},
    {true, 5, 100, -1, 1000, OR_EUSAGE, false, 0, 0, 0, false},
};

static void test_ratios(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof ratio_cases / sizeof ratio_cases[0]; k++) {
        const ratio_case *c = &ratio_cases[k];
        or_ratio r;
        or_error err = {0};
        or_code rc = c->rate ? or_rate_ratio(c->a, c->n1, c->c, c->n2, &r, &err)
                             : or_risk_ratio(c->a, c->n1, c->c, c->n2, &r, &err);
        if (rc != c->rc)
            fail_msg("case %zu: rc %d (%s), want %d", k, (int)rc, err.msg, (int)c->rc);
        if (rc != OR_OK)
            continue;
        if (r.z != c->z || r.excludes_one != c->excludes_one || fabs(r.ratio - c->ratio) > 0.0005 ||
            fabs(r.lo - c->lo) > 0.0005 || fabs(r.hi - c->hi) > 0.0005)
            fail_msg("case %zu: z %d ratio %.4f (%.4f, %.4f) excl %d; want z %d %.4f (%.4f, "
                     "%.4f) excl %d",
                     k, r.z, r.ratio, r.lo, r.hi, r.excludes_one, c->z, c->ratio, c->lo, c->hi,
                     c->excludes_one);
    }
}

/* ---- funnel limits ---- */

typedef struct {
    double p;
    int64_t n;
    or_code rc;
    double lo95, hi95, lo998, hi998; /* to 6 d.p.; checked within 0.0000005 */
} funnel_case;

static const funnel_case funnel_cases[] = {
    /* p = 0.05, n = 100: p(1−p)/n = 0.0475 / 100 = 0.000475; SE = √0.000475 = 0.0217945;
     * 1.96 SE = 0.0427172 -> [0.0072828, 0.0927172];
     * 3.09 SE = 0.0673450 -> [−0.0173450 clipped to 0, 0.1173450]. */
    {0.05, 100, OR_OK, 0.0072828, 0.0927172, 0.0, 0.1173450},
    /* p = 0.05, n = 1000: 0.0475 / 1000 = 0.0000475; SE = 0.00689202;
     * 1.96 SE = 0.0135084 -> [0.0364916, 0.0635084];
     * 3.09 SE = 0.0212964 -> [0.0287036, 0.0712964]. */
    {0.05, 1000, OR_OK, 0.0364916, 0.0635084, 0.0287036, 0.0712964},
    /* p = 0.5, n = 4: SE = √(0.25/4) = 0.25; 1.96 SE = 0.49 -> [0.01, 0.99];
     * 3.09 SE = 0.7725 -> [−0.2725, 1.2725] clipped to [0, 1]. */
    {0.5, 4, OR_OK, 0.01, 0.99, 0.0, 1.0},
    /* p = 0 or 1: SE 0, every limit at p. */
    {0.0, 50, OR_OK, 0.0, 0.0, 0.0, 0.0},
    {1.0, 50, OR_OK, 1.0, 1.0, 1.0, 1.0},
    {-0.1, 50, OR_EUSAGE, 0, 0, 0, 0},
    {1.1, 50, OR_EUSAGE, 0, 0, 0, 0},
    {NAN, 50, OR_EUSAGE, 0, 0, 0, 0},
    {0.05, 0, OR_EUSAGE, 0, 0, 0, 0},
};

static void test_funnel_limits(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof funnel_cases / sizeof funnel_cases[0]; k++) {
        const funnel_case *c = &funnel_cases[k];
        or_funnel f;
        or_code rc = or_funnel_limits(c->p, c->n, &f, NULL);
        assert_int_equal(rc, c->rc);
        if (rc != OR_OK)
            continue;
        const double e = 0.0000005;
        if (fabs(f.lo95 - c->lo95) > e || fabs(f.hi95 - c->hi95) > e ||
            fabs(f.lo998 - c->lo998) > e || fabs(f.hi998 - c->hi998) > e)
            fail_msg("case %zu: [%.7f, %.7f] [%.7f, %.7f]", k, f.lo95, f.hi95, f.lo998, f.hi998);
    }
}

typedef struct {
    int64_t x, n;
    double p;
    or_code rc;
    or_funnel_class want;
} class_case;

static const class_case class_cases[] = {
    /* n = 100 at p = 0.05: 95% [0.0072828, 0.0927172], 99.8% [0, 0.1173450] (above). */
    {9, 100, 0.05, OR_OK, OR_FUNNEL_WITHIN},   /* 0.09 <= 0.0927 */
    {10, 100, 0.05, OR_OK, OR_FUNNEL_WATCH},   /* 0.10 > 0.0927, <= 0.1173 */
    {11, 100, 0.05, OR_OK, OR_FUNNEL_WATCH},   /* 0.11 */
    {12, 100, 0.05, OR_OK, OR_FUNNEL_CONCERN}, /* 0.12 > 0.1173 */
    {1, 100, 0.05, OR_OK, OR_FUNNEL_WITHIN},   /* 0.01 >= 0.0073 */
    {0, 100, 0.05, OR_OK, OR_FUNNEL_LOW},      /* 0 < 0.0073, not below the clipped 0 */
    /* n = 1000: 95% [0.0364916, 0.0635084], 99.8% [0.0287036, 0.0712964]. */
    {63, 1000, 0.05, OR_OK, OR_FUNNEL_WITHIN},   /* 0.063 */
    {64, 1000, 0.05, OR_OK, OR_FUNNEL_WATCH},    /* 0.064 */
    {71, 1000, 0.05, OR_OK, OR_FUNNEL_WATCH},    /* 0.071 <= 0.0713 */
    {72, 1000, 0.05, OR_OK, OR_FUNNEL_CONCERN},  /* 0.072 */
    {37, 1000, 0.05, OR_OK, OR_FUNNEL_WITHIN},   /* 0.037 >= 0.0365 */
    {36, 1000, 0.05, OR_OK, OR_FUNNEL_LOW},      /* 0.036 */
    {29, 1000, 0.05, OR_OK, OR_FUNNEL_LOW},      /* 0.029 >= 0.0287 */
    {28, 1000, 0.05, OR_OK, OR_FUNNEL_VERY_LOW}, /* 0.028 */
    /* p = 0.5, n = 4: 95% [0.01, 0.99], 99.8% clipped to [0, 1]: a proportion of 1 is above
     * 0.99 but not above the clipped 1, so "watch" is the most a school of 4 can get. */
    {4, 4, 0.5, OR_OK, OR_FUNNEL_WATCH},
    {0, 4, 0.5, OR_OK, OR_FUNNEL_LOW},
    /* p = 0: every limit is 0; 0 sits on them (within), any pupil is above them. */
    {0, 50, 0.0, OR_OK, OR_FUNNEL_WITHIN},
    {1, 50, 0.0, OR_OK, OR_FUNNEL_CONCERN},
    {51, 50, 0.05, OR_EUSAGE, OR_FUNNEL_WITHIN},
    {-1, 50, 0.05, OR_EUSAGE, OR_FUNNEL_WITHIN},
    {0, 0, 0.05, OR_EUSAGE, OR_FUNNEL_WITHIN},
    {1, 50, 2.0, OR_EUSAGE, OR_FUNNEL_WITHIN},
};

static void test_funnel_classify(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof class_cases / sizeof class_cases[0]; k++) {
        const class_case *c = &class_cases[k];
        or_funnel_class got = OR_FUNNEL_VERY_LOW;
        or_code rc = or_funnel_classify(c->x, c->n, c->p, &got, NULL);
        if (rc != c->rc || got != c->want)
            fail_msg("case %zu: %lld of %lld at p %g -> rc %d %s, want %s", k, (long long)c->x,
                     (long long)c->n, c->p, (int)rc, or_funnel_class_name(got),
                     or_funnel_class_name(c->want));
    }
    assert_string_equal(or_funnel_class_name(OR_FUNNEL_CONCERN), "of concern");
    assert_string_equal(or_funnel_class_name(OR_FUNNEL_WATCH), "watch");
    assert_string_equal(or_funnel_class_name(OR_FUNNEL_WITHIN), "within");
}

/* ---- published cell text ---- */

static void test_cells(void **state)
{
    (void)state;
    char b[OR_FIXED_STRLEN];
    or_cell_count(5, OR_SUP_NONE, b, sizeof b);
    assert_string_equal(b, "5");
    or_cell_count(0, OR_SUP_NONE, b, sizeof b);
    assert_string_equal(b, "0"); /* zero is shown as 0 */
    or_cell_count(1, OR_SUP_PRIMARY, b, sizeof b);
    assert_string_equal(b, "c");
    or_cell_count(40, OR_SUP_SECONDARY, b, sizeof b);
    assert_string_equal(b, "c");
    or_cell_rate(7720, OR_SUP_NONE, 8025075, OR_SUP_NONE, b, sizeof b);
    assert_string_equal(b, "0.10");
    or_cell_rate(1, OR_SUP_PRIMARY, 100, OR_SUP_NONE, b, sizeof b);
    assert_string_equal(b, "c"); /* a rate built on a suppressed count */
    or_cell_rate(40, OR_SUP_SECONDARY, 100, OR_SUP_NONE, b, sizeof b);
    assert_string_equal(b, "c");
    or_cell_rate(4, OR_SUP_NONE, 2, OR_SUP_PRIMARY, b, sizeof b);
    assert_string_equal(b, "c"); /* suppressed denominator */
    or_cell_rate(0, OR_SUP_NONE, 0, OR_SUP_NONE, b, sizeof b);
    assert_string_equal(b, "z");
    or_cell_rate(1, OR_SUP_PRIMARY, 0, OR_SUP_NONE, b, sizeof b);
    assert_string_equal(b, "z"); /* as DfE: count "x", rate "." when the headcount is 0 */
    assert_int_equal(or_cell_rate(-1, OR_SUP_NONE, 10, OR_SUP_NONE, b, sizeof b), -1);
    assert_string_equal(b, "");
}

/* or_rate_recheck: a published rate against its counts, at the published places (DOMAIN.md
 * §6: count / headcount x 100, half away from zero, exact). Worked by hand:
 *  - England 2022/23 special: 121 / 152,578 x 100 = 0.07930...: "0.0793" at 4 places, agrees;
 *  - England 2022/23 Total: 9,376 / 8,430,600 x 100 = 0.111213...: "0.11121" at 5 places;
 *  - East Midlands 2009/10 secondary (a count with decimals, EES README): 56,507.9 / 295,443
 *    = 0.1912649...: "0.19126", not the published 0.19127;
 *  - 1 / 8 x 100 = 12.5 exactly: "12.5" at 1 place; at 0 places the tie goes away from zero:
 *    "13" (so a published "12" disagrees);
 *  - 5 / 200 x 100 = 2.5: "2.50" at 2 places, agrees with "2.50". */
static void test_rate_recheck(void **state)
{
    (void)state;
    static const struct {
        const char *count, *head, *rate, *want;
        bool agrees;
    } cases[] = {
        {"121", "152578", "0.0793", "0.0793", true},
        {"9376", "8430600", "0.11121", "0.11121", true},
        {"565.079", "295443", "0.19127", "0.19126", false},
        {"1", "8", "12.5", "12.5", true},
        {"1", "8", "13", "13", true},
        {"1", "8", "12", "13", false},
        {"5", "200", "2.50", "2.50", true},
        {"0", "200", "0", "0", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[32];
        bool agrees = !cases[i].agrees;
        or_error e = {0};
        assert_int_equal(or_rate_recheck(cases[i].count, cases[i].head, cases[i].rate, out,
                                         sizeof out, &agrees, &e),
                         OR_OK);
        assert_string_equal(out, cases[i].want);
        assert_int_equal(agrees, cases[i].agrees);
    }
    /* nothing to recompute: DfE's symbols, an empty cell, a headcount of 0 */
    static const char *const bad[][3] = {
        {"c", "100", "c"}, {"5", "100", "x"}, {"5", "100", "low"}, {"5", "0", "1"},
        {"", "100", "1"},  {"5", ":", "1"},   {"-5", "100", "1"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char out[32] = "?";
        bool agrees = true;
        or_error e = {0};
        assert_int_equal(
            or_rate_recheck(bad[i][0], bad[i][1], bad[i][2], out, sizeof out, &agrees, &e),
            OR_EINPUT);
        assert_false(agrees);
        assert_string_equal(out, "");
        assert_true(e.msg[0] != '\0');
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_div),     cmocka_unit_test(test_rate_x100),
        cmocka_unit_test(test_double_trap),   cmocka_unit_test(test_fixed_format),
        cmocka_unit_test(test_fixed_parse),   cmocka_unit_test(test_ratios),
        cmocka_unit_test(test_funnel_limits), cmocka_unit_test(test_funnel_classify),
        cmocka_unit_test(test_cells),         cmocka_unit_test(test_rate_recheck),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
