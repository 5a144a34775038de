/* letters_text.c - a letter as the text the school edits (letters.h): written from the filled
 * paragraphs, read back into paragraphs for printing, checked before it is kept, and searched
 * for the gaps (in square brackets) the school has still to fill.
 *
 * The text: paragraphs separated by a blank line; inside a paragraph, lines starting "- " are
 * the items of a list that follows its text. Nothing else is markup, so whatever the school
 * types is shown as typed (escaped by whoever renders it). */
#include <string.h>

#include "onroll/invisible.h"
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

/* The paragraph being read: its text and list items so far (linear in the text's length,
 * whatever the school typed: the text is kept whole in scratch buffers, copied once). */
typedef struct {
    or_arena *a;
    or_letter *out;
    int pcap, icap;
    bool open, in_item;
    or_sb text, item;
    const char **items;
    int nitems;
} reader;

static void end_item(reader *r)
{
    if (!r->in_item)
        return;
    OR_ARENA_GROW(r->a, r->items, r->nitems + 1, r->icap);
    r->items[r->nitems++] = or_arena_strdup(r->a, or_sb_str(&r->item));
    or_sb_reset(&r->item);
    r->in_item = false;
}

static void end_para(reader *r)
{
    if (!r->open)
        return;
    end_item(r);
    or_letter *out = r->out;
    OR_ARENA_GROW(r->a, out->paras, out->nparas + 1, r->pcap);
    out->paras[out->nparas++] =
        (or_letter_para){or_arena_strdup(r->a, or_sb_str(&r->text)), r->items, r->nitems};
    or_sb_reset(&r->text);
    r->items = NULL;
    r->nitems = r->icap = 0;
    r->open = false;
}

void or_letter_parse(const char *body, or_arena *a, or_letter *out)
{
    out->paras = NULL;
    out->nparas = 0;
    reader r = {a, out, 0, 0, false, false, OR_SB_INIT, OR_SB_INIT, NULL, 0};
    for (const char *s = body ? body : ""; *s;) {
        const char *nl = strchr(s, '\n');
        const char *e = nl ? nl : s + strlen(s);
        size_t n = line_len(s, e);
        if (blank(s, n)) {
            end_para(&r); /* a blank line ends the paragraph */
        } else {
            r.open = true;
            if (n >= 2 && s[0] == '-' && s[1] == ' ') { /* a list item */
                end_item(&r);
                or_sb_add(&r.item, s + 2, n - 2);
                r.in_item = true;
            } else if (r.in_item) { /* continues the item */
                or_sb_addc(&r.item, ' ');
                or_sb_add(&r.item, s, n);
            } else {
                if (r.text.len)
                    or_sb_addc(&r.text, '\n');
                or_sb_add(&r.text, s, n);
            }
        }
        s = nl ? nl + 1 : e;
    }
    end_para(&r);
    or_sb_release(&r.text);
    or_sb_release(&r.item);
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
    /* a right-to-left override would reverse the rest of the printed letter (invisible.h) */
    or_error e = {0};
    if (or_text_check(body, true, &e))
        return or_fail(err, OR_EINPUT, "letter: the text %s", e.msg);
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
