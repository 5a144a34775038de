#!/usr/bin/env python3
"""gen_surveys.py - the toolkit's surveys as C data: the templates of include/onroll/surveys.h.

Reads <shared>/data/toolkit/toolkit.json (the RSA / Mayor of London "Inclusive & Nurturing
Schools" toolkit, its appendix as data) and writes src/core/survey_templates_data.c, committed so
that building onroll needs neither python nor the shared directory. Run from anywhere:

    python3 tools/gen_surveys.py [SHARED_DIR]    # SHARED_DIR defaults to ../shared

Four templates, nothing invented:
  st-marys-pupil        St Mary's pupil survey: 14 statements, "Yes / Most of the time" or "No"
                        (the source's response_options). The source does not group them: one
                        untitled domain.
  st-marys-parental     St Mary's parental survey: 7 statements; the source reports "Strongly
                        Agree", "Agree (Including Strongly Agree)" and "Do not Agree" as
                        percentages: the levels are Strongly Agree, Agree, Do not Agree.
  st-marys-happiness    St Mary's happiness survey: 3 statements; its scale was a chart (not in
                        the text): a scale without levels that the school sets.
  kingsford-resilience  Kingsford's "My Resilience and Wellbeing": 5 domains, 39 statements. The
                        source gives no response scale and does not say how a domain is scored:
                        a scale without levels and no domain score until the school sets them;
                        which statement is in which domain was recovered from the layout
                        (column_assignment "inferred"), and the template says so.
The 2019 percentages (st_marys_*) are the schools' results, context only: never read here.
Standard library only; any count that differs from the source's stated count stops the script.
"""

import json
import os
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def die(msg):
    sys.stderr.write(f"gen_surveys: {msg}\n")
    sys.exit(1)


def c(s):
    return json.dumps(s, ensure_ascii=False)


class Out:
    def __init__(self):
        self.lines = []
        self.n = 0

    def name(self, p):
        self.n += 1
        return f"{p}{self.n}"


def scale(o, sid, title, note, levels):
    lv = "NULL"
    if levels:
        lv = o.name("lv")
        o.lines.append(f"static const or_survey_level {lv}[] = {{" +
                       ", ".join("{%s, false, 0}" % c(x) for x in levels) + "};")
    return "{%s, %s, %s, %d, %s}" % (c(sid), c(title), c(note), len(levels), lv)


def domain(o, title, note, items, first, scale_id):
    its = o.name("it")
    body = ",\n    ".join("{%s, %s, OR_SQ_SCALE, %s}" % (c(f"q{first + k}"), c(t), c(scale_id))
                          for k, t in enumerate(items))
    o.lines.append(f"static const or_survey_item {its}[] = {{\n    {body}}};")
    return "{%s, %s, %d, %s}" % (c(title), c(note), len(items), its)


def template(o, tid, title, source_title, audience, source, about, scoring_note, scales, domains,
             nd, ni):
    sc = o.name("sc")
    o.lines.append(f"static const or_survey_scale {sc}[] = {{" + ", ".join(scales) + "};")
    dm = o.name("dm")
    o.lines.append(f"static const or_survey_domain {dm}[] = {{\n    " + ",\n    ".join(domains) +
                   "};")
    return ("{%s, %s, %s, %d, %d, {%s, %s, %s, %s, OR_SCORE_NONE, %s, %d, %s, %d, %s}}" %
            (c(tid), c(title), c(source_title), nd, ni, c(title), audience, c(source), c(about),
             c(scoring_note), len(scales), sc, len(domains), dm))


UNGROUPED = "The source does not group its statements into domains."
NO_SCORE = "The source gives no domain score."


def st_marys_pupil(o, t):
    s = t["st_marys_pupil_survey"]
    items = [x["statement"] for x in s["items"]]
    if len(items) != 14 or s["response_options"] != ["Yes / Most of the time", "No"]:
        die("st_marys_pupil_survey: counts or options differ from the source")
    sc = scale(o, "s1", " or ".join(s["response_options"]), "The source's response options.",
               s["response_options"])
    return template(o, "st-marys-pupil", "St Mary's pupil survey", s["title"], "OR_AUD_PUPILS",
                    "St Mary's", "", NO_SCORE, [sc],
                    [domain(o, "", UNGROUPED, items, 1, "s1")], 1, len(items))


