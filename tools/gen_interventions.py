#!/usr/bin/env python3
"""gen_interventions.py - normalise Hackney's "No Need to Exclude" interventions into C.

Reads <shared>/data/interventions.csv (78 rows extracted raw from the guide: name, provider,
tier, phase, needs, how_to_access, cost, guide_section) and writes src/core/interventions_data.c,
the seed of the interventions directory (include/onroll/interventions.h), which is committed so
that building onroll needs neither python nor the shared directory. Run from anywhere:

    python3 tools/gen_interventions.py [SHARED_DIR]    # SHARED_DIR defaults to ../shared
    python3 tools/gen_interventions.py --review [SHARED_DIR]   # print the table, write nothing

(a relative SHARED_DIR is taken relative to the repository root).

Every row was reviewed by hand; the decisions are data, below (REVIEW, one entry per row, keyed
by the guide's name). What each normalised field is:

  id             the slug of the name (lower case, words joined by "-", at most 60 characters,
                 cut at a word); stable: it is what `intervention` events name.
  level          one of universal | universal_plus | complex (the guide's levels of need:
                 Universal, Universal Plus, Complex/High Risk; SEAL Wave One -> universal,
                 Wave Two -> universal_plus, Wave Three -> complex). level_basis says where it
                 came from: "guide" when the tier column states a level or a SEAL wave,
                 "inferred" when it states none and the level was decided from the row's
                 content; level_note says why, in words.
  phases         a set of early_years, primary, secondary, post16; the guide's empty phase means
                 every phase.
  needs          tags of the fixed vocabulary (NEEDS, the same as src/core/interventions.c),
                 derived from the row's `needs` text by the keyword rules (RULES) and then the
                 row's overrides (add / drop).
  provider       the service that delivers it, never a person: personal names are removed
                 (PERSON_NAMES must not appear in the output); details of who supports or trains
                 move to how_to_access.
  how_to_access  the guide's text (plus the provider details moved there), or "Not stated in
                 the guide."
  cost           free | charged | varies | unknown, with the guide's words in cost_text.
  evidence       what evidence the guide gives for it, else "Not stated in the guide."
  description    the guide's `needs` text: what it is for.

The output is passed through clang-format when it is installed. Standard library only. Any
surprise (a row without a review entry, a review entry for no row, an unknown tag or phase, a
duplicate id, a personal name left in) stops the script rather than writing a table that
silently differs from the source.
"""

import csv
import hashlib
import os
import re
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOT_STATED = "Not stated in the guide."

LEVELS = ["universal", "universal_plus", "complex"]
PHASES = ["early_years", "primary", "secondary", "post16"]
COSTS = ["free", "charged", "varies", "unknown"]
# The needs vocabulary: the same ids, in the same order, as or_iv_needs in
# src/core/interventions.c (the unit tests check every seed tag against it).
NEEDS = ["behaviour", "social_emotional", "mental_health", "relationships", "attendance",
         "learning", "speech_language", "sen", "family", "parenting", "safeguarding",
         "substance_misuse", "youth_offending", "gangs_exploitation", "transition",
         "exclusion_risk", "staff"]

# Keyword rules: a tag applies when its pattern matches the row's `needs` text (case-insensitive).
RULES = [
    ("behaviour", r"behaviou?r|conduct|anger|discipline|restraint|sanction|breach"),
    ("social_emotional", r"social|emotional|\bSEAL\b|empathy|friendship|self[- ]?esteem|"
                         r"confidence|resilience|feelings"),
    ("mental_health", r"mental health|anxiety|stress|depression|well-?being|bereavement|"
                      r"sadness|sleep"),
    ("relationships", r"conflict|relationship|dispute|bullying|harm\b|mediation"),
    ("attendance", r"attendance|reintegration|reduced\) timetable|timetables"),
    ("learning", r"barriers to learning|learning and social|learning difficult|reading|"
                 r"achievement|attention|executive function"),
    ("speech_language", r"language|communication"),
    ("sen", r"special educational needs|\bSEN\b|autism|disabilit|statement of"),
    ("family", r"famil"),
    ("parenting", r"parent"),
    ("safeguarding", r"child protection|safeguard|sexual abuse"),
    ("substance_misuse", r"\bdrugs?\b|alcohol|substance"),
    ("youth_offending", r"offend|youth justice|\bcrime"),
    ("gangs_exploitation", r"\bgangs?\b|exploitation|county lines"),
    ("transition", r"transfer|managed move|changing setting|newly arrived|placement"),
    ("exclusion_risk", r"exclusion|at risk of|alternative provision"),
    ("staff", r"\bstaff (well-?being|competence|understanding)|staff and pupils|teacher stress|"
              r"training"),
]

