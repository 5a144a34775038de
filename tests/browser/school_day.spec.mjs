// school_day.spec.mjs - the school's day in a real browser (issue 14, "Done means"): the school's
// account signs in and lands on its dashboard; opens a pupil with two suspensions this term and
// no support plan (RISK-REPEAT-SUSP and RISK-NO-PLAN fire); records a suspension starting on
// the next school day through the form, and sees its duties on the check page and, once saved,
// on the pupil's page at once (telling the parents is due today, though the suspension starts
// tomorrow); writes the parents' letter from the "Write the letter" button beside that duty;
// starts a Pastoral Support Programme; and sees RISK-NO-PLAN gone. Every page: axe-core (WCAG
// 2.2 AA) 0 violations, no script error or CSP refusal, a screenshot; the pupil's page at 320 px.
//
// Usage: node tests/browser/school_day.spec.mjs BASE_URL FIXTURES.json SCREENSHOT_DIR
import fs from 'node:fs';
import { check, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixtures, shots] = process.argv.slice(2);
if (!base || !fixtures || !shots) {
    console.error('usage: node tests/browser/school_day.spec.mjs BASE_URL FIXTURES.json SCREENSHOT_DIR');
    process.exit(2);
}
const fx = JSON.parse(fs.readFileSync(fixtures, 'utf8'));
const s = spec(base, shots, 'school-day');
const [y, m, d] = fx.next_school_day.split('-');

const browser = await launch();
try {
    const r = await s.roleContext(browser, 'school');
    await s.signIn(r, fx.school, fx.password);
    check('school: signing in lands on the dashboard', new URL(r.page.url()).pathname === '/dashboard',
        r.page.url());
    await s.axeCheck(r, 'the dashboard');
    await s.visit(r, `/pupils/${fx.upn}`, 'the pupil before');
    let text = await mainText(r.page);
    check('school: before: RISK-NO-PLAN fires (two suspensions, no plan)', text.includes('RISK-NO-PLAN'),
        text.slice(0, 600));

    // record a suspension starting on the next school day
    await s.follow(r, `a[href="/pupils/${fx.upn}/record"]`, 'the record form');
    await r.page.check('input[name="type"][value="suspension"]');
    await r.page.fill('#start-day', String(Number(d)));
    await r.page.fill('#start-month', String(Number(m)));
    await r.page.fill('#start-year', y);
    await r.page.fill('#sessions', '4');
    await r.page.locator('input[name="reasons"]').first().check();
    await s.follow(r, 'button:has-text("Continue")', 'the check page');
    text = await mainText(r.page);
    check('school: the check page lists the duties the suspension brings',
        text.includes('Tell the parent of the suspension'), text.slice(0, 800));
    await s.follow(r, 'button:has-text("Save the suspension")', 'the pupil after recording');
    text = await mainText(r.page);
    check("school: saved: the duties are on the pupil's page at once, though it starts tomorrow",
        text.includes('Tell the parent of the suspension'), text.slice(0, 1200));
    check('school: telling the parents is due today', text.includes(fx.today_words), fx.today_words);

    // the parents' letter, from its duty
    const button = `tr:has-text("${fx.today_words}") a.onroll-duty-letter[href*="duty=STAT-NOTIFY-PARENT"]`;
    check('school: a "Write the letter" button beside telling the parents, due today',
        await r.page.locator(button).count() === 1, await r.page.locator('a.onroll-duty-letter').count());
    await s.follow(r, button, 'the letter for the duty');
    await s.follow(r, 'button:has-text("Write a draft: Suspension: letter to the parents")',
        'the draft letter');
    const sheet = await r.page.locator('article.onroll-letter').innerText();
    check("school: the letter names the pupil and the suspension's first day",
        sheet.includes(fx.pupil_name) && sheet.includes(fx.next_school_day_words), sheet.slice(0, 600));

    // a Pastoral Support Programme, then RISK-NO-PLAN is gone
    await s.visit(r, `/pupils/${fx.upn}/plans/new?kind=psp&urn=${fx.urn}`, 'the PSP form');
    const [ey, em, ed] = fx.psp_end.split('-');
    await r.page.fill('#end-day', String(Number(ed)));
    await r.page.fill('#end-month', String(Number(em)));
    await r.page.fill('#end-year', ey);
    await r.page.fill('#targets_pupil', 'Arrive on time to every lesson; use the time-out card.');
    await r.page.fill('#targets_school', 'A key adult checks in every morning.');
    await r.page.fill('#targets_family', 'Sign the report card every evening.');
    await r.page.fill('#leader', 'Deputy head (pastoral)');
    await s.follow(r, 'button[value="check"]', 'the PSP check page');
    await s.follow(r, 'button[value="save"]', 'the plans after saving the PSP');
    check('school: the PSP is saved', /Pastoral Support Programme recorded/.test(await mainText(r.page)));
    await s.visit(r, `/pupils/${fx.upn}`, 'the pupil after the PSP');
    text = await mainText(r.page);
    check('school: after the PSP, RISK-NO-PLAN no longer fires', !text.includes('RISK-NO-PLAN'),
        text.slice(0, 1200));
    await r.context.close();

    const narrow = await s.roleContext(browser, 'school', 320);
    await s.signIn(narrow, fx.school, fx.password);
    await s.visit(narrow, `/pupils/${fx.upn}`, "the pupil's page at 320 px");
    const w = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
    const wide = await narrow.page.evaluate(() => [...document.querySelectorAll('main *')]
        .filter((e) => e.getBoundingClientRect().right > 321 && !e.closest('.onroll-scroll'))
        .slice(0, 6).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`));
    check(`school: the pupil's page fits 320 px (${w})`, w <= 320, wide.join('; '));
    await narrow.context.close();
} finally {
    await browser.close();
}
finish();
