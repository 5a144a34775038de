/* totp.h - the optional second factor: time-based one-time codes (TOTP, RFC 6238: HMAC-SHA-1,
 * 6 digits, a new code every 30 seconds), as authenticator apps make them. liboath computes and
 * checks the codes; the secret is 20 random bytes (libsodium), written in base32 as the apps
 * take it. Pure functions: where the secret is kept and which codes were used is store_signin.h's.
 */
#ifndef ONROLL_TOTP_H
#define ONROLL_TOTP_H

#include <stdint.h>

#include "onroll/error.h"
#include "onroll/sb.h"

enum {
    OR_TOTP_SECRET_BYTES = 20, /* RFC 4226's recommended length for HMAC-SHA-1 */
    OR_TOTP_SECRET_MAX = 64,   /* characters of a secret in base32 (20 bytes: 32) */
    OR_TOTP_STEP = 30,         /* seconds a code lasts */
    OR_TOTP_DIGITS = 6,
    OR_TOTP_WINDOW = 1, /* steps either side accepted (a clock a little off, a slow typist) */
};

/* A new random secret, base32 without padding, into out. */
or_code or_totp_secret_new(char out[OR_TOTP_SECRET_MAX + 1], or_error *err);
/* The otpauth:// URI an authenticator app takes (as text or a QR code) for account's secret:
 * otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER&algorithm=SHA1&digits=6&period=30 */
void or_totp_uri(const char *issuer, const char *account, const char *secret, or_sb *out);
/* Is code (six digits, spaces allowed between them) the code of secret at time now, or of the
 * step before or after (oath_totp_validate3, window 1)? OR_OK with *step = the time step of the
 * code that matched (now / 30, give or take one); OR_EINPUT when it is not. */
or_code or_totp_check(const char *secret, int64_t now, const char *code, int64_t *step,
                      or_error *err);

#endif