# Tier words that state a level (the first that matches wins; rows stating two are decided in
# REVIEW with basis "guide").
TIER_LEVELS = [
    (r"complex|high risk|wave three|wave 3", "complex"),
    (r"universal plus|wave two|wave 2", "universal_plus"),
    (r"\buniversal\b(?! plus)|wave one|wave 1", "universal"),
]

# Names of people the raw data still carries (contacts are services, not people): none of these
# may survive into provider or how_to_access.
PERSON_NAMES = ["Alastair Reid"]

ALL = ["early_years", "primary", "secondary", "post16"]
SCHOOL_AGE = ["primary", "secondary", "post16"]

# ---- the review, row by row -------------------------------------------------------------------
# Keys: level + why (only when the tier states no level, or states more than one); phases (only
# when the guide's phase says something: None = every phase); add / drop (tags); provider (the
# service; None keeps the guide's text); access_note (provider details moved to how_to_access);
# evidence; cost; name (when the guide's name carries a citation).
REVIEW = {
    "Whole School Behaviour Policy": dict(
        provider="School", access_note="Support and guidance available from Hackney Learning "
        "Trust."),
    "Stay on Green behaviour system": dict(
        provider="Hackney Learning Trust", phases=["primary"],
        access_note="Recommended by Hackney Learning Trust; in place in many Hackney primary "
        "schools."),
    "Daily whole class behaviour plenaries": dict(
        provider="School", level="universal", why="whole-class teaching"),
    "SEAL and PSHCE lessons (curriculum); whole class SEAL lessons": dict(provider="School"),
    "Circle Time (whole class Circle Time lessons)": dict(provider="School"),
    "Philosophy for Children": dict(
        provider="School", level="universal", why="whole-class teaching"),
    "School council": dict(
        provider="School", level="universal", why="whole-school structure"),
    "SEAL assemblies (whole school SEAL assemblies)": dict(provider="School"),
    "Playground Friends": dict(
        provider="School", access_note="Run by trained pupils.", level="universal",
        why="whole-school peer support"),
    "Social Emotional Aspects of Learning (SEAL)": dict(
        provider="School", access_note="Implementation recommended and supported by Hackney "
        "Learning Trust.", level="universal", why="the guide states Wave One (whole school and "
        "class) and Wave Two (small group, family); its Wave Two parts are entries of their own "
        "(SEAL Small Group Work, Family SEAL)", basis="guide"),
    "Word of the Week": dict(provider="School"),
    "Staffroom Activities": dict(provider="School", add=["staff"]),
    "SEAL Small Group Work (KS1 and KS2)": dict(
        provider="School", access_note="KS2 materials published by Hackney Learning Trust.",
        phases=["primary"]),
    "Family SEAL": dict(
        provider="School", access_note="Materials published by Hackney Learning Trust.",
        add=["parenting"]),
    "Restorative Approaches to Behaviour and Relationships": dict(
        provider="School", level="universal", why="a whole-school approach, used with "
        "individuals, groups, classes and the whole school"),
    "Restorative Conversations": dict(
        provider="School", level="universal", why="the informal end of the restorative range"),
    "Restorative Enquiry": dict(
        provider="School", level="universal", why="the informal end of the restorative range"),
    "Restorative Mediation": dict(
        provider="School", level="universal_plus", why="a planned encounter for a particular "
        "conflict"),
    "Restorative Mini-Conferences": dict(
        provider="School", level="universal_plus", why="a planned encounter for a particular "
        "conflict"),
    "Restorative Conferences (full)": dict(
        provider="School", level="universal_plus", why="a formal encounter for a particular "
        "conflict or harm"),
    "2-minute Restorative Chat": dict(
        provider="School", level="universal", why="the start of the restorative continuum"),
    "Restorative Community Conference": dict(
        provider="School", level="universal_plus", why="the high-level end of the restorative "
        "continuum, for a particular conflict or harm"),
    "Classroom conference (restorative)": dict(
        provider="School", level="universal", why="a preventative whole-class encounter"),
    "Solution Focused Approaches": dict(
        provider="Hackney Learning Trust Educational Psychology Service",
        access_note="Training available from BRIEF.", level="universal_plus",
        why="individual coaching and group work led by the Educational Psychology Service",
        drop=["parenting", "youth_offending"],
        evidence="The guide cites outcomes of solution focused work: reduced reoffending, "
        "reduced depression measures and improved parenting skills scores; research indicates "
        "that only a small number of sessions are required."),
    "Solution Oriented School Programme (Rees, 2005)": dict(
        name="Solution Oriented School Programme", provider="School", add=["learning"],
        level="universal", why="a whole-school programme",
        evidence="The guide cites Rees (2005)."),
    "Video Interactive Guidance (video feedback)": dict(
        provider="Hackney Learning Trust Educational Psychology Service",
        level="universal_plus", why="targeted video feedback (a solution focused technique)",
        add=["social_emotional", "staff"]),
    "BRIEF solution focused Brief Therapy training": dict(
        provider="BRIEF", level="universal", why="training for staff"),
    "Anti-Bullying": dict(
        provider="School", level="universal", why="a whole-school policy (a statutory duty)",
        add=["safeguarding"]),
    "Mindfulness": dict(
        provider="Hackney Learning Trust Educational Psychology Service", level="universal",
        why="the guide offers it at all three levels (Universal, Universal Plus, Complex/High "
        "Risk), each an entry of its own; this entry is the service as a whole, from its "
        "universal offer", basis="guide"),
    "Mindfulness-based Awareness Training (MBAT)": dict(
        phases=ALL,
        provider="Hackney Learning Trust Educational Psychology Service",
        add=["mental_health", "social_emotional"]),
    "dot-b (whole class mindfulness training)": dict(
        provider="Hackney Learning Trust Educational Psychology Service",
        access_note="Developed by the Mindfulness in Schools Project.", phases=["secondary"]),
    "Paws dot-b (whole class mindfulness training)": dict(
        provider="Hackney Learning Trust Educational Psychology Service",
        access_note="Developed by the Mindfulness in Schools Project.", phases=["primary"]),
    "dot-b Foundations course": dict(
        phases=ALL,
        provider="Hackney Learning Trust Educational Psychology Service",
        access_note="Developed by the Mindfulness in Schools Project; for the whole staff."),
    "Mindfulness INSET sessions (whole staff training in well-being)": dict(
        phases=ALL,
        provider="Hackney Learning Trust Educational Psychology Service",
        access_note="For the whole staff."),
    "The Solihull Approach": dict(
        provider=NOT_STATED, level="universal", why="an approach built into the way all staff "
        "work with children and families (early intervention)", add=["parenting"],
        evidence="Recommended as part of the Healthy Child Programme."),
    "Understanding Your Pupil (whole school training based on the Solihull Approach)": dict(
        phases=ALL,
        provider=NOT_STATED, level="universal", why="whole-school training"),
    "Understanding Your Child (parent group based on the Solihull Approach)": dict(
        provider="First Steps (Early Intervention and Community Psychology Service)",
        phases=["early_years"], level="universal_plus",
        why="a targeted group for parents of young children with emotional and behavioural "
        "difficulties", add=["family"]),
    "Staff Sharing": dict(
        phases=ALL,
        provider="Hackney Learning Trust Educational Psychology Service",
        access_note="An educational psychologist trains the staff group.", level="universal_plus",
        why="problem-solving about an individual pupil, a class or a year group",
        drop=["mental_health"]),
    "Peer Mediation": dict(
        phases=ALL,
        provider="School", access_note="Delivered by trained pupil peer mediators, who work "
        "with pupils younger than themselves."),
    "Pastoral Support Programme (PSP) / Pastoral Support Plan": dict(
        provider="School", access_note="Overseen by a school leader (for example the "
        "Inclusion Manager, the SENCo or a member of the senior management team).",
        level="universal_plus", why="a school-led plan for a pupil at risk of exclusion "
        "(the Re-engagement Unit and the Educational Psychologist are the next step)"),
    "Re-engagement Unit (REU)": dict(
        provider="Re-engagement Unit", access_note="A school support service: a "
        "multi-disciplinary team (education, social care, pastoral management, youth work, "
        "mental health clinicians). For maintained primary schools in Hackney.",
        phases=["primary"], level="complex", why="a multi-disciplinary service for children "
        "at risk of exclusion, by referral"),
    "Circle of Friends": dict(
        provider="School", access_note="Run by the class teacher with support from an "
        "educational psychologist.", level="universal_plus", why="support around one focus "
        "child", add=["relationships"]),
    "Team Teach (positive handling training)": dict(
        phases=ALL,
        provider="Team-Teach", access_note="Hackney Learning Trust has retained a Team-Teach "
        "principal tutor to train staff in Hackney schools.", level="universal",
        why="whole-school training for all staff", add=["staff"], cost="charged"),
    "Parenting Programme": dict(
        phases=ALL,
        provider="Hackney Learning Trust Educational Psychology Service",
        access_note="Run by a range of professionals in Hackney, including the Educational "
        "Psychology Service.", level="universal_plus", why="a targeted group for parents",
        add=["family"], evidence="Evidence cited for children with conduct disorders, "
        "particularly up to the age of 12."),
    "Early Bird": dict(
        phases=ALL,
        provider="Hackney Learning Trust Educational Psychology Service",
        access_note="For parents of children with autism or a social communication disorder. "
        "Educational psychologists co-facilitate with speech and language therapists and "
        "specialist teachers.", level="universal_plus", why="a targeted programme for parents",
        add=["parenting", "family"], drop=["social_emotional"]),
    "Early Bird Plus": dict(
        phases=ALL,
        provider="Hackney Learning Trust Educational Psychology Service",
        access_note="For parents of children with autism or a social communication disorder. "
        "Educational psychologists co-facilitate with speech and language therapists and "
        "specialist teachers.", level="universal_plus", why="a targeted programme for parents",
        add=["parenting", "family"], drop=["social_emotional"]),
    "Incredible Years programme": dict(
        provider="Hackney Learning Trust Educational Psychology Service",
        access_note="Facilitated by an educational psychologist.", level="universal_plus",
        why="a targeted programme for parents", add=["behaviour", "family"], cost="charged"),
    "Bespoke parenting programmes": dict(
        provider="Hackney Learning Trust Educational Psychology Service",
        level="universal_plus", why="a targeted programme for parents", add=["family"],
        cost="charged"),
    "School Counselling Service": dict(
        phases=ALL,
        provider="A Space", access_note="A therapeutic service working in partnership with "
        "Hackney Learning Trust, for pupils and staff.", level="universal_plus",
        why="individual sessions for a pupil who needs them", drop=["learning"]),
    "Nurture Groups": dict(
        provider="School", access_note="Each group is run by two members of staff.",
        phases=["early_years", "primary", "secondary"], level="universal_plus",
        why="a small group for pupils with particular needs",
        evidence="The guide states that pupils typically return full time to their own class "
        "within two to four terms."),
    "Personalised Timetables (temporary part-time / reduced timetable)": dict(
        provider="School", access_note="Only the head teacher (or, in their absence, the "
        "acting head teacher or teacher in charge) can place a pupil on one.",
        level="complex", why="very exceptional circumstances only, for a pupil at risk of "
        "exclusion or returning after absence"),
    "Short term focused alternative provision placement at New Regents College (NRC Lower)": dict(
        provider="New Regents College", level="complex", why="an alternative provision "
        "placement, by formal referral", add=["exclusion_risk", "transition"]),
    "Education Health and Care (EHC) Needs Assessment": dict(
        phases=ALL,
        provider="Hackney Learning Trust", access_note="Plan coordinators, managed by area "
        "coordinators in three area teams (North, Central, South).", level="complex",
        why="a statutory assessment"),
    "In-year transfer": dict(
        provider="Hackney Learning Trust school admissions team", access_note="Schools that "
        "are their own admission authority rank their applications.", level="universal",
        why="the admissions process open to every family", drop=["parenting"]),
    "Managed Move": dict(
        provider="School", access_note="Hackney Learning Trust does not maintain a centralised "
        "procedure.", level="complex",
        why="an alternative to permanent exclusion"),
    # sanctions the guide lists among the steps, not support a school puts in place: kept, so
    # that the directory is the guide's, but not offered for a pupil (the LA may offer them)
    "Fixed-Term Exclusion": dict(
        offered=False,
        provider="School", access_note="The head teacher decides.", level="complex",
        why="a sanction that may show a pupil at risk (more than two may indicate that "
        "exclusion is not working)", add=["exclusion_risk"]),
    "Permanent Exclusion": dict(
        offered=False,
        provider="School", access_note="The head teacher decides.", level="complex",
        why="the last resort", add=["exclusion_risk"],
        drop=["substance_misuse", "safeguarding", "relationships"]),
    "Internal exclusion": dict(
        provider="School", level="universal_plus", why="a measure for one pupil, instead of or "
        "alongside a suspension", add=["behaviour"]),
    "Change of teaching set or class": dict(
        provider="School", level="universal_plus", why="a measure for one pupil",
        add=["behaviour", "exclusion_risk"]),
    "Allocation of a key worker such as a Learning Mentor": dict(
        provider="School", level="universal_plus", why="a measure for one pupil",
        add=["social_emotional", "exclusion_risk"]),
    "Mediation": dict(
        provider="School", level="universal_plus", why="a measure for one pupil",
        add=["relationships", "exclusion_risk"]),
    "Restorative Justice intervention": dict(
        provider="School", level="universal_plus", why="a support strategy for one pupil",
        add=["relationships", "behaviour"]),
    "Assessment of SEN/disability": dict(
        provider="School", access_note="Led by the school's SENCo.", level="universal_plus",
        why="an assessment by the school", add=["exclusion_risk"]),
    "Placement in alternative provision subject to review": dict(
        provider="Alternative provision", level="complex", why="an alternative provision "
        "placement"),
    "HLT AP Panel (referral for intervention and/or alternative provision)": dict(
        provider="Hackney Learning Trust", level="complex", why="a panel deciding alternative "
        "provision, by referral", add=["transition"]),
    "Multi Agency Planning (MAP) meeting": dict(
        provider="School", access_note="A school-led multi-agency planning and review forum "
        "that supports the SENCo in identifying, coordinating and reviewing support.",
        level="universal_plus", why="school-led planning for a pupil with additional needs",
        add=["family"]),
    "Multi Agency Team (MAT)": dict(
        provider="Multi Agency Team (MAT)", phases=["early_years", "primary"],
        level="complex", why="a multi-agency service for needs that school-level support has "
        "not met", add=["family"]),
    "Children and Young People's Partnership Panel (CYPPP)": dict(
        provider="Children and Young People's Partnership Panel (CYPPP)", phases=SCHOOL_AGE,
        level="complex", why="a multi-agency panel for needs that school-level support has "
        "not met", add=["family"]),
    "First Access and Screening Team (FAST)": dict(
        provider="First Access and Screening Team (FAST)", level="complex",
        why="the entry point to the multi-agency services (MAT, CYPPP)",
        add=["family", "safeguarding"]),
    "Children's Social Care": dict(provider="Hackney Children's Social Care", add=["family"]),
    "Educational Psychology Service / school Educational Psychologist": dict(
        provider="Hackney Learning Trust Educational Psychology Service",
        level="universal_plus", why="advice and support for a school about a pupil",
        add=["learning", "social_emotional", "exclusion_risk"]),
    "CAMHS": dict(
        provider="CAMHS (Child and Adolescent Mental Health Services)", level="complex",
        why="a specialist service", add=["mental_health"]),
    "Exclusions Team (Head of Exclusions; Exclusions Officer)": dict(
        provider="Exclusions Team", level="complex", why="advice on a pupil at risk of "
        "permanent exclusion"),
    "SEN Team": dict(provider="SEN Team", level="complex", why="provision for a pupil with "
                     "SEN at risk of exclusion"),
    "SEN Assessment and Monitoring Team": dict(
        provider="SEN Assessment and Monitoring Team", level="complex",
        why="pupils with a statement of SEN who may need a managed move",
        add=["exclusion_risk"]),
    "In Year Fair Access Panel / Fair Access Protocol Panel": dict(
        provider="In Year Fair Access Panel", level="complex",
        why="placement of pupils who are hard to place", add=["exclusion_risk"]),
    "Pupils Out of School Team": dict(
        provider="Pupils Out of School Team", level="complex", why="pupils out of school or "
        "on a reduced timetable", add=["exclusion_risk"]),
    "Emergency annual review": dict(
        provider="School", access_note="The school requests it from the local authority.",
        level="complex", why="a pupil with a statement of SEN at risk of permanent "
        "exclusion", drop=["transition"]),
}

