/* stats.c - DOMAIN.md §6 statistics (include/onroll/stats.h): exact rates per 100, fixed-point
 * text, risk and rate ratios with 95% confidence intervals, funnel-plot limits, and the text of
 * published cells ("c", "z"). Suppression itself is in suppress.c.
 *
 * Rounding is done in integers: DfE publishes rates to 2 d.p. rounded half away from zero from
 * the exact quotient, and a double cannot hold most x.xx5 ties (1.005 is stored as
 * 1.00499999999999989...), so rounding a double gets some of them wrong. The quotient is found by
 * long division on the magnitudes, one decimal digit at a time, and rounded up when the remainder
 * is at least half the divisor.
 *
 * Sources: the rate, ratio and funnel definitions are DOMAIN.md §6; the log-scale CI of a risk
 * ratio is Katz D, Baptista J, Azen SP, Pike MC (1978), "Obtaining confidence intervals for the
 * risk ratio in cohort studies", Biometrics 34:469-474; the funnel limits are Spiegelhalter DJ
 * (2005), "Funnel plots for comparing institutional performance", Statistics in Medicine
 * 24:1185-1202 (normal approximation to the binomial, 95% and 99.8% limits). Pure: no I/O. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "onroll/stats.h"

/* The largest magnitude or_round_div returns: the two values below it are the rate markers. */
#define ROUND_MAX ((uint64_t)INT64_MAX - 2)

static uint64_t magnitude(int64_t v)
{
    return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

or_code or_round_div(int64_t num, int64_t den, int decimals, int64_t *out, or_error *err)
{
    *out = 0;
    if (den == 0)
        return or_fail(err, OR_EUSAGE, "or_round_div: division of %" PRId64 " by 0", num);
    if (decimals < 0 || decimals > 18)
        return or_fail(err, OR_EUSAGE, "or_round_div: %d decimals (0 to 18)", decimals);
    uint64_t n = magnitude(num), d = magnitude(den);
    if (d > UINT64_MAX / 10)
        return or_fail(err, OR_EUSAGE, "or_round_div: denominator %" PRId64 " is too large", den);
    uint64_t q = n / d, r = n % d;
    if (q > ROUND_MAX)
        goto overflow;
    for (int k = 0; k < decimals; k++) {
        r *= 10; /* r < d <= UINT64_MAX / 10: no overflow */
        uint64_t digit = r / d;
        r %= d;
        if (q > (ROUND_MAX - digit) / 10)
            goto overflow;
        q = q * 10 + digit;
    }
    if (r >= d - r) { /* remainder at least half the divisor: away from zero */
        if (q == ROUND_MAX)
            goto overflow;
        q++;
    }
    *out = (num < 0) != (den < 0) ? -(int64_t)q : (int64_t)q;
    return OR_OK;
overflow:
    return or_fail(err, OR_EUSAGE,
                   "or_round_div: %" PRId64 " / %" PRId64 " at %d decimals does not fit", num, den,
                   decimals);
}

int64_t or_rate_x100(int64_t num, int64_t den)
{
    if (den == 0)
        return OR_RATE_Z;
    if (num < 0 || den < 0)
        return OR_RATE_INVALID;
    int64_t v; /* per 100, in hundredths: num x 10^4 / den */
    if (or_round_div(num, den, 4, &v, NULL) != OR_OK)
        return OR_RATE_INVALID;
    return v;
}

static uint64_t pow10u(int k)
{
    uint64_t p = 1;
    while (k-- > 0)
        p *= 10;
    return p;
}

int or_fixed_format(int64_t v, int decimals, char *buf, size_t size)
{
    if (v == OR_RATE_Z)
        return snprintf(buf, size, "z");
    if (v == OR_RATE_INVALID || decimals < 0 || decimals > 18) {
        if (size > 0)
            buf[0] = '\0';
        return -1;
    }
    uint64_t m = magnitude(v), p = pow10u(decimals);
    const char *sign = v < 0 ? "-" : "";
    if (decimals == 0)
        return snprintf(buf, size, "%s%" PRIu64, sign, m);
    return snprintf(buf, size, "%s%" PRIu64 ".%0*" PRIu64, sign, m / p, decimals, m % p);
}

or_code or_fixed_parse(const char *s, int decimals, int64_t *out, or_error *err)
{
    *out = 0;
    if (decimals < 0 || decimals > 18)
        return or_fail(err, OR_EUSAGE, "or_fixed_parse: %d decimals (0 to 18)", decimals);
    const char *p = s;
    bool neg = *p == '-';
    if (neg)
        p++;
    uint64_t v = 0;
    int idigits = 0, fdigits = 0;
    for (; *p >= '0' && *p <= '9'; p++, idigits++) {
        if (v > (UINT64_MAX - 9) / 10)
            goto bad;
        v = v * 10 + (uint64_t)(*p - '0');
    }
    if (idigits == 0)
        goto bad;
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, fdigits++) {
            if (fdigits >= decimals || v > (UINT64_MAX - 9) / 10)
                goto bad;
            v = v * 10 + (uint64_t)(*p - '0');
        }
    }
    if (*p != '\0')
        goto bad;
    for (; fdigits < decimals; fdigits++) {
        if (v > UINT64_MAX / 10)
            goto bad;
        v *= 10;
    }
    if (v > ROUND_MAX)
        goto bad;
    *out = neg ? -(int64_t)v : (int64_t)v;
    return OR_OK;
