// settings.spec.mjs - the settings people fill once and the letter written from its duty, in a
// real browser (issue 14 item 5): the LA administrator fills the LA's settings and a school's on
// /admin/settings through their forms; the school's account opens the pupil's record, presses
// "Write the letter" beside the duty the letter does, writes the draft and finds the head
// teacher's, the clerk's and the LA team's names in it. Every page: axe-core (WCAG 2.2 AA) with
// 0 violations, no script error or CSP refusal, a full-page screenshot; the settings page and the
// letter at 320 px wide with nothing wider than the screen; the settings form used by keyboard.
//
// Usage: node tests/browser/settings.spec.mjs BASE_URL FIXTURES.json SCREENSHOT_DIR
import fs from 'node:fs';
import { check, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixtures, shots] = process.argv.slice(2);
if (!base || !fixtures || !shots) {
    console.error('usage: node tests/browser/settings.spec.mjs BASE_URL FIXTURES.json SCREENSHOT_DIR');
    process.exit(2);
}
const fx = JSON.parse(fs.readFileSync(fixtures, 'utf8'));
const s = spec(base, shots, 'settings');
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
    // ---- the LA administrator fills the LA's settings, by keyboard ----
    const ad = await s.roleContext(browser, 'la_admin');
    await s.signIn(ad, fx.admin, fx.password);
    await s.visit(ad, '/admin/settings', 'the LA settings');
    await ad.page.focus('#name');
    await ad.page.keyboard.press('Control+A');
    await ad.page.keyboard.type('Kestrel Borough Council');
    await ad.page.keyboard.press('Tab');
    check('la_admin: Tab moves from the LA name to the team name',
        await ad.page.evaluate(() => document.activeElement && document.activeElement.id) === 'team_name');
    await ad.page.keyboard.type('Inclusion and Exclusions Team');
    await ad.page.fill('#team_email', 'exclusions@kestrel.example.gov.uk');
    await ad.page.fill('#team_phone', '01632 960 000');
    await s.follow(ad, 'button:has-text("Save settings")', 'the LA settings saved');
    check('la_admin: the banner says they are saved',
        (await mainText(ad.page)).includes('Settings saved'), await mainText(ad.page));
    // a bad email address: the error summary and the field's error
    await ad.page.fill('#team_email', 'exclusions.kestrel');
    await s.follow(ad, 'button:has-text("Save settings")', 'a bad email address', 400);
    check('la_admin: the error summary links to the field',
        await ad.page.locator('.govuk-error-summary a[href="#team_email"]').count() === 1);
    // the school's settings, from the list of schools
    await s.visit(ad, '/admin/settings', 'the LA settings again');
    await s.follow(ad, 'a[href="/schools/100001/settings"]', "school A's settings");
    await ad.page.fill('#head_teacher', 'Ms Asha Patel');
    await ad.page.fill('#clerk_name', 'Mr Colin Hart');
    await ad.page.fill('#clerk_email', 'clerk@hillside.example.sch.uk');
    await ad.page.fill('#address', 'Hill Road\nKestrel KE1 4HA');
    await s.follow(ad, 'button:has-text("Save settings")', "school A's settings saved");
    check("la_admin: school A's head teacher is kept",
        await ad.page.inputValue('#head_teacher') === 'Ms Asha Patel');
    await ad.context.close();

    const narrow = await s.roleContext(browser, 'la_admin', 320);
    await s.signIn(narrow, fx.admin, fx.password);
    await s.visit(narrow, '/admin/settings', 'the LA settings at 320 px');
    await fits(narrow, 'the LA settings');
    await narrow.context.close();

    // ---- the school writes the letter from the duty ----
    const sa = await s.roleContext(browser, 'school');
    await s.signIn(sa, fx.school, fx.password);
    await s.visit(sa, `/pupils/${fx.upn}`, "the pupil's record");
    const button = `a.onroll-duty-letter[href*="duty=STAT-NOTIFY-PARENT"]`;
    check('school: a Write the letter button beside STAT-NOTIFY-PARENT',
        await sa.page.locator(button).count() === 1);
    await s.follow(sa, button, 'the letter for the duty');
    check("school: it is the parents' letter",
        (await mainText(sa.page)).includes('Suspension: letter to the parents'));
    await s.follow(sa, 'button:has-text("Write a draft: Suspension: letter to the parents")',
        'the draft written from the duty');
    const sheet = await sa.page.locator('article.onroll-letter').innerText();
    check('school: the letter is signed by the head teacher', sheet.includes('Ms Asha Patel'), sheet);
    check('school: it names the clerk and where to write',
        sheet.includes('Mr Colin Hart, by email to clerk@hillside.example.sch.uk'), sheet);
    check("school: it names the LA's team",
        sheet.includes('Inclusion and Exclusions Team, Kestrel Borough Council'), sheet);
    check('school: no gap for a name the settings hold',
        !/\[name of the head teacher\]|clerk to the governing board\]|exclusions team\]/.test(sheet), sheet);
    const letter = new URL(sa.page.url()).pathname + new URL(sa.page.url()).search;
    await sa.context.close();

    const sn = await s.roleContext(browser, 'school', 320);
    await s.signIn(sn, fx.school, fx.password);
    await s.visit(sn, letter, 'the letter at 320 px');
    await fits(sn, 'the letter');
    await sn.context.close();
} finally {
    await browser.close();
}
finish();
