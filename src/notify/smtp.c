/* smtp.c - one message by SMTP through libcurl (sender.h): the message's text (RFC 5322
 * headers, RFC 2047 subject, quoted-printable UTF-8 body) and its delivery (MAIL FROM, RCPT TO,
 * DATA from a read callback; STARTTLS or implicit TLS as configured). libcurl does the
 * protocol, including the dot-stuffing of the body. A user name and password are only ever sent
 * over TLS: with them, smtp:// demands STARTTLS (CURLUSESSL_ALL: libcurl gives up before AUTH
 * when the server does not offer it) and --smtp-tls none is refused. Never prints. */
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "onroll/sender.h"

bool or_tls_mode_parse(const char *s, or_tls_mode *out)
{
    if (!s)
        return false;
    if (!strcmp(s, "try"))
        *out = OR_TLS_TRY;
    else if (!strcmp(s, "none"))
        *out = OR_TLS_NONE;
    else if (!strcmp(s, "required"))
        *out = OR_TLS_REQUIRED;
    else
        return false;
    return true;
}

void or_smtp_url_shown(const char *url, char *buf, size_t size)
{
    const char *p = strstr(url, "://");
    const char *auth = p ? p + 3 : url;
    size_t alen = strcspn(auth, "/?#");
    const char *at = NULL;
    for (const char *q = auth; q < auth + alen; q++)
        if (*q == '@')
            at = q;
    if (at)
        snprintf(buf, size, "%.*s%.*s", (int)(auth - url), url, (int)(auth + alen - at - 1),
                 at + 1);
    else
        snprintf(buf, size, "%.*s", (int)(auth - url + alen), url);
}

or_code or_smtp_check_url(const char *url, or_error *err)
{
    char shown[256];
    if (!url || !*url)
        return or_fail(err, OR_EUSAGE,
                       "--smtp: give the mail server's URL, like "
                       "smtp://mail.example.gov.uk:587");
    or_smtp_url_shown(url, shown, sizeof shown);
    const char *host = !strncmp(url, "smtp://", 7)    ? url + 7
                       : !strncmp(url, "smtps://", 8) ? url + 8
                                                      : NULL;
    if (!host || !*host || *host == '/' || *host == ':' || strpbrk(url, " \r\n\t"))
        return or_fail(err, OR_EUSAGE,
                       "--smtp: '%s' is not an SMTP URL (smtp://HOST[:PORT] or "
                       "smtps://HOST[:PORT])",
                       shown);
    return OR_OK;
}

/* Does the URL carry a login (smtp://user:password@host)? */
static bool url_has_login(const char *url)
{
    const char *p = strstr(url, "://");
    const char *auth = p ? p + 3 : url;
    size_t alen = strcspn(auth, "/?#");
    return memchr(auth, '@', alen) != NULL;
}

/* Is there a login to send: a user (or a password) set, or one in the URL? */
static bool has_login(const or_smtp_conf *c)
{
    return (c->user && *c->user) || (c->password && *c->password) || url_has_login(c->url);
}

or_code or_smtp_check_conf(const or_smtp_conf *c, or_error *err)
{
    or_code rc = or_smtp_check_url(c->url, err);
    if (rc)
        return rc;
    if (has_login(c) && !strncmp(c->url, "smtp://", 7) && c->tls == OR_TLS_NONE)
        return or_fail(err, OR_EUSAGE,
                       "--smtp-tls none: a user name and password are never sent without TLS; "
                       "use --smtp-tls required (STARTTLS) or an smtps:// URL, or a relay that "
                       "needs no login");
    return OR_OK;
}

/* ---- the message ---- */

static bool has_ctl(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return true;
    return false;
}

/* One address: local@domain, no spaces, brackets or control characters. */
static bool address_ok(const char *a)
{
    const char *at = a ? strchr(a, '@') : NULL;
    return at && at != a && at[1] && !strchr(at + 1, '@') && !has_ctl(a) &&
           !strpbrk(a, " <>()[],;:\"\\") && strlen(a) <= 254;
}

static bool is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

/* A header's text on one line: control characters (a line break in a school's name) become
 * spaces. */
static void one_line(const char *in, or_sb *out)
{
    for (const char *p = in; *p; p++)
        or_sb_addc(out, (unsigned char)*p < 0x20 || *p == 0x7f ? ' ' : *p);
}

/* Subject: as it is when ASCII (folded at spaces to keep lines short), else RFC 2047
 * encoded-words ("=?UTF-8?B?...?=", each under 76 characters, never splitting a character). */
