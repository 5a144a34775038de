#!/usr/bin/env python3
"""gen_instruments.py - the toolkit's self-evaluation instruments as C data.

Reads <shared>/data/toolkit/toolkit.json (the RSA / Mayor of London "Inclusive & Nurturing
Schools" toolkit, its appendix as data) and writes src/core/instruments_data.c, the seed of the
instrument engine (include/onroll/instruments.h), committed so that building onroll needs neither
python nor the shared directory. Run from anywhere:

    python3 tools/gen_instruments.py [SHARED_DIR]    # SHARED_DIR defaults to ../shared

Three instruments, version 1 each:
  wellbeing-audit   Hackney's Wellbeing Framework audit: 9 areas at Emerging / Established /
                    Advanced with evidence. The source names 5 areas (wellbeing_audit.
                    areas_named_in_document); the other 4 are placeholders saying so, for the LA
                    to rename. Only the exemplar area's descriptor rows are in the source; every
                    other area has one item, the area's level (best fit), and says its
                    descriptors are not in the source.
  send-review       Astrea's SEND Review Tool: 5 areas, 79 items (Not Evident / Developing /
                    Secure, Yes / No, pounds), each area's judgement(s) of Stabilise / Repair /
                    Improve / Sustain, its descriptors, and the strengths / development boxes.
                    The items' data-entry fields that onroll can fill carry a data key (DATA).
  inclusion-review  Astrea's Inclusion Review interview: 9 sections, 52 questions, free text.

Standard library only; any count that differs from the source's stated count stops the script.
"""

import json
import os
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The data-entry fields onroll fills from its own figures (reviews.h or_review_figures).
DATA = {
    "SEN: 'K':": "sen_k",
    "EHCP / Statement:": "sen_e",
    "Attendance whole school:": "att_all",
    "Attendance SEND:": "att_sen",
    "Attendance NSEND:": "att_nsen",
    "Persistent Absenteeism Whole School:": "pa_all",
    "Persistent Absenteeism SEND:": "pa_sen",
    "Persistent Absenteeism NSEND:": "pa_nsen",
    "Exclusions Whole school (1+FTE):": "susp_all",
    "Exclusions SEND (1+FTE):": "susp_sen",
    "Exclusions NSEND (1+FTE):": "susp_nsen",
    "PEX this year SEND vs NSEND:": "pex_sen_nsen",
}
RESP = {
    "not_evident|developing|secure": "OR_RESP_RATING",
    "Yes / No": "OR_RESP_YESNO",
    "\u00a3 amount": "OR_RESP_MONEY",
}


def die(msg):
    sys.stderr.write(f"gen_instruments: {msg}\n")
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

    def strs(self, items):
        if not items:
            return "NULL"
        n = self.name("s")
        self.lines.append(
            f"static const char *const {n}[] = {{{', '.join(c(x) for x in items)}}};")
        return n


def item(o, key, text, resp, descriptors=None, fields=()):
    d = o.strs(descriptors) if descriptors else "NULL"
    f = "NULL"
    if fields:
        f = o.name("f")
        body = ", ".join(
            "{%s, %s}" % (c(lab), c(DATA[lab]) if lab in DATA else "NULL") for lab in fields)
        o.lines.append(f"static const or_instr_field {f}[] = {{{body}}};")
    return "{%s, %s, %s, %s, %d, %s}" % (c(key), c(text), resp, d, len(fields), f)


def section(o, title, placeholder, note, items, descriptors, judged):
    its = o.name("i")
    o.lines.append(f"static const or_instr_item {its}[] = {{\n    " + ",\n    ".join(items) +
                   "};")
    return "{%s, %s, %s, %d, %s, %d, %s, %d, %s}" % (
        c(title), "true" if placeholder else "false", c(note), len(items), its,
        len(descriptors), o.strs(descriptors), len(judged), o.strs(judged))


def instrument(o, iid, title, owner, about, levels, judgements, jnote, boxes, sections):
    secs = o.name("sec")
    o.lines.append(f"static const or_instr_section {secs}[] = {{\n    " +
                   ",\n    ".join(sections) + "};")
    return "{%s, 1, %s, %s, %s, %d, %s, %d, %s, %s, %d, %s, %d, %s}" % (
        c(iid), c(title), c(owner), c(about), len(levels), o.strs(levels), len(judgements),
        o.strs(judgements), c(jnote), len(boxes), o.strs(boxes), len(sections), secs)


