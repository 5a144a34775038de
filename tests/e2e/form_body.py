# form_body.py HTML [NAME=VALUE...] - what a browser sends back from the page's last POST form
# (the last form when it has none): its hidden fields, then the given fields, which replace
# hidden ones of the same name. A name given again replaces its earlier value, unless it is one
# of $FORM_LISTS (space-separated names, "*" for every name): those are lists, every value sent
# (ticked checkboxes). URL-encoded on stdout. Used by web_lib.sh's form_body.
import html, os, re, sys, urllib.parse

s = open(sys.argv[1], encoding="utf-8", errors="replace").read()
pairs = []
starts = [m.start() for m in re.finditer(r'<form method="post"', s)] or \
    [m.start() for m in re.finditer(r"<form", s)]
if starts:
    form = s[starts[-1]:]
    form = form[:form.index("</form>")]
    pairs = [(m.group(1), html.unescape(m.group(2))) for m in
             re.finditer(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', form)]
lists = os.environ.get("FORM_LISTS", "").split()
given = []
for kv in sys.argv[2:]:
    k, v = kv.split("=", 1)
    if k not in lists and "*" not in lists:
        given = [g for g in given if g[0] != k]
    given.append((k, v))
names = set(k for k, _ in given)
pairs = [p for p in pairs if p[0] not in names] + given
sys.stdout.write(urllib.parse.urlencode(pairs))
