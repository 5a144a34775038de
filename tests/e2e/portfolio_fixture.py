"""portfolio_fixture.py DIR - the LA of test_portfolio.sh and the portfolio browser test,
written relative to today (the server's today is the clock's): five schools and a calendar
whose periods are known by construction, and the expected dates in DIR/dates.env.

Today T. The autumn-like term runs from T-40 to E1 with its half-term holiday from H0+1 to
H0+9, so that half-term 0 is T-40..H0 and half-term 1 is H0+10..E1; the next term runs from
E1+12 to E2 with a holiday inside it. H0, E1, E2 are each the first Thursday on or after T+7,
H0+30 and E1+60 that is not 25 or 26 December or 1 January (no bank holiday falls on any other
Thursday), so each is the last school day of its period:
  a secondary or special school with no meeting: due by H0 (the end of today's half-term);
  one that met today: due by E1 (the end of the next half-term);
  a primary school with no meeting: due by E1 (the end of today's term).
AY is today's academic year (it starts on 1 August)."""
import datetime as dt
import sys

d = sys.argv[1]
T = dt.date.today()


def thursday_from(x):
    while x.weekday() != 3 or (x.month, x.day) in ((12, 25), (12, 26), (1, 1)):
        x += dt.timedelta(days=1)
    return x


H0 = thursday_from(T + dt.timedelta(days=7))
E1 = thursday_from(H0 + dt.timedelta(days=30))
E2 = thursday_from(E1 + dt.timedelta(days=60))
ay = T.year if T.month >= 8 else T.year - 1
D = dt.timedelta
with open(f"{d}/schools.csv", "w") as f:
    f.write("urn,laestab,name,phase,la_code,type\n"
            "400001,9994401,Alder Primary School,primary,999,maintained\n"
            "400002,9994402,Birch High School,secondary,999,academy\n"
            "400003,9994403,Chestnut School,special,999,maintained\n"
            "400004,9994404,Damson Academy,secondary,999,academy\n"
            "400005,9994405,Elm Nursery School,nursery,999,maintained\n")
with open(f"{d}/calendar.csv", "w") as f:
    f.write("scope,start,end,kind,label\n"
            f"LA,{T - D(40)},{E1},term,This term\n"
            f"LA,{H0 + D(1)},{H0 + D(9)},holiday,Half-term\n"
            f"LA,{E1 + D(12)},{E2},term,Next term\n"
            f"LA,{E1 + D(30)},{E1 + D(36)},holiday,Half-term\n")


def words(x):
    return f"{x.day} {x.strftime('%B')} {x.year}"


with open(f"{d}/dates.env", "w") as f:
    f.write(f"AY={ay}\nTODAY={T}\nH0={H0}\nE1={E1}\n")
    f.write(f"H0_WORDS='{words(H0)}'\nE1_WORDS='{words(E1)}'\n")
    f.write(f"DONE_RECENT={T - D(20)}\nDONE_OLD={T - D(400)}\nDONE_LAST_YEAR={T - D(300)}\n")
