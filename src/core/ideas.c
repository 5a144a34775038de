/* ideas.c - Energy for change's vocabularies, the framing rule, the vote's rules and the
 * ranking (ideas.h). The words are toolkit.json `energy_for_change`'s. */
#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "onroll/ideas.h"

const or_idea_term or_idea_framings[] = {
    {"hmw", "How might we", NULL},
    {"whatif", "What if", NULL},
    {NULL, NULL, NULL},
};

/* categories_for_local_authorities.text_list; the template's label of the third as its hint */
const or_idea_term or_idea_categories[] = {
    {"within-school", "Within school practice", NULL},
    {"across-schools", "Across school practice", NULL},
    {"across-sectors", "Across sectors",
     "The toolkit's template calls it \"Across public + other "
     "sectors\""},
    {NULL, NULL, NULL},
};

const or_idea_term or_idea_energies[] = {
    {"move", "we can move things around relatively easily", NULL},
    {"benefits", "people can see the benefits of change", NULL},
    {"motivated", "people are motivated and committed to change", NULL},
    {"investment", "there is investment and resources to support change", NULL},
    {"levers", "we have the right levers and influence to change", NULL},
    {"timely", "change is timely", NULL},
    {NULL, NULL, NULL},
};

/* indexed by OR_CRIT_*; hint: the criterion's text_prompt */
const or_idea_term or_idea_criteria[] = {
    {"feasibility", "Feasibility", "which opportunities are the most achievable practically?"},
    {"desirability", "Desirability", "which opportunities do we most want?"},
    {"viability", "Viability", "which opportunities do we feel will have a lasting impact?"},
    {NULL, NULL, NULL},
};

const char *or_idea_label(const or_idea_term *vocab, const char *code)
{
    for (; code && vocab->code; vocab++)
        if (!strcmp(vocab->code, code))
            return vocab->label;
    return NULL;
}

int or_idea_criterion_parse(const char *code)
{
    for (int c = 0; code && c < OR_CRIT__N; c++)
        if (!strcmp(or_idea_criteria[c].code, code))
            return c;
    return -1;
}

/* Does s start with the words w (any case), followed by a non-letter or the end? */
static int starts_with_words(const char *s, const char *w)
{
    size_t n = strlen(w);
    return !strncasecmp(s, w, n) && !isalpha((unsigned char)s[n]);
}

or_code or_idea_compose(const char *framing, const char *words, or_sb *out, or_error *err)
{
    const char *w = words ? words : "";
    while (*w == ' ' || *w == '\t' || *w == '\n' || *w == '\r')
        w++;
    size_t len = strlen(w);
    while (len &&
           (w[len - 1] == ' ' || w[len - 1] == '\t' || w[len - 1] == '\n' || w[len - 1] == '\r'))
        len--;
    const char *f = framing && *framing ? or_idea_label(or_idea_framings, framing) : NULL;
    if (framing && *framing && !f)
        return or_fail(err, OR_EINPUT, "Choose \"How might we\" or \"What if\"");
    if (!len)
        return or_fail(err, OR_EINPUT, f ? "Enter your idea after \"%s\"" : "Enter your idea%s",
                       f ? f : "");
    int framed = starts_with_words(w, "How might we") || starts_with_words(w, "What if");
    if (!f && !framed)
        return or_fail(err, OR_EINPUT,
                       "Start your idea with \"How might we\" or \"What if\": the toolkit asks "
                       "for every idea as a question that starts so");
    size_t total = len + (f && !starts_with_words(w, f) ? strlen(f) + 1 : 0);
    if (total > OR_IDEA_TEXT_MAX)
        return or_fail(err, OR_EINPUT, "Your idea must be %d characters or fewer",
                       OR_IDEA_TEXT_MAX);
    if (f && !starts_with_words(w, f)) {
        or_sb_adds(out, f);
        or_sb_addc(out, ' ');
    }
    or_sb_add(out, w, len);
    return OR_OK;
}

or_code or_vote_check_cast(const int used[OR_CRIT__N], int criterion, or_error *err)
{
    if (criterion < 0 || criterion >= OR_CRIT__N)
        return or_fail(err, OR_EINPUT, "%s",
                       "Choose feasibility, desirability or viability for your vote");
    if (used[criterion] >= OR_IDEA_VOTES_PER_CRITERION) {
        return or_fail(err, OR_ERULE,
                       "You have used your %d votes for %s. Take one back to vote again: each "
                       "participant has nine votes, three for each criterion",
                       OR_IDEA_VOTES_PER_CRITERION, or_idea_criteria[criterion].code);
    }
    return OR_OK;
}

or_code or_vote_check_take_back(int on_idea, int criterion, or_error *err)
{
    if (criterion < 0 || criterion >= OR_CRIT__N)
        return or_fail(err, OR_EINPUT, "%s",
                       "Choose feasibility, desirability or viability for your vote");
    if (on_idea <= 0)
        return or_fail(err, OR_EINPUT, "You have no %s vote on this idea to take back",
                       or_idea_criteria[criterion].code);
    return OR_OK;
}

static int score(const or_idea_tally *t, int by)
{
    return by == OR_RANK_OVERALL ? t->total : t->votes[by];
}

void or_ideas_rank(or_idea_tally *t, int n)
{
    for (int i = 0; i < n; i++) {
        t[i].total = 0;
        for (int c = 0; c < OR_CRIT__N; c++)
            t[i].total += t[i].votes[c];
    }
    for (int i = 0; i < n; i++) {
        for (int by = 0; by <= OR_RANK_OVERALL; by++) {
            int r = 1;
            for (int j = 0; j < n; j++)
                if (score(&t[j], by) > score(&t[i], by))
                    r++;
            if (by == OR_RANK_OVERALL)
                t[i].rank_total = r;
            else
                t[i].rank[by] = r;
        }
    }
}

void or_ideas_order(const or_idea_tally *t, int n, int by, int *order)
{
    /* insertion sort: stable, and n is a board's ideas (tens) */
    for (int i = 0; i < n; i++) {
        int j = i;
        while (j > 0 && score(&t[order[j - 1]], by) < score(&t[i], by)) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
}
