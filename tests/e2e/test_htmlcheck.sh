#!/bin/sh
# test_htmlcheck.sh - the build-time check of escaping (tools/htmlcheck.c, run by make before
# the library is built): each bad html_printf call is refused with its file and line, and the
# good ones pass. The checker is built by make as $BUILD/tools/htmlcheck.
. tests/e2e/lib.sh
CHECK=$(pwd)/${BUILD:-build}/tools/htmlcheck
if [ ! -x "$CHECK" ]; then
    fail "the checker is built by make" "$CHECK missing"
    finish
    exit 1
fi

# refused NAME REASON LINE CODE: CODE (a function body) must be refused at bad.c:LINE.
refused() {
    printf '#include "html/html.h"\nvoid f(or_sb *out, const char *name, const char *fmt, int n)\n{\n%s\n}\n' "$4" >"$WORK/bad.c"
    "$CHECK" "$WORK/bad.c" >"$WORK/out" 2>&1
    expect_eq "$1: refused" 1 $?
    expect_in "... at the file and line" "$WORK/bad.c:$3: html_printf: $2" "$WORK/out"
}

refused "a format from data" "the format is not a string literal" 4 \
    '    html_printf(out, fmt, name);'
refused "a conversion html_printf does not have (%x)" "a conversion html_printf does not have: %x" 4 \
    '    html_printf(out, "<p>%x</p>", n);'
refused "a precision (%.2s)" "a conversion html_printf does not have" 5 \
    '    (void)n;
    html_printf(out, "<p>%.2s</p>", name);'
refused "an argument too few" "the arguments do not match the format: 2 conversions, 1 arguments" 4 \
    '    html_printf(out, "<p>%s %d</p>", name);'
refused "an argument too many" "the arguments do not match the format: 1 conversions, 2 arguments" 4 \
    '    html_printf(out, "<p>%s</p>", name, n);'
refused "an unquoted attribute" "a conversion in an unquoted attribute value" 4 \
    '    html_printf(out, "<input value=%s>", name);'
refused "an event handler" "a conversion in a style or event-handler attribute: onclick" 4 \
    '    html_printf(out, "<a onclick=\"go(%s)\">x</a>", name);'
refused "a style attribute" "a conversion in a style or event-handler attribute: style" 4 \
    '    html_printf(out, "<p style=\"color: %s\">x</p>", name);'
refused "inside a script" "a conversion inside <script> or <style>" 4 \
    '    html_printf(out, "<script>var who = \"%s\";</script>", name);'
refused "a link to data (javascript: would pass the escaping)" \
    "a URL attribute begins with data not marked" 4 \
    '    html_printf(out, "<a href=\"%s\">%s</a>", name, name);'
refused "a form sent to data" "a URL attribute begins with data not marked" 4 \
    '    html_printf(out,
                "<form action=\"%t\">", name);'
refused "a call split over lines: the line of the call" "the format is not a string literal" 6 \
    '    /* "html_printf(out, fmt)" in a comment is not a call */
    html_raw(out, "html_printf(out, fmt)");
    html_printf(out,
                fmt);'

# The good calls, as the pages write them: all accepted.
cat >"$WORK/good.c" <<'CODE'
#include "html/html.h"
#define FIELD "csrf"
void f(or_sb *out, const char *name, const char *back_href, int n, const struct route *r);
void f(or_sb *out, const char *name, const char *back_href, int n, const struct route *r)
{
    html_printf(out, "<p class=\"x\">%s has %d of %zu (%lld) %u%%</p>\n", name, n, (size_t)n,
                (long long)n, 1u);
    html_printf(out, "<a href=\"/pupils?name=%t&amp;n=%d\">%s</a>", name, n, name);
    html_printf(out, "<a href=\"%s\">%s</a>", back_href, name);
    html_printf(out, "<a href=\"%s\">%s</a>", r->pattern, name);
    html_printf(out, "<a href=\"%s\">x</a>", web_letters_path(req, name));
    html_printf(out, "<a href=\"%s\">x</a>", web_local_path(name) ? name : "/");
    html_printf(out, "<a href=\"%s\">x</a>", "/pupils");
    html_printf(out, "<input name=\"" FIELD "\" value=\"%s\">", name);
    html_printf(out, "<script type=\"module\" src=\"/init.mjs?v=%t\"></script>", name);
    html_printf(out, "<p>%s</p>", f(out, "a, b", back_href, (n, n), r) ? "yes" : "no");
}
CODE
"$CHECK" "$WORK/good.c" >"$WORK/out" 2>&1
expect_eq "the good calls pass" 0 $?
expect_eq "... saying nothing" "" "$(cat "$WORK/out")"

# And the whole tree passes (make runs this before it builds the library).
"$CHECK" src/*/*.c >"$WORK/out" 2>&1
expect_eq "every html_printf call in src/ passes" 0 $?

finish