bad:
    return or_fail(err, OR_EINPUT, "\"%s\" is not a number with at most %d decimal places", s,
                   decimals);
}

/* The digits after the point of a plain decimal ("0.0793" -> 4, "12" -> 0), or -1 if text
 * is not one. */
static int places_of(const char *text)
{
    const char *p = text;
    size_t whole = strspn(p, "0123456789");
    if (whole == 0)
        return -1;
    p += whole;
    if (*p == '\0')
        return 0;
    if (*p != '.')
        return -1;
    size_t frac = strspn(p + 1, "0123456789");
    return frac > 0 && frac <= 9 && p[1 + frac] == '\0' ? (int)frac : -1;
}

or_code or_rate_recheck(const char *count, const char *headcount, const char *rate, char *out,
                        size_t size, bool *agrees, or_error *err)
{
    *agrees = false;
    if (size)
        out[0] = '\0';
    int rp = places_of(rate ? rate : ""), cp = places_of(count ? count : ""),
        hp = places_of(headcount ? headcount : "");
    if (rp < 0)
        return or_fail(err, OR_EINPUT, "the published rate is '%s', not a number",
                       rate ? rate : "");
    if (cp < 0)
        return or_fail(err, OR_EINPUT, "the count is '%s', not a number", count ? count : "");
    if (hp < 0)
        return or_fail(err, OR_EINPUT, "the headcount is '%s', not a number",
                       headcount ? headcount : "");
    int64_t c, h, published, v;
    if (or_fixed_parse(count, cp, &c, err) || or_fixed_parse(headcount, hp, &h, err) ||
        or_fixed_parse(rate, rp, &published, err))
        return OR_EINPUT;
    if (h == 0)
        return or_fail(err, OR_EINPUT, "the headcount is 0");
    /* count / 10^cp x 100 / (h / 10^hp) = c x 100 x 10^hp / (h x 10^cp) */
    uint64_t num = (uint64_t)c, den = (uint64_t)h;
    for (int k = 0; k < hp + 2; k++) {
        if (num > UINT64_MAX / 10 / 10)
            return or_fail(err, OR_EINPUT, "the count %s is too large to recompute", count);
        num *= 10;
    }
    for (int k = 0; k < cp; k++) {
        if (den > UINT64_MAX / 100)
            return or_fail(err, OR_EINPUT, "the headcount %s is too large to recompute", headcount);
        den *= 10;
    }
    if (num > (uint64_t)INT64_MAX || den > (uint64_t)INT64_MAX ||
        or_round_div((int64_t)num, (int64_t)den, rp, &v, err))
        return or_fail(err, OR_EINPUT, "%s / %s does not fit", count, headcount);
    or_fixed_format(v, rp, out, size);
    *agrees = v == published;
    return OR_OK;
}

/* ---- ratios ---- */

