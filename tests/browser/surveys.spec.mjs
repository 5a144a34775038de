// surveys.spec.mjs - surveys in a real browser (issue 18 part 4): headless Chromium (Debian's,
// through playwright-core) against a running `onroll serve` over the LA of tests/e2e/surveys/.
// Ashgrove Academy's school account goes from /reviews to Surveys, starts a survey from
// Kingsford's "My Resilience and Wellbeing" template, gives its scale levels (the source has
// none), adds a question to BELONGING, opens wave 1 today, issues links for Year 7 and sees the
// printable sheet (one slip per pupil, also shot as printed); then the pages at 320 px without
// sideways scrolling. axe-core (WCAG 2.2 AA rule sets) on every page; full-page screenshots to
// SHOTS. Args: BASE FIXTURES.json SHOTS. Env: CHROMIUM. Ends with "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';

import { check, fail, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const shots = shotsArg || 'test-results/screenshots';
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const { roleContext, visit, follow, signIn } = spec(base, shots, 'surveys');

async function fillDate(page, name, d) {
    await page.fill(`#${name}-day`, String(d.getDate()));
    await page.fill(`#${name}-month`, String(d.getMonth() + 1));
    await page.fill(`#${name}-year`, String(d.getFullYear()));
}

let surveyPath = '';

async function school(r) {
    await signIn(r, fx.school, fx.password);
    await visit(r, '/reviews', 'the reviews hub');
    await follow(r, 'main a:has-text("Surveys")', 'the surveys (none yet)');
    await follow(r, 'a:has-text("Start a survey")', 'the start form');
    let text = await mainText(r.page);
    check('school: the start form offers Kingsford\'s template with its counts',
        text.includes("Kingsford's My Resilience and Wellbeing") && text.includes('Pupils: 5 sections, 39 statements'), text);
    await r.page.check('input[name="template"][value="kingsford-resilience"]');
    await r.page.fill('#title', 'Year 7 nurture group');
    await follow(r, 'button:has-text("Start the survey")', 'the new survey');
    surveyPath = new URL(r.page.url()).pathname;
    text = await mainText(r.page);
    check('school: the survey names its school and template', text.includes('Ashgrove Academy') && text.includes("Kingsford's My Resilience and Wellbeing"), text);
    check('school: its five domains', ['BASICS', 'BELONGING', 'LEARNING', 'COPING', 'MY SELF'].every((d) => text.includes(d)), text);
    check('school: the scale the source does not give, said so', text.includes('Not set yet') && text.includes('The source gives no response scale'), text);

    await follow(r, 'a:has-text("Change the questions")', 'the builder');
    await follow(r, 'a[href$="edit?scale=s1"]', 'the scale\'s form');
    await r.page.fill('#levels', 'Yes = 2\nSometimes = 1\nNo = 0');
    await follow(r, 'button:has-text("Save the scale")', 'the builder after the scale');
    text = await mainText(r.page);
    check('school: the scale saved with its scores', text.includes('Your change was saved') && text.includes('Sometimes = 1'), text);
    await follow(r, 'a[href$="edit?item=new&domain=2"]', 'a new question in BELONGING');
    await r.page.fill('#text', 'I have someone to sit with at lunch');
    await follow(r, 'button:has-text("Add the question")', 'the builder with the new question');
    text = await mainText(r.page);
    check('school: the new question is in the survey', text.includes('I have someone to sit with at lunch'), text);

    await r.page.goto(base + surveyPath, { waitUntil: 'load' });
    await follow(r, 'a:has-text("Add a wave")', 'the wave form');
    await r.page.fill('#label', 'Before the nurture group');
    const today = new Date();
    await fillDate(r.page, 'opens_on', today);
    await fillDate(r.page, 'closes_on', new Date(today.getTime() + 28 * 86400e3));
    await follow(r, 'button:has-text("Add the wave")', 'the survey with wave 1');
    text = await mainText(r.page);
    check('school: wave 1 is listed, none answered yet', text.includes('Wave 1') && text.includes('Before the nurture group') && text.includes('0 of 0'), text);
    check('school: the questions can no longer change', !text.includes('Change the questions') && text.includes('can no longer change'), text);

    await follow(r, 'a:has-text("Issue links")', 'the links form');
    text = await mainText(r.page);
    check('school: the form says the sheet is the only record', text.includes('The sheet is the only record of who has which link'), text);
    await r.page.check('input[name="for"][value="pupils"]');
    await r.page.selectOption('#year', '7');
    await r.page.check('input[name="output"][value="sheet"]');
    await follow(r, 'button:has-text("Make the links")', 'the printable sheet');
    text = await mainText(r.page);
    const slips = await r.page.locator('.onroll-slip').count();
    check('school: four slips for Year 7', slips === 4, `${slips} slips`);
    check('school: each slip names its pupil', ['Amira Testwell', 'Bilal Testwell', 'Chloe Sampleton', 'Dev Sampleton'].every((n) => text.includes(n)), text);
    check('school: not Year 8 nor another school\'s pupils', !text.includes('Ellie') && !text.includes('Othertown'), text);
    check('school: each slip has its link', (await r.page.locator('.onroll-slip__link').first().innerText()).includes('/s/'), text);
    await r.page.emulateMedia({ media: 'print' });
    await r.page.screenshot({ path: path.join(shots, 'surveys-99-school-the-sheet-as-printed.png'), fullPage: true });
    const hidden = await r.page.locator('.govuk-template__header').isHidden();
    check('school: printed, the sheet shows the slips without the header', hidden, 'header shown');
    await r.page.emulateMedia({ media: 'screen' });
}

async function narrow(r) {
    await signIn(r, fx.school, fx.password);
    for (const [p, label] of [['/surveys', 'the surveys at 320 px'], [surveyPath, 'the survey at 320 px'],
        [`${surveyPath}/links`, 'the links form at 320 px']]) {
        await visit(r, p, label);
        const wide = await r.page.evaluate(() => document.documentElement.scrollWidth);
        check(`school_320: ${label}: no sideways scrolling`, wide <= 320, `scrollWidth ${wide}`);
    }
    await r.page.check('input[name="for"][value="anonymous"]');
    await r.page.fill('#count', '2');
    await follow(r, 'button:has-text("Make the links")', 'two links without names at 320 px');
    const wide = await r.page.evaluate(() => document.documentElement.scrollWidth);
    check('school_320: the sheet: no sideways scrolling', wide <= 320, `scrollWidth ${wide}`);
}

const browser = await launch();
try {
    for (const [role, story, width] of [['school', school, 1280], ['school_320', narrow, 320]]) {
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
