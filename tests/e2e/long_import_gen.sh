#!/bin/sh
# long_import_gen.sh DIR ROWS - synthetic rows for a long import (test_long_import.sh,
# bench/long_import.sh): two schools of LA 999 and a calendar (schools.csv, calendar.csv),
# ROWS/3 pupils with an enrolment each (pupils.csv, enrolments.csv), and ROWS events
# (events.csv): for each pupil a one-session suspension, the action naming it
# (STAT-NOTIFY-PARENT, by hand) and a child-missing-education event. UPNs carry their check
# letter. Only synthetic data.
set -eu
awk -v OUT="$1" -v N="$2" '
function upn(n,   s, sum, p) {
    s = sprintf("999%02d%07d", 20 + n % 6, n)
    sum = 0
    for (p = 2; p <= 13; p++) sum += p * substr(s, p - 1, 1)
    return substr("ABCDEFGHJKLMNPQRTUVWXYZ", sum % 23 + 1, 1) s
}
function day(k,   m, ml) { # 2025-09-01 + k days (k < 300)
    split("30 31 30 31 31 28 31 30 31 30 31 31", ml, " ")
    m = 1
    while (k >= ml[m]) { k -= ml[m]; m++ }
    return sprintf("%04d-%02d-%02d", m <= 4 ? 2025 : 2026, (m + 7) % 12 + 1, k + 1)
}
function sk(k) { # k moved on to a school day of the calendar below (2025-09-01, k 0, a Monday):
    # past a weekend, the Christmas (k 110-125) and Easter (k 208-223) holidays; exclusions and
    # movements start on school days (issue 14)
    if (k % 7 == 5) k += 2
    else if (k % 7 == 6) k += 1
    if (k >= 110 && k <= 125) k = 126
    if (k >= 208 && k <= 223) k = 224
    return k
}
BEGIN {
    f = OUT "/schools.csv"
    print "urn,laestab,name,phase,la_code,type" > f
    print "100001,9992001,Long Import Primary,primary,999,maintained" > f
    print "100002,9994001,Long Import Academy,secondary,999,academy" > f
    f = OUT "/calendar.csv"
    print "scope,start,end,kind,label" > f
    print "LA,2025-09-03,2025-12-19,term,Autumn 2025" > f
    print "LA,2026-01-05,2026-03-27,term,Spring 2026" > f
    print "LA,2026-04-13,2026-07-22,term,Summer 2026" > f
    fp = OUT "/pupils.csv"; fe = OUT "/enrolments.csv"; fv = OUT "/events.csv"
    print "upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of,cla,cin,sen_need,year_group" > fp
    print "upn,urn,start,end,type,year_group" > fe
    print "event_id,upn,urn,type,start,sessions,reasons,ref,rule,delivery" > fv
    P = int((N + 2) / 3)
    n = 0
    for (i = 1; i <= P; i++) {
        u = upn(i); urn = 100001 + i % 2; yg = 4 + i % 8
        printf "%s,Pupil%d,Surname%d,%d-0%d-1%d,%s,WBRI,%d,N,2025-09-01,0,0,,%d\n", u, i, i, 2020 - yg, 1 + i % 9, i % 9, i % 2 ? "M" : "F", i % 3 == 0, yg > fp
        printf "%s,%d,2021-09-01,,main,%d\n", u, urn, yg > fe
        d = day(sk(10 + i % 200))
        if (n++ < N) printf "EX%d,%s,%d,suspension,%s,1,DB,,,\n", i, u, urn, d > fv
        if (n++ < N) printf "A%d,%s,%d,action,%s,,,EX%d,STAT-NOTIFY-PARENT,hand\n", i, u, urn, d, i > fv
        if (n++ < N) printf "C%d,%s,%d,cme,%s,,,,,\n", i, u, urn, day(sk(20 + i % 200)) > fv
    }
}'
