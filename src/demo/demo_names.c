/* demo_names.c - the synthetic LA's reference tables: an inner-London ethnicity mix with each
 * group's relative suspension intensity and EAL share, SEN needs, exclusion reasons, pupils'
 * and workers' names, school names, and the words the generated rows use. All invented: no
 * name here belongs to a real pupil, worker or school on purpose. */
#include <stdio.h>

#include "demo/demo_internal.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Census main codes; weight per 1000 pupils; susp relative to WBRI-like 1.0 (DfE tables:
 * Traveller, Gypsy/Roma, Black Caribbean and White and Black Caribbean pupils highest; Indian
 * and Chinese pupils lowest); names: two origins of names, and whether a child of the group
 * (mixed) may have a forename of one and a surname of the other. */
const dm_ethnicity dm_ethnicities[] = {
    {"WBRI", 200, 1.1, 1, {DM_NG_BRIT, DM_NG_BRIT}, false},
    {"WIRI", 10, 1.0, 2, {DM_NG_BRIT, DM_NG_BRIT}, false},
    {"WIRT", 5, 3.5, 5, {DM_NG_BRIT, DM_NG_BRIT}, false},
    {"WROM", 5, 3.0, 60, {DM_NG_EEUR, DM_NG_EEUR}, false},
    {"WOTH", 165, 0.8, 70, {DM_NG_TURK, DM_NG_EEUR}, false},
    {"MWBC", 40, 2.2, 3, {DM_NG_CRB, DM_NG_BRIT}, true},
    {"MWBA", 20, 1.3, 20, {DM_NG_WAFR, DM_NG_BRIT}, true},
    {"MWAS", 15, 0.9, 20, {DM_NG_BRIT, DM_NG_SASIA}, true},
    {"MOTH", 55, 1.3, 25, {DM_NG_LATIN, DM_NG_BRIT}, true},
    {"AIND", 25, 0.3, 60, {DM_NG_IND, DM_NG_IND}, false},
    {"APKN", 10, 0.6, 70, {DM_NG_SASIA, DM_NG_SASIA}, false},
    {"ABAN", 30, 0.5, 80, {DM_NG_SASIA, DM_NG_SASIA}, false},
    {"AOTH", 25, 0.5, 75, {DM_NG_IND, DM_NG_SASIA}, false},
    {"BCRB", 80, 2.0, 3, {DM_NG_CRB, DM_NG_CRB}, false},
    {"BAFR", 160, 0.8, 55, {DM_NG_WAFR, DM_NG_EAFR}, false},
    {"BOTH", 40, 1.4, 20, {DM_NG_CRB, DM_NG_WAFR}, false},
    {"CHNE", 10, 0.2, 60, {DM_NG_CHN, DM_NG_CHN}, false},
    {"OOTH", 80, 0.7, 85, {DM_NG_ARAB, DM_NG_LATIN}, false},
    {"REFU", 10, 1.0, 20, {DM_NG_BRIT, DM_NG_ARAB}, false},
    {"NOBT", 15, 1.2, 20, {DM_NG_BRIT, DM_NG_EEUR}, false},
};
const int dm_nethnicities = N(dm_ethnicities);

/* Primary needs of pupils on SEN support and with an EHC plan (national shape, rounded). */
const dm_weighted dm_needs_k[] = {
    {"SLCN", 250}, {"SEMH", 200}, {"MLD", 170}, {"SPLD", 120}, {"ASD", 100},
    {"NSA", 50},   {"OTH", 30},   {"PD", 30},   {"HI", 20},    {"VI", 10},
    {"SLD", 10},   {"MSI", 5},    {"PMLD", 5},
};
const int dm_nneeds_k = N(dm_needs_k);
const dm_weighted dm_needs_e[] = {
    {"ASD", 330}, {"SLCN", 170}, {"SEMH", 140}, {"SLD", 100}, {"MLD", 80},  {"PD", 50},
    {"PMLD", 40}, {"HI", 30},    {"VI", 20},    {"OTH", 20},  {"SPLD", 20},
};
const int dm_nneeds_e = N(dm_needs_e);

/* Reasons from the 2020-onwards list, persistent disruption most common (DfE shape). */
const dm_weighted dm_reasons[] = {
    {"DB", 380}, {"VA", 150}, {"PP", 110}, {"PA", 100}, {"VP", 90},
    {"DA", 35},  {"OW", 30},  {"DM", 25},  {"MT", 25},  {"BU", 20},
    {"RA", 15},  {"SM", 15},  {"TH", 12},  {"LG", 8},   {"DS", 4},
};
const int dm_nreasons = N(dm_reasons);