def wellbeing(o, t):
    w = t["wellbeing_audit"]
    levels = [lv["name"] for lv in w["levels"]]
    named = [a["name"] for a in w["areas_named_in_document"]]
    ex = w["exemplar_area"]
    if w["area_count"] != 9 or len(named) != 5:
        die("wellbeing_audit: expected 9 areas, 5 named")
    sections = []
    for i in range(9):
        k = i + 1
        if i < len(named):
            title, ph = named[i], False
            note = next((a.get("note", "") for a in w["areas_named_in_document"]
                         if a["name"] == title), "")
        else:
            title, ph = f"Area {k}: name not in the source", True
            note = ("The Wellbeing Framework page is an image in the toolkit: this area's name "
                    "is not in the document. The local authority renames it.")
        items = []
        if title == ex["area"]:
            for j, row in enumerate(ex["descriptor_rows"]):
                desc = [row["emerging"], row["established"], row["advanced"]]
                if "topic_list" in row:
                    tl = "; ".join(row["topic_list"])
                    desc = [d.replace("[topic list + 2 extra]", tl + "; " +
                                      "; ".join(row["advanced_extra_topics"]))
                             .replace("[topic list]", tl) for d in desc]
                items.append(item(o, f"a{k}.i{j + 1}", f"Descriptor row {j + 1}",
                                  "OR_RESP_RATING", desc))
        else:
            items.append(item(o, f"a{k}.i1",
                              "The area's level (best fit). Its descriptors are not in the "
                              "source: the local authority adds them.", "OR_RESP_RATING"))
        sections.append(section(o, title, ph, note, items, [], []))
    return instrument(o, "wellbeing-audit", "Wellbeing Framework audit", w["owner"],
                      w["purpose"], levels, levels,
                      "Not in the source: a best-fit judgement of the area's level.",
                      ["Evidence"], sections)


def send(o, t):
    s = t["send_review"]
    sections, total = [], 0
    for i, sec in enumerate(s["sections"]):
        k = i + 1
        items = []
        for j, it in enumerate(sec["items"]):
            if it["response"] not in RESP:
                die(f"send_review: unknown response {it['response']!r}")
            items.append(item(o, f"a{k}.i{j + 1}", it["text"], RESP[it["response"]], None,
                              it.get("data_entry_fields", [])))
        if len(items) != sec["item_count"]:
            die(f"send_review: {sec['area']}: {len(items)} items, source says "
                f"{sec['item_count']}")
        total += len(items)
        judged = [j.split(" (")[0] for j in sec["overall_judgements"]]
        sections.append(section(o, sec["area"].capitalize(), False, "", items,
                                sec["ofsted_style_descriptors"], judged))
    if total != s["total_items"]:
        die(f"send_review: {total} items, source says {s['total_items']}")
    return instrument(o, "send-review", "SEND Review Tool", s["owner"],
                      "A review of SEND leadership, identification, tracking, teaching and "
                      "provision, area by area.", s["item_rating_levels"],
                      s["overall_judgement_levels"], "", ["Areas of strength",
                                                         "Areas for development"], sections)


def inclusion(o, t):
    r = t["inclusion_review_interview"]
    sections, total = [], 0
    for i, sec in enumerate(r["sections"]):
        items = []
        for q in sec["questions"]:
            text = (q["stem"] + " " + q["text"]) if q.get("stem") else q["text"]
            items.append(item(o, f"a{i + 1}.i{q['n']}", text, "OR_RESP_TEXT"))
        total += len(items)
        sections.append(section(o, sec["section"], False, "", items, [], []))
    if len(sections) != r["section_count"] or total != r["question_count"]:
        die("inclusion_review_interview: counts differ from the source")
    return instrument(o, "inclusion-review", "Inclusion Review interview", r["owner"],
                      "Interview questions for the principal.", [], [], "", [], sections)


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
    ins = [wellbeing(o, t), send(o, t), inclusion(o, t)]
    out = os.path.join(REPO, "src", "core", "instruments_data.c")
    with open(out, "w", encoding="utf-8") as f:
        f.write("/* instruments_data.c - the seeded instruments (instruments.h), generated by "
                "tools/gen_instruments.py\n * from shared/data/toolkit/toolkit.json: do not "
                "edit. */\n#include <stddef.h>\n\n#include \"onroll/instruments.h\"\n\n")
        f.write("\n".join(o.lines))
        f.write("\n\nconst or_instrument or_instruments_seed[] = {\n    " + ",\n    ".join(ins) +
                "};\nconst int or_instruments_seed_count = %d;\n" % len(ins))
    if shutil.which("clang-format"):
        subprocess.run(["clang-format", "-i", out], cwd=REPO, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