REVIEW_KEYS = {"level", "why", "basis", "phases", "add", "drop", "provider", "access_note",
               "evidence", "cost", "name", "offered"}


def die(msg):
    sys.exit("gen_interventions.py: " + msg)


def sha16(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:16]


def slug(name):
    words = re.findall(r"[a-z0-9]+", name.lower())
    out = ""
    for w in words:
        nxt = (out + "-" + w) if out else w
        if len(nxt) > 60:
            break
        out = nxt
    return out


def tier_level(tier):
    for pattern, level in TIER_LEVELS:
        if re.search(pattern, tier, re.I):
            return level
    return None


def tier_levels(tier):
    return {level for pattern, level in TIER_LEVELS if re.search(pattern, tier, re.I)}


def tags(text):
    return [t for t, pattern in RULES if re.search(pattern, text, re.I)]


def sentence(s):
    s = s.strip()
    return s if not s or s[-1] in ".!?" else s + "."


def normalise(row, line):
    name = row["name"]
    r = REVIEW.get(name)
    if r is None:
        die(f"line {line}: '{name}' has no review entry (add one to REVIEW)")
    bad = set(r) - REVIEW_KEYS
    if bad:
        die(f"review of '{name}': unknown key(s) {', '.join(sorted(bad))}")
    tier = row["tier"].strip()
    stated = tier_levels(tier)
    if "level" in r:
        level = r["level"]
        basis = r.get("basis", "inferred")
        if basis == "inferred" and len(stated) == 1:
            die(f"line {line}: '{name}': the guide states {stated.pop()}; do not infer a level")
        if basis == "guide" and level not in stated:
            die(f"line {line}: '{name}': {level} is not a level the guide states ({tier})")
        if not r.get("why"):
            die(f"line {line}: '{name}': say why the level was chosen")
        why = r["why"][0].upper() + r["why"][1:]
        note = (f"The guide's tier: {tier}. " if tier else "") + sentence(why)
    else:
        level = tier_level(tier)
        if level is None or len(stated) != 1:
            die(f"line {line}: '{name}': tier '{tier}' states {len(stated)} levels; decide one")
        basis = "guide"
        note = f"The guide's tier: {tier}."
    if level not in LEVELS:
        die(f"line {line}: '{name}': level '{level}' is not one of {LEVELS}")

    phases = r.get("phases", ALL)
    for p in phases:
        if p not in PHASES:
            die(f"line {line}: '{name}': phase '{p}' is not one of {PHASES}")
    if row["phase"].strip() == "" and "phases" in r:
        die(f"line {line}: '{name}': the guide gives no phase (every phase); no override")
    if row["phase"].strip() != "" and "phases" not in r:
        die(f"line {line}: '{name}': the guide's phase is '{row['phase']}'; decide the phases")

    needs = tags(row["needs"])
    for t in r.get("drop", []):
        if t not in needs:
            die(f"line {line}: '{name}': drop '{t}', which the rules did not give")
        needs.remove(t)
    for t in r.get("add", []):
        if t in needs:
            die(f"line {line}: '{name}': add '{t}', which the rules give already")
        needs.append(t)
    for t in needs:
        if t not in NEEDS:
            die(f"line {line}: '{name}': need '{t}' is not in the vocabulary")
    if not needs:
        die(f"line {line}: '{name}': no need tag (add one)")
    needs = [t for t in NEEDS if t in needs]  # the vocabulary's order

    provider = r.get("provider") or row["provider"].strip() or NOT_STATED
    access = row["how_to_access"].strip()
    access = sentence(access) if access else ""
    if r.get("access_note"):
        access = (access + " " if access else "") + sentence(r["access_note"])
    access = access or NOT_STATED

    cost_text = row["cost"].strip()
    cost = r.get("cost", "unknown")
    if cost_text and "cost" not in r:
        die(f"line {line}: '{name}': the guide says '{cost_text}' about its cost; classify it")
    if cost not in COSTS:
        die(f"line {line}: '{name}': cost '{cost}' is not one of {COSTS}")

    for person in PERSON_NAMES:
        for field, text in (("provider", provider), ("how_to_access", access)):
            if person in text:
                die(f"line {line}: '{name}': {field} still names {person}")
    display = r.get("name", name)
    return dict(line=line, id=slug(display), name=display, description=sentence(row["needs"]),
                provider=provider, level=level, level_basis=basis, level_note=note,
                phases=";".join(p for p in PHASES if p in phases), needs=";".join(needs),
                how_to_access=access, cost=cost, cost_text=cost_text or NOT_STATED,
                evidence=r.get("evidence", NOT_STATED),
                guide_section=row["guide_section"].strip(),
                offered=r.get("offered", True))


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        want = ["name", "provider", "tier", "phase", "needs", "how_to_access", "cost",
                "guide_section"]
        if reader.fieldnames != want:
            die(f"{path}: columns {reader.fieldnames}, expected {want}")
        rows = list(reader)
    out, seen = [], {}
    for line, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            die(f"{path}:{line}: wrong number of fields")
        e = normalise(row, line)
        if e["id"] in seen:
            die(f"{path}:{line}: id '{e['id']}' is also line {seen[e['id']]}'s")
        seen[e["id"]] = line
        out.append(e)
    names = {r["name"] for r in rows}
    for name in REVIEW:
        if name not in names:
            die(f"review entry '{name}' names no row of {path}")
    return out