/* The 2006-2020 list (to 31 August 2020: one reason per exclusion). */
const dm_weighted dm_reasons_old[] = {
    {"PD", 400}, {"VA", 160}, {"PP", 110}, {"PA", 100}, {"VP", 90}, {"OT", 60},
    {"DA", 30},  {"DM", 25},  {"BU", 15},  {"RA", 15},  {"TH", 15}, {"SM", 10},
};
const int dm_nreasons_old = N(dm_reasons_old);

const char *const dm_providers[] = {
    "Pathways Tuition Centre",        "New Horizons Alternative Provision",
    "The Bridge Education Centre",    "Lea Valley Learning Hub",
    "Step Forward Vocational Centre", "Canal Side Youth Skills Project",
};
const int dm_nproviders = N(dm_providers);

const char *const dm_phase_names[DM_NPHASE] = {"nursery", "primary", "secondary", "all-through",
                                               "special", "ap",      "pru"};

const char *const dm_leaving_text[DM_LEFT_N] = {
    "",
    "Transferred to secondary school",
    "Transferred to primary school",
    "Left at the end of Year 11",
    "Left at the end of sixth form",
    "Moved to another sixth form",
    "Left the local authority's schools",
    "Moved out of the area",
    "Permanently excluded",
    "Managed move",
    "In-year transfer",
    "Elective home education",
    "Child missing education",
    "Left with no known destination",
    "Returned to mainstream school",
    "Moved to an independent school",
    "Dual registration ended",
};

const char *const dm_ev_names[DM_EV_N] = {
    "suspension",         "lunchtime",        "permanent",           "withdrawn", "managed_move",
    "off_site_direction", "ap_placement",     "part_time_timetable", "ehe",       "cme",
    "unexplained_exit",   "in_year_transfer",
};

const char *dm_yg_code(int yg)
{
    static const char *const codes[DM_NYG] = {"N1", "N2", "R", "1",  "2",  "3",  "4",  "5", "6",
                                              "7",  "8",  "9", "10", "11", "12", "13", "14"};
    return yg >= DM_YG_MIN && yg <= DM_YG_MAX ? codes[yg - DM_YG_MIN] : "";
}

/* ---- pupils' names ---- */
typedef struct {
    const char *const *m, *const *f, *const *sur;
    int nm, nf, nsur;
} name_group;

static const char *const brit_m[] = {"Oliver", "Harry",   "Jack",   "George", "Alfie",  "Charlie",
                                     "Thomas", "Freddie", "Leo",    "Oscar",  "Archie", "Joshua",
                                     "Samuel", "Daniel",  "Louis",  "Max",    "Theo",   "Arthur",
                                     "Reuben", "Finley",  "Callum", "Connor", "Ryan",   "Liam"};
static const char *const brit_f[] = {"Olivia", "Amelia",   "Isla",    "Ava",   "Emily", "Poppy",
                                     "Sophie", "Grace",    "Lily",    "Evie",  "Ella",  "Freya",
                                     "Ruby",   "Florence", "Matilda", "Rosie", "Chloe", "Maisie",
                                     "Phoebe", "Daisy",    "Erin",    "Niamh", "Megan", "Holly"};
static const char *const brit_s[] = {
    "Smith",    "Jones",  "Taylor",   "Brown",  "Williams", "Wilson", "Johnson", "Davies",
    "Robinson", "Wright", "Thompson", "Evans",  "Walker",   "White",  "Roberts", "Green",
    "Hall",     "Wood",   "Jackson",  "Clarke", "Murphy",   "Kelly",  "O'Brien", "Hughes",
    "Edwards",  "Turner", "Hill",     "Moore",  "Cooper",   "Ward",   "Doyle",   "Fletcher"};
static const char *const turk_m[] = {"Mehmet", "Emre", "Can",   "Yusuf", "Arda", "Kerem",
                                     "Baran",  "Efe",  "Deniz", "Omer",  "Mert", "Ali"};
static const char *const turk_f[] = {"Elif",  "Zeynep", "Defne", "Ecem",  "Ayse",  "Esra",
                                     "Melis", "Selin",  "Irem",  "Nehir", "Dilan", "Ada"};
static const char *const turk_s[] = {"Yilmaz", "Kaya",   "Demir", "Celik", "Sahin", "Ozturk",
                                     "Aydin",  "Arslan", "Dogan", "Kilic", "Aslan", "Cetin"};
static const char *const eeur_m[] = {"Jakub",  "Filip", "Kacper",  "Oskar",  "Andrei", "Luka",
                                     "Nikola", "Marko", "Mateusz", "Adrian", "Stefan", "Tomas"};