static void add_subject(or_sb *out, const char *subject)
{
    or_sb s = OR_SB_INIT;
    one_line(subject, &s);
    const char *t = or_sb_str(&s);
    or_sb_adds(out, "Subject: ");
    if (is_ascii(t)) {
        size_t col = 9;
        while (*t) {
            size_t word = strcspn(t + 1, " ") + 1; /* a space and the word after it */
            if (*t == ' ' && col + word > 76 && col > 9) {
                or_sb_adds(out, "\r\n");
                col = 0;
            }
            or_sb_add(out, t, word);
            col += word;
            t += word;
        }
    } else {
        static const char b64[] =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        size_t len = strlen(t), i = 0;
        bool first = true;
        while (i < len) {
            size_t n = len - i > 45 ? 45 : len - i; /* 45 bytes: 60 characters of base64 */
            while (n < len - i && n > 0 && ((unsigned char)t[i + n] & 0xC0) == 0x80)
                n--; /* end on a character boundary */
            if (!first)
                or_sb_adds(out, "\r\n ");
            first = false;
            or_sb_adds(out, "=?UTF-8?B?");
            for (size_t j = 0; j < n; j += 3) {
                unsigned v = (unsigned char)t[i + j] << 16;
                if (j + 1 < n)
                    v |= (unsigned char)t[i + j + 1] << 8;
                if (j + 2 < n)
                    v |= (unsigned char)t[i + j + 2];
                or_sb_addc(out, b64[(v >> 18) & 63]);
                or_sb_addc(out, b64[(v >> 12) & 63]);
                or_sb_addc(out, j + 1 < n ? b64[(v >> 6) & 63] : '=');
                or_sb_addc(out, j + 2 < n ? b64[v & 63] : '=');
            }
            or_sb_adds(out, "?=");
            i += n;
        }
    }
    or_sb_adds(out, "\r\n");
    or_sb_release(&s);
}

/* Is the body fit to go as it is (7bit): ASCII, lines of at most 78 characters? */
static bool plain_body(const char *b)
{
    size_t col = 0;
    for (; *b; b++) {
        if ((unsigned char)*b >= 0x80 || (*b < 0x20 && *b != '\n' && *b != '\t'))
            return false;
        col = *b == '\n' ? 0 : col + 1;
        if (col > 78)
            return false;
    }
    return true;
}

/* Quoted-printable (RFC 2045 6.7): lines end in CRLF; soft breaks keep lines under 76. */
static void add_qp(or_sb *out, const char *b)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t col = 0;
    for (const unsigned char *p = (const unsigned char *)b; *p; p++) {
        if (*p == '\n') {
            or_sb_adds(out, "\r\n");
            col = 0;
            continue;
        }
        bool at_eol = p[1] == '\n' || p[1] == '\0';
        bool literal =
            (*p >= 33 && *p <= 126 && *p != '=') || ((*p == ' ' || *p == '\t') && !at_eol);
        size_t w = literal ? 1 : 3;
        if (col + w > 75) {
            or_sb_adds(out, "=\r\n");
            col = 0;
        }
        if (literal) {
            or_sb_addc(out, (char)*p);
        } else {
            or_sb_addc(out, '=');
            or_sb_addc(out, hex[*p >> 4]);
            or_sb_addc(out, hex[*p & 15]);
        }
        col += w;
    }
    if (col)
        or_sb_adds(out, "\r\n");
}

or_code or_mail_format(const or_mail *m, or_sb *out, or_error *err)
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (!address_ok(m->from))
        return or_fail(err, OR_EINPUT, "From: '%s' is not an email address",
                       m->from ? m->from : "");
    if (!address_ok(m->to))
        return or_fail(err, OR_EINPUT, "To: '%s' is not an email address", m->to ? m->to : "");
    const char *mid = m->message_id ? m->message_id : "";
    if (mid[0] != '<' || mid[strlen(mid) - 1] != '>' || !strchr(mid, '@') || has_ctl(mid) ||
        strchr(mid, ' '))
        return or_fail(err, OR_EINPUT, "Message-ID: '%s' is not a message id (<left@right>)", mid);
    time_t t = (time_t)m->date;
    struct tm tm;
    gmtime_r(&t, &tm);
    or_sb_addf(out, "Date: %s, %d %s %d %02d:%02d:%02d +0000\r\n", days[tm.tm_wday % 7], tm.tm_mday,
               months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    or_sb_addf(out, "From: onroll <%s>\r\n", m->from);
    or_sb_addf(out, "To: <%s>\r\n", m->to);
    add_subject(out, m->subject ? m->subject : "");
    or_sb_addf(out, "Message-ID: %s\r\n", mid);
    or_sb_adds(out, "MIME-Version: 1.0\r\n"
                    "Content-Type: text/plain; charset=utf-8\r\n");
    const char *body = m->body ? m->body : "";
    if (plain_body(body)) {
        or_sb_adds(out, "Content-Transfer-Encoding: 7bit\r\n");
    } else {
        or_sb_adds(out, "Content-Transfer-Encoding: quoted-printable\r\n");
    }
    or_sb_adds(out, "Auto-Submitted: auto-generated\r\n\r\n");
    if (plain_body(body)) {
        for (const char *p = body; *p; p++)
            if (*p == '\n')
                or_sb_adds(out, "\r\n");
            else
                or_sb_addc(out, *p);
        if (out->len && out->buf[out->len - 1] != '\n')
            or_sb_adds(out, "\r\n");
    } else {
        add_qp(out, body);
    }
    return OR_OK;
}

