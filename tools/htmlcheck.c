/* htmlcheck.c - the build-time check of escaping (after Fossil's src/codecheck1.c): reads C
 * files and checks every html_printf() call, so that a call that could write data unescaped,
 * or that html_printf would print wrongly, stops the build with the file and line.
 *
 * html_printf's %s escapes its text for HTML content and quoted attributes and %t
 * percent-encodes it for a URL (src/html/html.h). What escaping cannot make safe, and what this
 * refuses:
 *   - a format that is not string literals (adjacent literals and UPPER_CASE macros of the
 *     program's own literals are allowed): a format from data is a format-string attack;
 *   - a conversion other than %s %t %d %u %zu %lld %% (html_printf prints '?' for them);
 *   - a number of arguments other than the number of conversions;
 *   - a conversion in an unquoted attribute value (=%s), in a style="..." or on...="..."
 *     attribute, or after <script or <style: escaping does not make text safe there;
 *   - a %s or %t that begins a URL attribute (href, src, action, formaction), unless its
 *     argument is marked as a URL this program built: a string literal, an expression that
 *     goes through web_local_path() (which refuses anything but a local path), or a name that
 *     says so by convention: a variable or member ending in "href" or "pattern" (the route
 *     table's paths), or a call to a function whose name ends in "_path". Data never goes
 *     into such a name; escaping alone would let "javascript:..." through.
 *
 * Usage: htmlcheck FILE.c...; prints FILE:LINE: what is wrong, for each refusal, and exits 1
 * if there was any. */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int nerrors;

static void refuse(const char *file, int line, const char *what, const char *detail)
{
    fprintf(stderr, "%s:%d: html_printf: %s%s%s\n", file, line, what, detail ? ": " : "",
            detail ? detail : "");
    nerrors++;
}

/* Skip a comment, string or character literal starting at p; return the position after it
 * (or p when there is none), counting newlines into *line. */
static const char *skip_lexeme(const char *p, int *line)
{
    if (p[0] == '/' && p[1] == '*') {
        for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
            *line += *p == '\n';
        return *p ? p + 2 : p;
    }
    if (p[0] == '/' && p[1] == '/') {
        while (*p && *p != '\n')
            p++;
        return p;
    }
    if (*p == '"' || *p == '\'') {
        char q = *p++;
        while (*p && *p != q) {
            if (*p == '\\' && p[1])
                p++;
            *line += *p == '\n';
            p++;
        }
        return *p ? p + 1 : p;
    }
    return p;
}

static const char *skip_space(const char *p, int *line)
{
    for (;;) {
        while (isspace((unsigned char)*p))
            *line += *p++ == '\n';
        const char *q = skip_lexeme(p, line);
        if (q == p || (*p != '/'))
            return p;
        p = q;
    }
}

/* One argument of the call: [start, end) of the source text. */
typedef struct {
    const char *start, *end;
} arg;

/* Split the call's arguments from just after '(' up to the matching ')'. Returns how many
 * (at most max) or -1 if the file ends first. */
static int split_args(const char *p, int line, arg *args, int max, const char **after)
{
    int depth = 0, n = 0;
    const char *start = p;
    while (*p) {
        const char *q = skip_lexeme(p, &line);
        if (q != p) {
            p = q;
            continue;
        }
        if (*p == '(' || *p == '[' || *p == '{') {
            depth++;
        } else if ((*p == ')' || *p == ']' || *p == '}') && depth > 0) {
            depth--;
        } else if ((*p == ',' && depth == 0) || *p == ')') {
            if (n < max)
                args[n] = (arg){start, p};
            n++;
            if (*p == ')') {
                *after = p + 1;
                return n;
            }
            start = p + 1;
        }
        p++;
    }
    return -1;
}

/* The format's text (the literals' contents, escapes kept as written) into buf; false if the
 * argument is anything but literals and UPPER_CASE macros. */