def st_marys_parental(o, t):
    s = t["st_marys_parental_survey"]
    items = [x["statement"] for x in s["items"]]
    cols = s["response_columns"]
    if len(items) != 7 or cols != ["Strongly Agree (%)", "Agree (Including Strongly Agree) (%)",
                                   "Do not Agree (%)"]:
        die("st_marys_parental_survey: counts or columns differ from the source")
    levels = ["Strongly Agree", "Agree", "Do not Agree"]
    sc = scale(o, "s1", "Strongly Agree, Agree or Do not Agree",
               "The source reports these answers as percentages (its columns: " +
               "; ".join(cols) + ").", levels)
    return template(o, "st-marys-parental", "St Mary's parental survey", s["title"],
                    "OR_AUD_PARENTS", "St Mary's", s["purpose"], NO_SCORE, [sc],
                    [domain(o, "", UNGROUPED, items, 1, "s1")], 1, len(items))


def st_marys_happiness(o, t):
    s = t["st_marys_happiness_survey"]
    items = [x["statement"] for x in s["items"]]
    if len(items) != 3 or not s["response_scale"].get("inferred"):
        die("st_marys_happiness_survey: counts differ from the source")
    sc = scale(o, "s1", "Happiness scale",
               "The source's scale is in charts that are not in its text: set the levels "
               "before a wave opens.", [])
    return template(o, "st-marys-happiness", "St Mary's happiness survey", s["title"],
                    "OR_AUD_PUPILS", "St Mary's", "", NO_SCORE, [sc],
                    [domain(o, "", UNGROUPED, items, 1, "s1")], 1, len(items))


def kingsford(o, t):
    s = t["resilience_wellbeing_survey"]
    doms = s["domains"]
    n = sum(len(v) for v in doms.values())
    if len(doms) != s["domain_count"] or n != s["item_count"] or (len(doms), n) != (5, 39):
        die("resilience_wellbeing_survey: counts differ from the source")
    if not s["response_scale"].get("inferred") or not s["column_assignment"].get("inferred"):
        die("resilience_wellbeing_survey: the source now states its scale: update the generator")
    sc = scale(o, "s1", "Resilience scale",
               "The source gives no response scale: set the levels (and their scores, for a "
               "domain score) before a wave opens.", [])
    out, first = [], 1
    for title, items in doms.items():
        out.append(domain(o, title,
                          "Which statements belong to this domain was recovered from the "
                          "source's layout, not stated in its text.", items, first, "s1"))
        first += len(items)
    return template(o, "kingsford-resilience", "Kingsford's My Resilience and Wellbeing",
                    "MY RESILIENCE AND WELLBEING", "OR_AUD_PUPILS", s["owner"], "",
                    "The source names five domains but does not say how a domain score is "
                    "worked out: choose one (the mean or the sum of the level scores) and give "
                    "each level its score.", [sc], out, s["domain_count"], s["item_count"])


def main(argv):
    shared = argv[1] if len(argv) > 1 else "../shared"
    if len(argv) < 2 and not os.path.isdir(os.path.join(REPO, shared)):
        shared = "../../shared"  # from a worktree under wt/
    if not os.path.isabs(shared):
        shared = os.path.normpath(os.path.join(REPO, shared))
    path = os.path.join(shared, "data", "toolkit", "toolkit.json")
    with open(path, encoding="utf-8") as f:
        t = json.load(f)
    o = Out()
    ts = [st_marys_pupil(o, t), st_marys_parental(o, t), st_marys_happiness(o, t),
          kingsford(o, t)]
    out = os.path.join(REPO, "src", "core", "survey_templates_data.c")
    with open(out, "w", encoding="utf-8") as f:
        f.write("/* survey_templates_data.c - the survey templates (surveys.h), generated by "
                "tools/gen_surveys.py\n * from shared/data/toolkit/toolkit.json: do not "
                "edit. */\n#include <stddef.h>\n\n#include \"onroll/surveys.h\"\n\n")
        f.write("\n".join(o.lines))
        f.write("\n\nconst or_survey_template or_survey_templates[] = {\n    " +
                ",\n    ".join(ts) + "};\nconst int or_survey_templates_count = %d;\n" % len(ts))
    if shutil.which("clang-format"):
        subprocess.run(["clang-format", "-i", out], cwd=REPO, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