/* ---- delivery ---- */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_OK;

static void init_curl(void)
{
    curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

typedef struct {
    const char *p;
    size_t left;
} reader;

static size_t read_cb(char *buf, size_t size, size_t nitems, void *ctx)
{
    reader *r = ctx;
    size_t n = size * nitems;
    if (n > r->left)
        n = r->left;
    memcpy(buf, r->p, n);
    r->p += n;
    r->left -= n;
    return n;
}

or_code or_smtp_send(const or_smtp_conf *c, const or_mail *m, or_smtp_result *r, or_error *err)
{
    r->smtp_code = 0;
    r->permanent = false;
    or_code rc = or_smtp_check_conf(c, err);
    if (rc)
        return rc;
    or_sb text = OR_SB_INIT;
    if ((rc = or_mail_format(m, &text, err))) {
        or_sb_release(&text);
        r->permanent = true; /* the same message will never be right */
        return rc;
    }
    pthread_once(&curl_once, init_curl);
    if (curl_init_rc != CURLE_OK) {
        or_sb_release(&text);
        return or_fail(err, OR_EIO, "libcurl could not be initialised: %s",
                       curl_easy_strerror(curl_init_rc));
    }
    CURL *h = curl_easy_init();
    if (!h) {
        or_sb_release(&text);
        return or_fail(err, OR_ENOMEM, "libcurl: out of memory");
    }
    char from[300], to[300], errbuf[CURL_ERROR_SIZE] = "", shown[256];
    snprintf(from, sizeof from, "<%s>", m->from);
    snprintf(to, sizeof to, "<%s>", m->to);
    or_smtp_url_shown(c->url, shown, sizeof shown);
    struct curl_slist *rcpt = curl_slist_append(NULL, to);
    reader rd = {text.buf, text.len};
    curl_easy_setopt(h, CURLOPT_URL, c->url);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
    curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, c->timeout > 0 ? c->timeout : 60L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(h, CURLOPT_READDATA, &rd);
    curl_easy_setopt(h, CURLOPT_INFILESIZE, (long)text.len);
    bool login = has_login(c);
    if (!strncmp(c->url, "smtp://", 7)) /* with a login: TLS or nothing at all */
        curl_easy_setopt(h, CURLOPT_USE_SSL,
                         c->tls == OR_TLS_REQUIRED || login ? (long)CURLUSESSL_ALL
                         : c->tls == OR_TLS_NONE            ? (long)CURLUSESSL_NONE
                                                            : (long)CURLUSESSL_TRY);
    if (c->user && *c->user) {
        curl_easy_setopt(h, CURLOPT_USERNAME, c->user);
        curl_easy_setopt(h, CURLOPT_PASSWORD, c->password ? c->password : "");
    }
    CURLcode cc = curl_easy_perform(h);
    long code = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    r->smtp_code = (int)code;
    if (cc != CURLE_OK) {
        /* a 5xx reply refuses this message for good; no reply, 4xx or a broken connection is
         * for now (CURLE_LOGIN_DENIED too: the LA can fix its settings, then it goes) */
        r->permanent = code >= 500 && code <= 599 && cc != CURLE_LOGIN_DENIED;
        char said[48] = "", num[16];
        snprintf(num, sizeof num, "%ld", code);
        if (code && !strstr(errbuf, num))
            snprintf(said, sizeof said, " (the server replied %ld)", code);
        rc = or_fail(err, OR_EIO, "%s: %s%s%s%s%s", shown, curl_easy_strerror(cc),
                     errbuf[0] ? ": " : "", errbuf, said,
                     cc == CURLE_USE_SSL_FAILED && login
                         ? " (the server does not offer TLS, and the password is only sent over "
                           "TLS)"
                         : "");
    }
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(h);
    or_sb_release(&text);
    return rc;
}
