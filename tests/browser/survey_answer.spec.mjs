// survey_answer.spec.mjs - a survey answered through its link on a phone, and its results, in a
// real browser (issue 18 part 4): headless Chromium (Debian's, through playwright-core) against a
// running `onroll serve` with the surveys of tests/e2e/survey_data.sh, wave 1 answered and wave 2
// answered by all but R1 (test_browser_survey_answer.sh). At 320 px, with no account: an unknown
// link; R1's link (the survey's words, GOV.UK radios); a tampered answer refused with the error
// summary; R1 answers and is thanked; opens the link again and is told it has answered. Then the
// school sees the change since the earlier wave with its interval (worked by hand in
// tests/unit/test_survey_results.c), no names and no comments, and the governors' summary, wide
// and at 320 px. axe-core (WCAG 2.2 AA rule sets) on every page; full-page screenshots to SHOTS.
// Args: BASE FIXTURES.json SHOTS. Env: CHROMIUM. Ends with "N passed, N failed".
import fs from 'node:fs';

import { check, fail, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const { roleContext, visit, follow, signIn } = spec(base, shotsArg || 'test-results/screenshots', 'survey');

async function narrowCheck(r, label) {
    const wide = await r.page.evaluate(() => document.documentElement.scrollWidth);
    check(`${r.role}: ${label}: no sideways scrolling at 320 px`, wide <= 320, `scrollWidth ${wide}`);
}

async function pupil(r) {
    await visit(r, '/s/this-is-not-a-link-0123456789abcdefghijklmnopq', 'an unknown link', 404);
    let text = await mainText(r.page);
    check('pupil: an unknown link says only so', text.includes('This link is not recognised'), text);
    await narrowCheck(r, 'an unknown link');

    await visit(r, `/s/${fx.token}`, 'the survey on a phone');
    text = await mainText(r.page);
    check('pupil: the survey\'s own words', text.includes('I feel safe most of the time')
        && text.includes('People look out for me and I can count on them'), text);
    check('pupil: told the answers are anonymous', text.includes('Your answers do not have your name on them.'), text);
    check('pupil: no sign-in, no navigation', (await r.page.locator('.govuk-service-navigation').count()) === 0, '');
    check('pupil: each question is a fieldset with its words as the legend',
        (await r.page.locator('fieldset legend:has-text("I feel safe most of the time")').count()) === 1, '');
    await narrowCheck(r, 'the survey');

    // a tampered answer: the form says so in the error summary, nothing is stored
    await r.page.evaluate(() => {
        const i = document.querySelector('input[name="a-b1"]');
        i.value = 'Sometimes';
        i.checked = true;
    });
    await follow(r, 'button:has-text("Send my answers")', 'an answer that cannot be used', 400);
    text = await mainText(r.page);
    check('pupil: the error summary', text.includes('There is a problem'), text);
    await narrowCheck(r, 'the error');

    await r.page.check('input[name="a-b1"][value="Strongly Agree"]');
    await r.page.check('input[name="a-b2"][value="Strongly Agree"]');
    await r.page.check('input[name="a-g1"][value="Agree"]');
    await r.page.check('input[name="a-g2"][value="Strongly Agree"]');
    await r.page.fill('#a-t1', 'SECRET-COMMENT-1');
    await follow(r, 'button:has-text("Send my answers")', 'the answers sent');
    text = await mainText(r.page);
    check('pupil: thanked', text.includes('Your answers have been sent.'), text);

    await visit(r, `/s/${fx.token}`, 'the link opened again');
    text = await mainText(r.page);
    check('pupil: a second time is refused, kindly', text.includes('You have already answered this survey. Thank you.'), text);
    check('pupil: no form the second time', (await r.page.locator('form').count()) === 0, '');
    await narrowCheck(r, 'already answered');
}

async function school(r, narrow) {
    await signIn(r, fx.school, fx.password);
    const results = `/surveys/${fx.survey}/results`;
    await visit(r, results, 'the results, Spring against Autumn');
    let text = await mainText(r.page);
    check(`${r.role}: the change of a question with its interval`,
        text.includes('I feel safe most of the time') && text.includes('rose by 0.83 (95% confidence interval 0.40 to 1.26)'), text);
    check(`${r.role}: BELONGING's score and change`, text.includes('2.43') && text.includes('-0.16 to 1.16'), text);
    check(`${r.role}: a small count hidden`, text.includes('Mean score: c.'), text);
    check(`${r.role}: comments counted, not shown`, text.includes('3 comments') && !text.includes('SECRET-COMMENT'), text);
    check(`${r.role}: no pseudonym, no link`, !text.includes('PSEUDO') && !text.includes(fx.token), '');
    if (narrow)
        await narrowCheck(r, 'the results');
    await follow(r, 'a:has-text("Summary for governors")', 'the governors\' summary');
    text = await mainText(r.page);
    check(`${r.role}: the summary says who answered`, text.includes('7 of the 10 people given a link answered Spring'), text);
    check(`${r.role}: the summary's change by part`, text.includes('BELONGING') && text.includes('-0.16 to 1.16'), text);
    if (narrow)
        await narrowCheck(r, 'the summary');
}

const browser = await launch();
try {
    for (const [role, story, width] of [['pupil', pupil, 320], ['school', (r) => school(r, false), 1280],
        ['school_320', (r) => school(r, true), 320]]) {
        const r = await roleContext(browser, role, width);
        try {
            await story(r);
        } catch (e) {
            fail(`${role}: the story ran`, e.stack || e);
        }
        await r.context.close();
    }
} finally {
    await browser.close();
}
finish();