static or_code ratio(int64_t a, int64_t n1, int64_t c, int64_t n2, bool binary, or_ratio *out,
                     or_error *err)
{
    memset(out, 0, sizeof *out);
    const char *what = binary ? "or_risk_ratio" : "or_rate_ratio";
    if (a < 0 || n1 < 0 || c < 0 || n2 < 0)
        return or_fail(err, OR_EUSAGE,
                       "%s: negative count (a %" PRId64 ", n1 %" PRId64 ", c %" PRId64
                       ", n2 %" PRId64 ")",
                       what, a, n1, c, n2);
    if (binary && (a > n1 || c > n2))
        return or_fail(err, OR_EUSAGE,
                       "%s: more pupils with the outcome than pupils (%" PRId64 " of %" PRId64
                       ", %" PRId64 " of %" PRId64 ")",
                       what, a, n1, c, n2);
    if (a == 0 || c == 0 || n1 == 0 || n2 == 0) {
        out->z = true;
        return OR_OK;
    }
    double da = (double)a, dn1 = (double)n1, dc = (double)c, dn2 = (double)n2;
    double rr = (da * dn2) / (dc * dn1);
    /* Katz 1978: var(ln RR) = (1 - p1)/a + (1 - p2)/c = 1/a - 1/n1 + 1/c - 1/n2 for a binary
     * outcome; for Poisson event counts var(ln RR) = 1/a + 1/c. */
    double var = binary ? 1.0 / da - 1.0 / dn1 + 1.0 / dc - 1.0 / dn2 : 1.0 / da + 1.0 / dc;
    if (var < 0) /* a == n1 and c == n2 can leave -0 or a rounding crumb */
        var = 0;
    double half = OR_Z95 * sqrt(var), l = log(rr);
    out->ratio = rr;
    out->lo = exp(l - half);
    out->hi = exp(l + half);
    out->excludes_one = out->lo > 1.0 || out->hi < 1.0;
    return OR_OK;
}

or_code or_risk_ratio(int64_t a, int64_t n1, int64_t c, int64_t n2, or_ratio *out, or_error *err)
{
    return ratio(a, n1, c, n2, true, out, err);
}

or_code or_rate_ratio(int64_t a, int64_t n1, int64_t c, int64_t n2, or_ratio *out, or_error *err)
{
    return ratio(a, n1, c, n2, false, out, err);
}

/* ---- funnel plot ---- */

static double clip01(double v)
{
    return v < 0 ? 0 : v > 1 ? 1 : v;
}

or_code or_funnel_limits(double p, int64_t n, or_funnel *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    if (!(p >= 0 && p <= 1)) /* also rejects NaN */
        return or_fail(err, OR_EUSAGE, "or_funnel_limits: proportion %g is not in [0, 1]", p);
    if (n <= 0)
        return or_fail(err, OR_EUSAGE, "or_funnel_limits: n is %" PRId64, n);
    double se = sqrt(p * (1 - p) / (double)n);
    out->lo95 = clip01(p - OR_Z95 * se);
    out->hi95 = clip01(p + OR_Z95 * se);
    out->lo998 = clip01(p - OR_Z998 * se);
    out->hi998 = clip01(p + OR_Z998 * se);
    return OR_OK;
}

or_code or_funnel_classify(int64_t x, int64_t n, double p, or_funnel_class *out, or_error *err)
{
    *out = OR_FUNNEL_WITHIN;
    if (x < 0 || x > n)
        return or_fail(err, OR_EUSAGE, "or_funnel_classify: %" PRId64 " of %" PRId64, x, n);
    or_funnel f;
    or_code rc = or_funnel_limits(p, n, &f, err);
    if (rc != OR_OK)
        return rc;
    double y = (double)x / (double)n;
    if (y > f.hi998)
        *out = OR_FUNNEL_CONCERN;
    else if (y > f.hi95)
        *out = OR_FUNNEL_WATCH;
    else if (y < f.lo998)
        *out = OR_FUNNEL_VERY_LOW;
    else if (y < f.lo95)
        *out = OR_FUNNEL_LOW;
    return OR_OK;
}

const char *or_funnel_class_name(or_funnel_class c)
{
    switch (c) {
    case OR_FUNNEL_WITHIN:
        return "within";
    case OR_FUNNEL_WATCH:
        return "watch";
    case OR_FUNNEL_CONCERN:
        return "of concern";
    case OR_FUNNEL_LOW:
        return "low";
    case OR_FUNNEL_VERY_LOW:
        return "very low";
    }
    return "?";
}

/* ---- published cells ---- */

int or_cell_count(int64_t count, uint8_t flag, char *buf, size_t size)
{
    if (flag != OR_SUP_NONE)
        return snprintf(buf, size, "c");
    return snprintf(buf, size, "%" PRId64, count);
}

int or_cell_rate(int64_t num, uint8_t num_flag, int64_t den, uint8_t den_flag, char *buf,
                 size_t size)
{
    if (num < 0 || den < 0) {
        if (size > 0)
            buf[0] = '\0';
        return -1;
    }
    if (den == 0)
        return snprintf(buf, size, "z");
    if (num_flag != OR_SUP_NONE || den_flag != OR_SUP_NONE)
        return snprintf(buf, size, "c");
    return or_fixed_format(or_rate_x100(num, den), 2, buf, size);
}