static const char *const eeur_f[] = {"Maja",   "Zuzanna", "Alicja",  "Ioana", "Hanna", "Lena",
                                     "Milena", "Elena",   "Natalia", "Julia", "Sara",  "Ana"};
static const char *const eeur_s[] = {"Nowak",   "Kowalczyk", "Popescu",     "Horvath",
                                     "Novak",   "Petrov",    "Lewandowski", "Ionescu",
                                     "Dumitru", "Marin",     "Kovac",       "Wojcik"};
static const char *const wafr_m[] = {"Daniel", "David",   "Samuel", "Joshua", "Emmanuel", "Tobi",
                                     "Kwame",  "Kofi",    "Ayo",    "Chidi",  "Tunde",    "Femi",
                                     "Isaac",  "Kelechi", "Yaw",    "Caleb"};
static const char *const wafr_f[] = {"Precious", "Blessing", "Favour", "Esther",  "Grace", "Amara",
                                     "Adaeze",   "Abena",    "Ruth",   "Deborah", "Mercy", "Tolu",
                                     "Chioma",   "Efua",     "Ama",    "Temi"};
static const char *const wafr_s[] = {
    "Adeyemi", "Okafor", "Mensah", "Owusu", "Adebayo", "Okonkwo",  "Asante", "Boateng",
    "Olawale", "Eze",    "Nwosu",  "Osei",  "Appiah",  "Ogunleye", "Danso",  "Bello"};
static const char *const eafr_m[] = {"Abdi",  "Mohamed", "Abdullahi", "Hassan", "Ahmed",
                                     "Yusuf", "Ismail",  "Omar",      "Khalid", "Mahad"};
static const char *const eafr_f[] = {"Hodan", "Ayan",  "Fadumo", "Hibaq", "Sagal",
                                     "Idil",  "Amina", "Hamdi",  "Nasra", "Sahra"};
static const char *const eafr_s[] = {"Abdi",  "Hassan", "Mohamed", "Ali",  "Warsame",
                                     "Farah", "Osman",  "Ahmed",   "Jama", "Hersi"};
static const char *const crb_m[] = {"Jayden",  "Tyrese", "Marcus", "Kai",   "Jordan", "Nathan",
                                    "Malachi", "Isaiah", "Elijah", "Andre", "Kyle",   "Jerome",
                                    "Dwayne",  "Tyler",  "Shane",  "Leon"};
static const char *const crb_f[] = {"Tiana", "Shanice",   "Jada", "Aaliyah", "Imani",   "Kayla",
                                    "Nia",   "Chantelle", "Maya", "Keisha",  "Jasmine", "Naomi",
                                    "Amani", "Tia",       "Jade", "Renee"};
static const char *const crb_s[] = {"Campbell", "Brown",   "Williams", "Francis", "Thomas",
                                    "Grant",    "Edwards", "Clarke",   "Henry",   "Reid",
                                    "Johnson",  "Lewis",   "Morgan",   "Bailey",  "Richards",
                                    "Douglas",  "Gordon",  "Spencer",  "Samuels", "Barrett"};
static const char *const sasia_m[] = {"Mohammed", "Muhammad", "Ibrahim", "Yusuf",  "Zayn",
                                      "Ayaan",    "Hamza",    "Adam",    "Rayyan", "Ismail",
                                      "Zakariya", "Abdullah", "Imran",   "Tariq",  "Arif"};
static const char *const sasia_f[] = {"Aisha", "Maryam",   "Fatima", "Safa",    "Amira",
                                      "Inaya", "Hafsa",    "Zara",   "Sumaiya", "Ayesha",
                                      "Hana",  "Nusaibah", "Raisa",  "Tahmina", "Sadia"};
static const char *const sasia_s[] = {"Rahman", "Uddin",   "Hussain",   "Islam",  "Miah",  "Khan",
                                      "Ali",    "Hossain", "Chowdhury", "Akhtar", "Malik", "Iqbal",
                                      "Sheikh", "Karim",   "Ahmed",     "Mahmood"};
static const char *const ind_m[] = {"Arjun", "Aarav",  "Rohan", "Vihaan", "Krish", "Dev",
                                    "Aryan", "Ishaan", "Jay",   "Nikhil", "Kabir", "Rahul"};
static const char *const ind_f[] = {"Anaya", "Priya", "Diya", "Aanya",  "Riya", "Sana",
                                    "Kavya", "Meera", "Isha", "Saanvi", "Tara", "Nisha"};
