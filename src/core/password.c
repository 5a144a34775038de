/* password.c - what makes a password acceptable (libpwquality) and a new random one (libsodium),
 * declared in accounts.h.
 *
 * libpwquality's settings are onroll's own, not the machine's /etc/security/pwquality.conf, so
 * that every server and every test applies the same rule: at least OR_PASSWORD_MIN characters;
 * cracklib's dictionary check on (Debian's cracklib-runtime: dictionary words, also reversed,
 * capitalised or with a few characters added, sequences, too few different characters); not
 * the account's own name (the email before the @); and none of a few words people choose first
 * that cracklib's small dictionary lets through with four digits added (`password1234`). A
 * refusal gives libpwquality's own reason. Without the dictionary every password is refused
 * (libpwquality says it cannot load it): the check never silently weakens. */
#include <pwquality.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/accounts.h"

/* Added to the dictionary check (libpwquality's "badwords": found in any case, reversed or with
 * letters swapped for digits). */
static const char bad_words[] = "password passw0rd onroll qwerty letmein welcome";

or_code or_password_check(const char *password, const char *email, or_error *err)
{
    size_t n = password ? strlen(password) : 0;
    if (n > OR_PASSWORD_MAX)
        return or_fail(err, OR_EINPUT, "a password has at most %d characters", OR_PASSWORD_MAX);
    pwquality_settings_t *pwq = pwquality_default_settings();
    if (!pwq)
        return or_fail(err, OR_ENOMEM, "libpwquality: out of memory");
    pwquality_set_int_value(pwq, PWQ_SETTING_MIN_LENGTH, OR_PASSWORD_MIN);
    pwquality_set_int_value(pwq, PWQ_SETTING_DICT_CHECK, 1);
    pwquality_set_int_value(pwq, PWQ_SETTING_USER_CHECK, 1);
    pwquality_set_str_value(pwq, PWQ_SETTING_BAD_WORDS, bad_words);
    /* the account's name: the email's part before the @, in lower case */
    char user[OR_EMAIL_MAX + 1] = "";
    if (email) {
        size_t u = strcspn(email, "@");
        if (u > OR_EMAIL_MAX)
            u = OR_EMAIL_MAX;
        for (size_t i = 0; i < u; i++)
            user[i] = (char)(email[i] >= 'A' && email[i] <= 'Z' ? email[i] + 32 : email[i]);
        user[u] = '\0';
    }
    void *aux = NULL;
    int score = pwquality_check(pwq, password ? password : "", NULL, user[0] ? user : NULL, &aux);
    or_code rc = OR_OK;
    if (score < 0) {
        char buf[PWQ_MAX_ERROR_MESSAGE_LEN];
        const char *why = pwquality_strerror(buf, sizeof buf, score, aux);
        rc = or_fail(err, OR_EINPUT, "this password is not accepted: %s", why ? why : "too weak");
    }
    pwquality_free_settings(pwq);
    return rc;
}

void or_password_generate(char out[32])
{
    /* no 0/O, 1/l/I: easy to read out and type */
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
    if (sodium_init() < 0)
        abort(); /* no randomness: nothing safe to hand out */
    /* 100 random bits; drawn again in the rare case the dictionary check finds a pattern in
     * them, so that what is handed out is always accepted (when the dictionary is there) */
    for (int attempt = 0; attempt < 20; attempt++) {
        size_t o = 0;
        for (int g = 0; g < 4; g++) {
            if (g)
                out[o++] = '-';
            for (int i = 0; i < 5; i++)
                out[o++] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
        }
        out[o] = '\0';
        if (or_password_check(out, NULL, NULL) == OR_OK)
            return;
    }
}
