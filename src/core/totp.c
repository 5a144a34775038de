/* totp.c - time-based one-time codes through liboath (totp.h). */
#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/totp.h"

static pthread_once_t oath_once = PTHREAD_ONCE_INIT;
static int oath_init_rc = OATH_OK;

static void init_oath(void)
{
    oath_init_rc = oath_init();
}

static or_code ready(or_error *err)
{
    pthread_once(&oath_once, init_oath);
    if (oath_init_rc != OATH_OK)
        return or_fail(err, OR_EIO, "liboath could not be initialised: %s",
                       oath_strerror(oath_init_rc));
    return OR_OK;
}

or_code or_totp_secret_new(char out[OR_TOTP_SECRET_MAX + 1], or_error *err)
{
    or_code rc = ready(err);
    if (rc)
        return rc;
    if (sodium_init() < 0)
        return or_fail(err, OR_EIO, "libsodium could not be initialised");
    unsigned char raw[OR_TOTP_SECRET_BYTES];
    randombytes_buf(raw, sizeof raw);
    char *b32 = NULL;
    size_t len = 0;
    int orc = oath_base32_encode((const char *)raw, sizeof raw, &b32, &len);
    sodium_memzero(raw, sizeof raw);
    if (orc != OATH_OK || !b32 || len > OR_TOTP_SECRET_MAX) {
        free(b32);
        return or_fail(err, OR_ENOMEM, "liboath: the secret could not be encoded: %s",
                       oath_strerror(orc));
    }
    size_t n = 0; /* base32 of 20 bytes has no padding; drop any all the same */
    for (size_t i = 0; i < len && b32[i] != '='; i++)
        out[n++] = b32[i];
    out[n] = '\0';
    sodium_memzero(b32, len);
    free(b32);
    return OR_OK;
}

/* RFC 3986 percent-encoding of everything but unreserved characters and '@' (an email). */
static void add_escaped(or_sb *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~@", *p)) {
            or_sb_addc(out, (char)*p);
        } else {
            or_sb_addc(out, '%');
            or_sb_addc(out, hex[*p >> 4]);
            or_sb_addc(out, hex[*p & 15]);
        }
    }
}

void or_totp_uri(const char *issuer, const char *account, const char *secret, or_sb *out)
{
    or_sb_adds(out, "otpauth://totp/");
    add_escaped(out, issuer);
    or_sb_adds(out, ":");
    add_escaped(out, account);
    or_sb_adds(out, "?secret=");
    add_escaped(out, secret);
    or_sb_adds(out, "&issuer=");
    add_escaped(out, issuer);
    or_sb_addf(out, "&algorithm=SHA1&digits=%d&period=%d", OR_TOTP_DIGITS, OR_TOTP_STEP);
}

or_code or_totp_check(const char *secret, int64_t now, const char *code, int64_t *step,
                      or_error *err)
{
    or_code rc = ready(err);
    if (rc)
        return rc;
    char digits[OR_TOTP_DIGITS + 1];
    int n = 0;
    for (const char *p = code ? code : ""; *p; p++) {
        if (*p == ' ')
            continue;
        if (*p < '0' || *p > '9' || n == OR_TOTP_DIGITS)
            return or_fail(err, OR_EINPUT, "the code is %d digits", OR_TOTP_DIGITS);
        digits[n++] = *p;
    }
    digits[n] = '\0';
    if (n != OR_TOTP_DIGITS)
        return or_fail(err, OR_EINPUT, "the code is %d digits", OR_TOTP_DIGITS);
    char *key = NULL;
    size_t keylen = 0;
    int orc = oath_base32_decode(secret, strlen(secret), &key, &keylen);
    if (orc != OATH_OK)
        return or_fail(err, OR_EINPUT, "the stored secret is not base32: %s", oath_strerror(orc));
    int pos = 0;
    uint64_t counter = 0;
    orc = oath_totp_validate3(key, keylen, (time_t)now, OR_TOTP_STEP, 0, OR_TOTP_WINDOW, &pos,
                              &counter, digits);
    sodium_memzero(key, keylen);
    free(key);
    if (orc < 0)
        return or_fail(err, OR_EINPUT, "the code is not right");
    *step = (int64_t)counter;
    return OR_OK;
}