static const char *const ind_s[] = {"Patel", "Shah",  "Singh",   "Sharma", "Gupta",
                                    "Mehta", "Joshi", "Desai",   "Pillai", "Kumar",
                                    "Nair",  "Rao",   "Chauhan", "Thakkar"};
static const char *const chn_m[] = {"Ethan", "Ryan", "Jason", "Lucas", "Wei",
                                    "Hao",   "Jun",  "Kevin", "Aaron", "Eric"};
static const char *const chn_f[] = {"Chloe", "Emily",   "Grace", "Mei",   "Xin",
                                    "Lily",  "Jessica", "Yan",   "Joyce", "Vivian"};
static const char *const chn_s[] = {"Chen", "Wong",   "Li", "Wang", "Zhang", "Liu",
                                    "Lam",  "Cheung", "Ng", "Ho",   "Chan",  "Lee"};
static const char *const arab_m[] = {"Omar",    "Ali",  "Karim", "Sami",  "Amir",  "Hadi",
                                     "Youssef", "Ziad", "Tariq", "Bilal", "Hamza", "Adam"};
static const char *const arab_f[] = {"Layla", "Mariam", "Lina",  "Nour", "Leila", "Yasmin",
                                     "Dina",  "Rania",  "Salma", "Huda", "Farah", "Sara"};
static const char *const arab_s[] = {"Haddad", "Saleh", "Mansour", "Hosseini", "Karimi", "Rahimi",
                                     "Ahmadi", "Aziz",  "Nasser",  "Khalil",   "Hamdan", "Abbas"};
static const char *const latin_m[] = {"Mateo",   "Diego", "Nico",   "Carlos", "Santiago",
                                      "Gabriel", "Lucas", "Thiago", "Samuel", "Felipe"};
static const char *const latin_f[] = {"Valentina", "Isabella", "Camila",  "Sofia", "Lucia",
                                      "Mariana",   "Gabriela", "Daniela", "Paula", "Luna"};
static const char *const latin_s[] = {"Gonzalez", "Rodriguez", "Torres",  "Morales", "Silva",
                                      "Santos",   "Ferreira",  "Pereira", "Gomez",   "Ramirez"};

#define GROUP(m, f, s)                                                                             \
    {                                                                                              \
        m, f, s, N(m), N(f), N(s)                                                                  \
    }
/* in the order of the DM_NG_ constants */
static const name_group groups[] = {
    GROUP(brit_m, brit_f, brit_s),    GROUP(turk_m, turk_f, turk_s),
    GROUP(eeur_m, eeur_f, eeur_s),    GROUP(wafr_m, wafr_f, wafr_s),
    GROUP(eafr_m, eafr_f, eafr_s),    GROUP(crb_m, crb_f, crb_s),
    GROUP(sasia_m, sasia_f, sasia_s), GROUP(ind_m, ind_f, ind_s),
    GROUP(chn_m, chn_f, chn_s),       GROUP(arab_m, arab_f, arab_s),
    GROUP(latin_m, latin_f, latin_s),
};

const char *dm_forename(dm_rng *r, int group, char sex)
{
    const name_group *g = &groups[group];
    return sex == 'M' ? g->m[dm_below(r, g->nm)] : g->f[dm_below(r, g->nf)];
}

const char *dm_surname(dm_rng *r, int group)
{
    const name_group *g = &groups[group];
    return g->sur[dm_below(r, g->nsur)];
}

/* ---- workers ---- */
static const char *const worker_first[] = {
    "sarah",  "james",  "aisha",  "daniel",  "grace",  "tom",    "priya",  "kwame",
    "emma",   "joseph", "fatima", "liam",    "rachel", "samuel", "hannah", "david",
    "zainab", "chris",  "laura",  "michael", "nadia",  "ben",    "chloe",  "ahmed",
    "helen",  "marcus", "ola",    "kate",    "yusuf",  "jenny",  "andrew", "mei"};
static const char *const worker_last[] = {
    "thompson", "okafor", "patel",   "hughes",  "begum",  "campbell", "kowalski", "murphy",
    "adeyemi",  "shah",   "roberts", "mensah",  "evans",  "rahman",   "clarke",   "nowak",
    "walker",   "osei",   "green",   "hussain", "taylor", "francis",  "reid",     "yilmaz",
    "fox",      "morgan", "lam",     "quinn",   "byrne"};

void dm_worker_name(int i, char *buf, size_t size)
{
    int nf = N(worker_first), nl = N(worker_last);
    snprintf(buf, size, "%s.%s", worker_first[i % nf], worker_last[(i / nf * 5 + i * 7) % nl]);
}

