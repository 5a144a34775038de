// roni.spec.mjs - the Risk of NEET Indicator in a real browser (issue 17 part 5): a school's
// careers leader opens /roni, finds Cara (young carer, pregnant or a parent: 4, substantial
// support), reads where each factor comes from, opens her score, tries to change it without a reason (the error summary links to the
// field), then changes it to 1 with a reason and sees the new score, its band and the reason;
// the list shows her at 1. The LA sees the worklist and a school's page; the analyst is refused.
// Every page: axe-core (WCAG 2.2 AA) with 0 violations, no script error or CSP refusal, a
// screenshot; the list and the pupil's page at 320 px with nothing wider than the screen.
//
// Usage: node tests/browser/roni.spec.mjs BASE_URL FIXTURES.json SCREENSHOT_DIR
import fs from 'node:fs';
import { check, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixtures, shots] = process.argv.slice(2);
if (!base || !fixtures || !shots) {
    console.error('usage: node tests/browser/roni.spec.mjs BASE_URL FIXTURES.json SCREENSHOT_DIR');
    process.exit(2);
}
const fx = JSON.parse(fs.readFileSync(fixtures, 'utf8'));
const s = spec(base, shots, 'roni');
const fits = async (r, label) => {
    const w = await r.page.evaluate(() => document.documentElement.scrollWidth);
    const wide = await r.page.evaluate(() => [...document.querySelectorAll('main *')]
        .filter((e) => e.getBoundingClientRect().right > 321)
        .slice(0, 5).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`));
    check(`${r.role}: ${label}: nothing wider than 320 px (${w})`, w <= 320,
        `scrollWidth ${w}: ${wide.join('; ')}`);
};

const browser = await launch();
try {
    // ---- the school's careers leader changes a score ----
    const sa = await s.roleContext(browser, 'school');
    await s.signIn(sa, fx.school, fx.password);
    await s.visit(sa, '/roni', 'the risk of NEET list');
    let text = await mainText(sa.page);
    check('school: the list names Cara with substantial support', /Cara Test.*Substantial support/.test(text), text);
    check('school: not another school\'s pupil', !text.includes(fx.other), text);
    await sa.page.click('summary:has-text("How the score is worked out")');
    const how = await sa.page.locator('details').innerText();
    check('school: how the score is worked out says where custody comes from',
        how.includes('In custody comes only from attendance marks'), how);
    await s.follow(sa, `a[href="/roni/pupils/${fx.cara}"]`, "Cara's score");
    text = await mainText(sa.page);
    check('school: her score is 4 with its factors', text.includes('Score 4') && text.includes('Young carer') &&
        text.includes('Pregnant or a parent'), text);
    await sa.page.fill('#score', '1');
    await s.follow(sa, 'button:has-text("Change the score")', 'a change without a reason', 400);
    check('school: the error summary links to the reason',
        await sa.page.locator('.govuk-error-summary a[href="#reason"]').count() === 1);
    await sa.page.fill('#score', '1');
    await sa.page.fill('#reason', 'Her grandmother now looks after her brother and she has a college place');
    await s.follow(sa, 'button:has-text("Change the score")', 'the score changed');
    text = await mainText(sa.page);
    check('school: the banner says it is changed', text.includes('The score has been changed'), text);
    check('school: she now scores 1, offer support', text.includes('Score 1') && text.includes('Offer support'), text);
    check('school: the reason is shown', text.includes('she has a college place'), text);
    check('school: the calculated score is kept beside it', text.includes('Calculated score 4'), text);
    await s.visit(sa, `/roni?pupil=${fx.cara}`, 'the list after the change');
    text = await mainText(sa.page);
    check('school: the list shows the change', text.includes('Overridden by the school: 1, was 4'), text);
    await s.visit(sa, '/roni/schools/300001', "the school's page");
    await sa.context.close();

    // ---- 320 px ----
    const narrow = await s.roleContext(browser, 'school', 320);
    await s.signIn(narrow, fx.school, fx.password);
    await s.visit(narrow, '/roni', 'the list at 320 px');
    await fits(narrow, 'the list');
    await s.visit(narrow, `/roni/pupils/${fx.cara}`, "Cara's score at 320 px");
    await fits(narrow, "Cara's score");
    await narrow.context.close();

    // ---- the LA sees every school's; the analyst is refused ----
    const la = await s.roleContext(browser, 'la_officer');
    await s.signIn(la, fx.la, fx.password);
    await s.visit(la, '/roni', 'the LA list');
    text = await mainText(la.page);
    check('la_officer: sees the other school\'s pupil too', text.includes(fx.other), text);
    await s.visit(la, '/roni/schools/300002', "Birchwood's page");
    await s.visit(la, '/reports/roni', 'the RONI against destinations');
    await la.context.close();
    const an = await s.roleContext(browser, 'analyst');
    await s.signIn(an, fx.analyst, fx.password);
    await s.visit(an, '/roni', 'the list, refused', 403);
    await an.context.close();
} finally {
    await browser.close();
}
finish();
