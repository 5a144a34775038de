// movements.spec.mjs - a school records pupil movements in a real browser (issue 14, item 6):
// headless Chromium (Debian's, through playwright-core) against a running `onroll serve` over
// the scenario of tests/e2e/movements/, the school's head signing in through the form:
//
//   1. from the pupil's record, "Record a movement"; choose "Managed move"; the form has the
//      school the pupil moves to and the last day on roll only; an empty "Continue" lists both
//      errors at once; filled in, the check page says which registration it ends; "Save the
//      managed move" lands on the pupil's record with a banner;
//   2. the same for elective home education (only the date and notes);
//   3. the choice and a movement's form at 320 px wide: no sideways scrolling.
//
// axe-core (WCAG 2.2 AA rule sets) runs on every page opened, with the server's CSP on.
// Full-page screenshots go to SHOTS. Ends with "N passed, N failed"; exits non-zero on failure.
// Args: BASE FIXTURES.json SHOTS. Env: CHROMIUM (default /usr/bin/chromium).
import fs from 'node:fs';

import { check, fail, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const { roleContext, visit, follow, signIn: signInAs } =
    spec(base, shotsArg || 'test-results/screenshots', 'movements');
const signIn = (r, email) => signInAs(r, email, fx.password);

async function fillDate(page, name, d, m, y) {
    await page.fill(`#${name}-day`, d);
    await page.fill(`#${name}-month`, m);
    await page.fill(`#${name}-year`, y);
}

async function managedMove(r) {
    await signIn(r, fx.school);
    await visit(r, `/pupils/${fx.moved}`, 'the pupil\'s record');
    await follow(r, 'a:has-text("Record a movement")', 'choose a movement');
    await r.page.check('input[name="kind"][value="managed_move"]');
    await follow(r, 'button:has-text("Continue")', 'the managed move form');
    const form = await mainText(r.page);
    check('school: the managed move asks where the pupil moves to', form.includes('School the pupil moves to'), form);
    check('school: ... and not for a provider or an end date',
        (await r.page.locator('#provider, #end-day').count()) === 0, form);
    await follow(r, 'button:has-text("Continue")', 'the form sent empty', 400);
    const errors = await r.page.locator('.govuk-error-summary__list li').allInnerTexts();
    check('school: every error at once', errors.length === 2 &&
        errors.some((e) => /last day on the school's roll/.test(e)) &&
        errors.some((e) => /school the pupil moves to/.test(e)), errors.join(' | '));
    await fillDate(r.page, 'start', '23', '1', '2026');
    await r.page.selectOption('#to_urn', { label: fx.toName });
    await r.page.fill('#notes', 'The six-week trial went well.');
    await follow(r, 'button:has-text("Continue")', 'the check page');
    const text = await mainText(r.page);
    check('school: the check page says what the move ends',
        text.includes(`ends ${fx.movedName}'s registration at ${fx.schoolName} on 23 January 2026`), text);
    await follow(r, 'button:has-text("Save the managed move")', 'the pupil after the move');
    const after = await mainText(r.page);
    check('school: told it is recorded', after.includes('Managed move recorded. The pupil\'s registration at the school ended on 23 January 2026.'), after);
}

async function homeEducation(r) {
    await signIn(r, fx.school);
    await visit(r, `/pupils/${fx.ehe}/movements/new`, 'choose a movement (EHE)');
    await r.page.check('input[name="kind"][value="ehe"]');
    await follow(r, 'button:has-text("Continue")', 'the EHE form');
    check('school: the EHE form has no destination', (await r.page.locator('#to_urn').count()) === 0);
    await fillDate(r.page, 'start', '6', '2', '2026');
    await follow(r, 'button:has-text("Continue")', 'the EHE check page');
    const text = await mainText(r.page);
    check('school: the EHE check page says what it ends',
        text.includes(`ends ${fx.eheName}'s registration at ${fx.schoolName} on 6 February 2026`), text);
    await follow(r, 'button:has-text("Save the elective home education")', 'the pupil after the EHE');
    const after = await mainText(r.page);
    check('school: told the EHE is recorded', after.includes('Elective home education recorded.'), after);
}

async function narrow(r) {
    await signIn(r, fx.school);
    for (const [path, label] of [[`/pupils/${fx.stays}/movements/new`, 'the choice at 320 px'],
        [`/pupils/${fx.stays}/movements/new?kind=off_site_direction`, 'an off-site direction at 320 px']]) {
        await visit(r, path, label);
        const wide = await r.page.evaluate(() => document.documentElement.scrollWidth);
        check(`school_320: no sideways scrolling: ${label}`, wide <= 320, `scrollWidth ${wide}`);
    }
    // the keyboard: the first radio is reached with Tab from the skip link onwards
    await r.page.keyboard.press('Tab');
    check('school_320: the keyboard reaches the page', await r.page.evaluate(() => document.activeElement !== document.body));
}

const browser = await launch();
try {
    for (const [role, story, width] of [['school', managedMove, 1280], ['school_ehe', homeEducation, 1280],
        ['school_320', narrow, 320]]) {
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
