/* demo_rng.c - the synthetic LA's own random numbers: xoshiro256** (Blackman and Vigna) seeded
 * through splitmix64, and the few distributions the generator draws from. Never rand(), never
 * the clock: the same seed always gives the same numbers. */
#include <math.h>

#include "demo/demo_internal.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void dm_rng_seed(dm_rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * 0xd1342543de82ef95ULL);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t dm_next(dm_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double dm_unif(dm_rng *r)
{
    return (double)(dm_next(r) >> 11) * 0x1.0p-53;
}

int dm_below(dm_rng *r, int n)
{
    if (n <= 0)
        return 0;
    return (int)(((dm_next(r) >> 32) * (uint64_t)n) >> 32);
}

int dm_range(dm_rng *r, int lo, int hi)
{
    return hi <= lo ? lo : lo + dm_below(r, hi - lo + 1);
}

bool dm_chance(dm_rng *r, double p)
{
    return dm_unif(r) < p;
}

double dm_normal(dm_rng *r)
{
    /* Box-Muller; 1 - u keeps the logarithm finite */
    double u = 1.0 - dm_unif(r), v = dm_unif(r);
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* Marsaglia and Tsang; shape < 1 through Gamma(shape + 1) * U^(1 / shape). */
double dm_gamma(dm_rng *r, double shape)
{
    if (shape < 1.0) {
        double u = 1.0 - dm_unif(r);
        return dm_gamma(r, shape + 1.0) * pow(u, 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0, c = 1.0 / sqrt(9.0 * d);
    for (;;) {
        double x = dm_normal(r), v = 1.0 + c * x;
        if (v <= 0)
            continue;
        v = v * v * v;
        double u = 1.0 - dm_unif(r);
        if (log(u) < 0.5 * x * x + d - d * v + d * log(v))
            return d * v;
    }
}

int dm_poisson(dm_rng *r, double mean)
{
    if (mean <= 0)
        return 0;
    if (mean > 30) {
        double x = floor(mean + sqrt(mean) * dm_normal(r) + 0.5);
        return x < 0 ? 0 : (int)x;
    }
    double limit = exp(-mean), prod = dm_unif(r);
    int n = 0;
    while (prod > limit) {
        prod *= dm_unif(r);
        n++;
    }
    return n;
}

int dm_pick(dm_rng *r, const int *weights, int n)
{
    long total = 0;
    for (int i = 0; i < n; i++)
        total += weights[i] > 0 ? weights[i] : 0;
    if (total <= 0)
        return dm_below(r, n);
    long x = (long)(dm_unif(r) * (double)total);
    for (int i = 0; i < n; i++) {
        long w = weights[i] > 0 ? weights[i] : 0;
        if (x < w)
            return i;
        x -= w;
    }
    return n - 1;
}

double dm_lognormal_mean1(dm_rng *r, double sigma)
{
    return exp(sigma * dm_normal(r) - sigma * sigma / 2.0);
}
