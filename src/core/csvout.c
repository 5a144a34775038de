/* csvout.c - the one CSV writer (see include/onroll/csvout.h): RFC 4180 quoting and the
 * formula-injection guard on text cells. */
#include <errno.h>
#include <string.h>

#include "onroll/csvout.h"

enum { FLUSH_AT = 1 << 16 };

static bool formula_start(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

bool or_csv_needs_guard(const char *s)
{
    if (!s)
        return false;
    return formula_start(s[strspn(s, "'")]);
}

const char *or_csv_unguard(const char *s)
{
    return s && s[0] == '\'' && or_csv_needs_guard(s + 1) ? s + 1 : s;
}

static size_t digits(const char *s)
{
    return strspn(s, "0123456789");
}

bool or_csv_is_number(const char *s)
{
    if (!s)
        return false;
    if (*s == '-')
        s++;
    size_t n = digits(s);
    if (!n)
        return false;
    s += n;
    if (*s == '.') {
        if (!(n = digits(s + 1)))
            return false;
        s += 1 + n;
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!(n = digits(s)))
            return false;
        s += n;
    }
    return !*s;
}

/* Quotes for a comma, a quote, CR, LF, and for a space or tab at either end (readers trim
 * them from a field outside quotes); a guarded cell begins with its ', not with s. */
static bool needs_quotes(const char *s, bool guarded)
{
    size_t len = strlen(s);
    if (s[strcspn(s, ",\"\r\n")])
        return true;
    if (!len)
        return false;
    return (!guarded && (s[0] == ' ' || s[0] == '\t')) || s[len - 1] == ' ' || s[len - 1] == '\t';
}

static void quote(or_sb *sb, const char *guard, const char *s)
{
    or_sb_addc(sb, '"');
    or_sb_adds(sb, guard);
    for (; *s; s++) {
        if (*s == '"')
            or_sb_addc(sb, '"');
        or_sb_addc(sb, *s);
    }
    or_sb_addc(sb, '"');
}

void or_csv_quote(or_sb *sb, const char *s)
{
    if (!s)
        return;
    if (needs_quotes(s, false))
        quote(sb, "", s);
    else
        or_sb_adds(sb, s);
}

void or_csv_to_sb(or_csv *w, or_sb *sb)
{
    *w = (or_csv){.sb = sb};
}

void or_csv_to_file(or_csv *w, FILE *out)
{
    *w = (or_csv){.out = out};
    w->sb = &w->own;
}

static void sep(or_csv *w)
{
    if (w->inrow)
        or_sb_addc(w->sb, ',');
    w->inrow = true;
}

void or_csv_text(or_csv *w, const char *s)
{
    sep(w);
    if (!s || !*s)
        return;
    bool guarded = or_csv_needs_guard(s);
    const char *guard = guarded ? "'" : "";
    if (needs_quotes(s, guarded)) {
        quote(w->sb, guard, s);
    } else {
        or_sb_adds(w->sb, guard);
        or_sb_adds(w->sb, s);
    }
}

void or_csv_number(or_csv *w, const char *s)
{
    if (or_csv_is_number(s)) {
        sep(w);
        or_sb_adds(w->sb, s);
    } else {
        or_csv_text(w, s);
    }
}

void or_csv_date(or_csv *w, or_date d)
{
    char iso[11] = "";
    if (d != OR_DATE_NONE)
        or_date_format(d, iso);
    or_csv_text(w, iso);
}

void or_csv_int(or_csv *w, long long v)
{
    sep(w);
    or_sb_addf(w->sb, "%lld", v);
}

void or_csv_texts(or_csv *w, const char *const *cells, int n)
{
    for (int i = 0; i < n; i++)
        or_csv_text(w, cells[i]);
}

static void write_out(or_csv *w)
{
    if (!w->out || !w->sb->len)
        return;
    if (!w->errnum && fwrite(w->sb->buf, 1, w->sb->len, w->out) != w->sb->len)
        w->errnum = errno ? errno : EIO;
    or_sb_reset(w->sb);
}

void or_csv_end_row(or_csv *w)
{
    or_sb_addc(w->sb, '\n');
    w->inrow = false;
    if (w->out && w->sb->len >= FLUSH_AT)
        write_out(w);
}

or_code or_csv_close(or_csv *w, const char *what, or_error *err)
{
    if (w->out) {
        write_out(w);
        if (fflush(w->out) != 0 && !w->errnum)
            w->errnum = errno ? errno : EIO;
        if (ferror(w->out) && !w->errnum)
            w->errnum = EIO;
        or_sb_release(&w->own);
    }
    if (w->errnum)
        return or_fail(err, OR_EIO, "writing %s: %s", what, strerror(w->errnum));
    return OR_OK;
}