/* ---- schools ---- */
static const char *const primary_stems[] = {
    "Albion",     "Ashgrove",    "Beechwood",      "Birchfield",   "Blossom Lane", "Brookside",
    "Canalside",  "Cedar Park",  "Chestnut Grove", "Clifton Road", "Copperfield",  "Daisy Hill",
    "Elmhurst",   "Fairfield",   "Fernbank",       "Foxgrove",     "Gatehouse",    "Glenmore",
    "Hazelwood",  "Heathside",   "Hollybush",      "Ivydale",      "Juniper",      "Kingsmead",
    "Larkrise",   "Laurel Bank", "Linden",         "Maple Grove",  "Marlowe",      "Meadowside",
    "Millfield",  "Mulberry",    "Northbrook",     "Oakfield",     "Orchard",      "Parkside",
    "Pembury",    "Poplar Walk", "Primrose Lane",  "Queensbridge", "Ravenscroft",  "Riverside",
    "Rosemead",   "Rushmore",    "Sandringham",    "Southwold",    "Springfield",  "Stamford Lane",
    "Sunnyside",  "Sycamore",    "Thornbury",      "Tollgate",     "Walnut Tree",  "Waterside",
    "Wellington", "Westbury",    "Whitmore",       "Willowbrook",  "Windmill",     "Wren Park"};
static const char *const faith_stems[] = {
    "St Mary's CE",    "St John the Baptist CE", "St Monica's RC",  "Our Lady's RC",
    "St Dominic's RC", "Christ Church CE",       "Holy Trinity CE", "St Paul's CE",
    "St Matthias CE",  "St Scholastica's RC",    "St Peter's CE",   "St Joseph's RC",
    "St Luke's CE",    "Our Lady of Lourdes RC", "St Michael's CE", "St Anne's RC",
    "Emmanuel CE",     "St Thomas More RC"};
static const char *const secondary_stems[] = {
    "Brookfield",  "Kingsland",  "Marsh Lane", "Hollybrook",    "Arden Park",
    "Bridgewater", "Eastbrook",  "Lea Valley", "Northfield",    "Riverside",
    "Stoneleigh",  "Thornton",   "Westmoor",   "St Aidan's CE", "Parkview",
    "Haverfield",  "Canal Park", "Grove Park", "Mayfield",      "Oakwood"};
static const char *const nursery_names[] = {
    "Sunflower Nursery School", "Rainbow Nursery School",       "Millfields Nursery School",
    "Hopscotch Nursery School", "Little Acorns Nursery School", "Bluebell Nursery School"};
static const char *const all_through_names[] = {"Thornhill Academy", "Gateway Academy"};
static const char *const special_names[] = {"Ivy Lodge School",   "Oak Tree School",
                                            "The Willows School", "Horizon School",
                                            "Brook Green School", "Cedar House School"};
static const char *const ap_names[] = {"Pathways Alternative Provision Academy",
                                       "Phoenix Academy (alternative provision)",
                                       "Compass Alternative Provision Academy"};
static const char *const pru_names[] = {"Eastgate Pupil Referral Unit",
                                        "New Start Pupil Referral Unit"};

/* The i-th name of a list: past its end, the same names again with a number. */
static const char *nth_name(or_arena *a, const char *const *list, int n, int i, const char *suffix)
{
    if (i < n)
        return or_arena_printf(a, "%s%s", list[i], suffix);
    return or_arena_printf(a, "%s%s (%d)", list[i % n], suffix, i / n + 1);
}

const char *dm_primary_name(or_arena *a, int i, bool faith)
{
    if (faith)
        return nth_name(a, faith_stems, N(faith_stems), i, " Primary School");
    return nth_name(a, primary_stems, N(primary_stems), i, " Primary School");
}

const char *dm_secondary_name(or_arena *a, int i, const char *type)
{
    const char *suffix = type[0] == 'a' ? " Academy" : type[0] == 'f' ? " Free School" : " School";
    return nth_name(a, secondary_stems, N(secondary_stems), i, suffix);
}

const char *dm_other_school_name(or_arena *a, int phase, int i)
{
    switch (phase) {
    case DM_NURSERY:
        return nth_name(a, nursery_names, N(nursery_names), i, "");
    case DM_ALL_THROUGH:
        return nth_name(a, all_through_names, N(all_through_names), i, "");
    case DM_SPECIAL:
        return nth_name(a, special_names, N(special_names), i, "");
    case DM_AP:
        return nth_name(a, ap_names, N(ap_names), i, "");
    default:
        return nth_name(a, pru_names, N(pru_names), i, "");
    }
}