def c_string(s):
    """A C string literal: ASCII only, with \\, ", ? and non-printables escaped."""
    out = ['"']
    for b in s.encode("utf-8"):
        c = chr(b)
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "?":
            out.append("\\?")  # no trigraphs under -std=c17
        elif 0x20 <= b < 0x7F:
            out.append(c)
        else:
            out.append("\\%03o" % b)
    out.append('"')
    return "".join(out)


def c_comment(s):
    s = s.replace("\u2019", "'").encode("ascii", "replace").decode("ascii")
    return s.replace("*/", "* /").replace("/*", "/ *")


def clang_format(text, target):
    exe = shutil.which("clang-format")
    if not exe:
        print("gen_interventions.py: clang-format not found; output left unformatted",
              file=sys.stderr)
        return text
    res = subprocess.run([exe, "-style=file", "--assume-filename=" + target], input=text,
                         capture_output=True, text=True, cwd=REPO)
    if res.returncode != 0:
        die("clang-format failed: " + res.stderr)
    return res.stdout


FIELDS = ["id", "name", "description", "provider", "level", "level_basis", "level_note",
          "phases", "needs", "how_to_access", "cost", "cost_text", "evidence", "guide_section"]


def generate(path, entries, target):
    rel = os.path.relpath(path, REPO)
    L = ["/* interventions_data.c - the seed of the interventions directory: the interventions,",
         " * services and referral routes of Hackney's \"No Need to Exclude\" guide, normalised",
         " * (include/onroll/interventions.h says what each field holds).",
         " *",
         f" * Generated by tools/gen_interventions.py from {rel}",
         f" * (sha256 {sha16(path)}): do not edit; the normalisation decisions are data in the",
         " * script, one review entry per row. */",
         '#include "onroll/interventions.h"', "",
         "const or_iv_seed or_iv_seeds[] = {"]
    for e in entries:
        L.append(f"    /* line {e['line']}: {c_comment(e['name'])} */")
        L.append("    {" + ", ".join(c_string(e[f]) for f in FIELDS) + ", " +
                 ("true" if e["offered"] else "false") + "},")
    L += ["};", "",
          "const size_t or_iv_nseeds = sizeof or_iv_seeds / sizeof or_iv_seeds[0];"]
    text = clang_format("\n".join(L) + "\n", target)
    with open(target, "w", encoding="ascii", newline="\n") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(target, REPO)} ({len(entries)} entries)")


def review(entries):
    for e in entries:
        print(f"{e['line']:3} {e['id']}")
        print(f"    level  {e['level']} ({e['level_basis']}): {e['level_note']}")
        print(f"    phases {e['phases']}   cost {e['cost']} ({e['cost_text']})")
        print(f"    needs  {e['needs']}")
        print(f"    from   {e['description']}")
        print(f"    by     {e['provider']}")
        print(f"    access {e['how_to_access']}")
        if e["evidence"] != NOT_STATED:
            print(f"    evid.  {e['evidence']}")


def main(argv):
    args = argv[1:]
    show = "--review" in args
    args = [a for a in args if a != "--review"]
    if len(args) > 1 or any(a in ("-h", "--help") for a in args):
        print(__doc__.strip())
        return 0 if args and args[0] in ("-h", "--help") else 2
    shared = args[0] if args else "../shared"
    if not os.path.isabs(shared):
        shared = os.path.normpath(os.path.join(REPO, shared))
    path = os.path.join(shared, "data", "interventions.csv")
    if not os.path.isfile(path):
        die(f"{path}: not found")
    entries = read(path)
    if show:
        review(entries)
        return 0
    generate(path, entries, os.path.join(REPO, "src", "core", "interventions_data.c"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
