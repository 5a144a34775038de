/* letters_text.c - a letter as the text the school edits (letters.h): written from the filled
 * paragraphs, read back into paragraphs for printing, checked before it is kept, and searched
 * for the gaps (in square brackets) the school has still to fill.
 *
 * The text: paragraphs separated by a blank line; inside a paragraph, lines starting "- " are
 * the items of a list that follows its text. Nothing else is markup, so whatever the school
 * types is shown as typed (escaped by whoever renders it). */
#include <string.h>

#include "onroll/kinds.h"
#include "onroll/letters.h"

void or_letter_text(const or_letter *l, or_sb *out)
{
    for (int i = 0; i < l->nparas; i++) {
        const or_letter_para *p = &l->paras[i];
        if (i)
            or_sb_adds(out, "\n\n");
        or_sb_adds(out, p->text ? p->text : "");
        for (int k = 0; k < p->nitems; k++) {
            if (k || (p->text && *p->text))
                or_sb_addc(out, '\n');
            or_sb_adds(out, "- ");
            or_sb_adds(out, p->items[k]);
        }
    }
    or_sb_addc(out, '\n');
}

/* One line of [s, e) without trailing spaces and a "\r". */
static size_t line_len(const char *s, const char *e)
{
    while (e > s && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
        e--;
    return (size_t)(e - s);
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

/* Append n bytes of s to *to (a string in the arena), with sep between when *to is not empty. */
static void join(or_arena *a, const char **to, const char *sep, const char *s, size_t n)
{
    const char *old = *to ? *to : "";
    size_t ol = strlen(old), sl = ol ? strlen(sep) : 0;
    char *p = or_arena_alloc(a, ol + sl + n + 1);
    memcpy(p, old, ol);
    memcpy(p + ol, sep, sl);
    memcpy(p + ol + sl, s, n);
    p[ol + sl + n] = '\0';
    *to = p;
}

void or_letter_parse(const char *body, or_arena *a, or_letter *out)
{
    out->paras = NULL;
    out->nparas = 0;
    int cap = 0;
    or_letter_para *cur = NULL;
    for (const char *s = body ? body : ""; *s;) {
        const char *nl = strchr(s, '\n');
        const char *e = nl ? nl : s + strlen(s);
        size_t n = line_len(s, e);
        if (blank(s, n)) {
            cur = NULL; /* a blank line ends the paragraph */
        } else {
            if (!cur) {
                if (out->nparas == cap) {
                    cap = cap ? cap * 2 : 16;
                    or_letter_para *p = or_arena_alloc(a, (size_t)cap * sizeof *p);
                    if (out->nparas)
                        memcpy(p, out->paras, (size_t)out->nparas * sizeof *p);
                    out->paras = p;
                }
                cur = &out->paras[out->nparas++];
                *cur = (or_letter_para){"", NULL, 0};
            }
            if (n >= 2 && s[0] == '-' && s[1] == ' ') { /* a list item */
                const char **items = or_arena_alloc(a, (size_t)(cur->nitems + 1) * sizeof *items);
                if (cur->nitems)
                    memcpy(items, cur->items, (size_t)cur->nitems * sizeof *items);
                items[cur->nitems] = or_arena_strndup(a, s + 2, n - 2);
                cur->items = items;
                cur->nitems++;
            } else if (cur->nitems) { /* continues the last item */
                join(a, &cur->items[cur->nitems - 1], " ", s, n);
            } else {
                join(a, &cur->text, "\n", s, n);
            }
        }
        s = nl ? nl + 1 : e;
    }
}

or_code or_letter_check_body(const char *body, or_error *err)
{
    if (!body)
        return or_fail(err, OR_EINPUT, "letter: the text is empty");
    size_t len = strlen(body);
    if (strspn(body, " \t\r\n") == len)
        return or_fail(err, OR_EINPUT, "letter: the text is empty");
    if (len > OR_LETTER_BODY_MAX)
        return or_fail(err, OR_EINPUT, "letter: the text is %zu bytes long; at most %d", len,
                       (int)OR_LETTER_BODY_MAX);
    /* where the first bad byte is, for the message */
    const unsigned char *p = (const unsigned char *)body;
    for (size_t i = 0; i < len; i++)
        if ((p[i] < 0x20 && p[i] != '\n' && p[i] != '\r' && p[i] != '\t') || p[i] == 0x7f)
            return or_fail(err, OR_EINPUT,
                           "letter: the text has a control character (code %u) at byte %zu",
                           (unsigned)p[i], i + 1);
    if (!or_utf8_valid(body, true))
        return or_fail(err, OR_EINPUT, "letter: the text is not valid UTF-8");
    or_arena a = OR_ARENA_INIT;
    or_letter l;
    or_letter_parse(body, &a, &l);
    int n = l.nparas;
    or_arena_free(&a);
    if (n > OR_LETTER_PARAS_MAX)
        return or_fail(err, OR_EINPUT, "letter: the text has %d paragraphs; at most %d", n,
                       (int)OR_LETTER_PARAS_MAX);
    return OR_OK;
}

bool or_letter_gap(const char *body, char *out, size_t size)
{
    for (const char *s = body ? body : ""; (s = strchr(s, '[')) != NULL; s++) {
        size_t n = strcspn(s + 1, "[]\n");
        if (s[1 + n] != ']' || n == 0)
            continue;
        if (size) {
            size_t k = n + 2 < size ? n + 2 : size - 1;
            memcpy(out, s, k);
            out[k] = '\0';
        }
        return true;
    }
    if (size)
        out[0] = '\0';
    return false;
}