static bool format_text(arg a, char *buf, size_t cap)
{
    size_t n = 0;
    int line = 0;
    const char *p = a.start;
    bool any = false;
    while (p < a.end) {
        p = skip_space(p, &line);
        if (p >= a.end)
            break;
        if (*p == '"') {
            const char *q = skip_lexeme(p, &line);
            for (const char *c = p + 1; c < q - 1 && n + 1 < cap; c++)
                buf[n++] = *c;
            p = q;
            any = true;
        } else if (isupper((unsigned char)*p) || *p == '_') {
            while (p < a.end &&
                   (isupper((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_'))
                p++;
            if (n + 1 < cap)
                buf[n++] = 'X'; /* a macro of the program's own literal text */
        } else {
            return false;
        }
    }
    buf[n] = '\0';
    return any;
}

/* The last identifier in [s, e), ignoring a trailing call's arguments: "web_letters_path(req,
 * c)" gives web_letters_path; "r->pattern" gives pattern. */
static void last_name(const char *s, const char *e, char *out, size_t cap)
{
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    if (e > s && e[-1] == ')') {
        int depth = 0;
        while (e > s) {
            e--;
            if (*e == ')')
                depth++;
            else if (*e == '(' && --depth == 0)
                break;
        }
        while (e > s && isspace((unsigned char)e[-1]))
            e--;
    }
    const char *b = e;
    while (b > s && (isalnum((unsigned char)b[-1]) || b[-1] == '_'))
        b--;
    size_t n = (size_t)(e - b) < cap - 1 ? (size_t)(e - b) : cap - 1;
    memcpy(out, b, n);
    out[n] = '\0';
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

/* Is the argument marked as a URL this program built (see the comment at the top)? */
static bool marked_url(arg a)
{
    int line = 0;
    const char *s = skip_space(a.start, &line);
    if (*s == '"')
        return true;
    for (const char *p = s; p + 15 <= a.end; p++)
        if (!strncmp(p, "web_local_path(", 15))
            return true;
    char name[128];
    last_name(s, a.end, name, sizeof name);
    const char *e = a.end;
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    bool call = e > s && e[-1] == ')';
    if (call)
        return ends_with(name, "_path");
    return ends_with(name, "href") || ends_with(name, "pattern");
}

/* The attribute whose quoted value the conversion at fmt[at] is in (name into attr, "" if
 * none); *at_start says whether the conversion begins the value. */
static void attribute_of(const char *fmt, size_t at, char *attr, size_t cap, bool *at_start,
                         bool *quoted)
{
    attr[0] = '\0';
    *at_start = false;
    /* Inside a quoted value: an odd number of \" since the last tag opened. */
    size_t i = at;
    while (i > 0 && fmt[i - 1] != '<' && fmt[i - 1] != '>')
        i--;
    const char *open = NULL;
    for (size_t j = i; j + 1 < at; j++) {
        if (fmt[j] == '\\' && fmt[j + 1] == '"') {
            open = open ? NULL : fmt + j;
            j++;
        }
    }
    *quoted = open != NULL;
    if (!open || open == fmt || open[-1] != '=')
        return;
    *at_start = open + 2 == fmt + at;
    const char *e = open - 1, *b = e;
    while (b > fmt && (isalnum((unsigned char)b[-1]) || b[-1] == '-' || b[-1] == '_'))
        b--;
    size_t n = (size_t)(e - b) < cap - 1 ? (size_t)(e - b) : cap - 1;
    for (size_t k = 0; k < n; k++)
        attr[k] = (char)tolower((unsigned char)b[k]);
    attr[n] = '\0';
}

/* Is fmt[at] between a tag's '<' and its '>'? */
static bool in_tag(const char *fmt, size_t at)
{
    while (at > 0 && fmt[at - 1] != '>')
        if (fmt[--at] == '<')
            return true;
    return false;
}

static bool in_script(const char *fmt, size_t at)
{
    const char *last_script = NULL, *last_close = NULL;
    for (const char *p = fmt; p < fmt + at; p++) {
        if (!strncmp(p, "<script", 7) || !strncmp(p, "<style", 6))
            last_script = p;
        if (!strncmp(p, "</script", 8) || !strncmp(p, "</style", 7))
            last_close = p;
    }
    if (!last_script || (last_close && last_close > last_script))
        return false;
    return memchr(last_script, '>', (size_t)(fmt + at - last_script)) != NULL; /* past the tag */
}

enum { MAX_ARGS = 64 };

static void check_call(const char *file, int line, arg *args, int nargs)
{
    static char fmt[16384];
    if (nargs < 2) {
        refuse(file, line, "no format", NULL);
        return;
    }
    if (!format_text(args[1], fmt, sizeof fmt)) {
        refuse(file, line, "the format is not a string literal", NULL);
        return;
    }
    int conv = 0;
    for (size_t i = 0; fmt[i]; i++) {
        if (fmt[i] != '%')
            continue;
        size_t at = i;
        const char *c = fmt + i + 1;
        size_t len;
        if (*c == '%') {
            i++;
            continue;
        } else if (*c == 's' || *c == 't' || *c == 'd' || *c == 'u') {
            len = 1;
        } else if (!strncmp(c, "zu", 2)) {
            len = 2;
        } else if (!strncmp(c, "lld", 3)) {
            len = 3;
        } else {
            char bad[8] = {'%', *c, c[0] ? c[1] : 0, 0};
            refuse(file, line, "a conversion html_printf does not have", bad);
            conv++;
            continue;
        }
        i += len;
        conv++;
        char attr[64];
        bool at_start, quoted;
        attribute_of(fmt, at, attr, sizeof attr, &at_start, &quoted);
        if (!quoted && in_tag(fmt, at) && at > 0 && fmt[at - 1] == '=') {
            refuse(file, line, "a conversion in an unquoted attribute value", NULL);
        } else if (!strcmp(attr, "style") || (attr[0] == 'o' && attr[1] == 'n')) {
            refuse(file, line, "a conversion in a style or event-handler attribute", attr);
        } else if (in_script(fmt, at)) {
            refuse(file, line, "a conversion inside <script> or <style>", NULL);
        } else if (at_start && (c[0] == 's' || c[0] == 't') &&
                   (!strcmp(attr, "href") || !strcmp(attr, "src") || !strcmp(attr, "action") ||
                    !strcmp(attr, "formaction"))) {
            int ai = 1 + conv;
            if (ai < nargs && !marked_url(args[ai])) {
                char what[96];
                snprintf(what, sizeof what, "%s=\"%%%c...", attr, c[0]);
                refuse(file, line,
                       "a URL attribute begins with data not marked as this program's URL "
                       "(a literal, web_local_path(), *href, *pattern or *_path())",
                       what);
            }
        }
    }
    if (conv != nargs - 2) {
        char d[64];
        snprintf(d, sizeof d, "%d conversions, %d arguments", conv, nargs - 2);
        refuse(file, line, "the arguments do not match the format", d);
    }
}

static void check_file(const char *file)
{
    FILE *f = fopen(file, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot open\n", file);
        nerrors++;
        return;
    }
    size_t cap = 1 << 16, n = 0;
    char *text = malloc(cap);
    size_t got;
    while (text && (got = fread(text + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            char *bigger = realloc(text, cap *= 2);
            if (!bigger)
                free(text);
            text = bigger;
        }
    }
    fclose(f);
    if (!text) {
        fprintf(stderr, "htmlcheck: out of memory\n");
        exit(2);
    }
    text[n] = '\0';
    int line = 1;
    const char *prev_word_end = NULL, *prev_word = NULL;
    for (const char *p = text; *p;) {
        const char *q = skip_lexeme(p, &line);
        if (q != p) {
            p = q;
            continue;
        }
        if (*p == '\n')
            line++;
        if (isalpha((unsigned char)*p) || *p == '_') {
            const char *w = p;
            while (isalnum((unsigned char)*p) || *p == '_')
                p++;
            bool prev_void =
                prev_word && prev_word_end - prev_word == 4 && !strncmp(prev_word, "void", 4);
            if (p - w == 11 && !strncmp(w, "html_printf", 11) && !prev_void &&
                (w == text || (w[-1] != '>' && w[-1] != '.'))) {
                int l = line, tmp = line;
                const char *r = skip_space(p, &tmp);
                if (*r == '(') {
                    arg args[MAX_ARGS];
                    const char *after;
                    int nargs = split_args(r + 1, l, args, MAX_ARGS, &after);
                    if (nargs < 0 || nargs > MAX_ARGS) {
                        refuse(file, l, "cannot read the call", NULL);
                        break;
                    }
                    check_call(file, l, args, nargs);
                }
            }
            prev_word = w;
            prev_word_end = p;
            continue;
        }
        p++;
    }
    free(text);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: htmlcheck FILE.c...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++)
        check_file(argv[i]);
    if (nerrors)
        fprintf(stderr, "htmlcheck: %d call%s refused\n", nerrors, nerrors == 1 ? "" : "s");
    return nerrors ? 1 : 0;
}
