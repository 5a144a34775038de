// reviews.spec.mjs - self-evaluation reviews in a real browser (issue 18 parts 1-2): headless
// Chromium (Debian's, through playwright-core) against a running `onroll serve` over the
// hand-made LA of tests/e2e/offroll/. A SENCO (Ashgrove Academy's school account) starts the SEND
// review of 2025/26, answers the Leadership area (a bad amount first: the error), sees onroll's
// figures pre-filled in Tracking and monitoring (attendance too), marks the review complete, adds the first
// action of its action plan and sees it on the school's duties; then the same pages at 320 px
// without sideways scrolling. axe-core (WCAG 2.2 AA rule sets) on every page; full-page
// screenshots to SHOTS. Args: BASE FIXTURES.json SHOTS. Env: CHROMIUM. Ends with "N passed,
// N failed".
import fs from 'node:fs';

import { check, fail, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const { roleContext, visit, follow, signIn } = spec(base, shotsArg || 'test-results/screenshots', 'reviews');

async function fillDate(page, name, d, m, y) {
    await page.fill(`#${name}-day`, d);
    await page.fill(`#${name}-month`, m);
    await page.fill(`#${name}-year`, y);
}

let reviewPath = '';

// A screenshot of Tracking and monitoring's data fields only (attendance to PEX), to look at.
async function fieldsShot(r, width, name) {
    const top = await r.page.locator('label[for="a3-i11-f1"]').boundingBox();
    const last = await r.page.locator('#a3-i11-f6').boundingBox();
    if (top && last)
        await r.page.screenshot({ path: `${shotsArg || 'test-results/screenshots'}/${name}`, fullPage: true,
            clip: { x: 0, y: Math.max(0, top.y - 10), width, height: last.y + last.height - top.y + 20 } });
}

async function senco(r) {
    await signIn(r, fx.school, fx.password);
    await visit(r, '/reviews', 'the reviews (none yet)');
    await follow(r, 'a:has-text("Start a review")', 'the start form');
    await r.page.check('input[name="instrument"][value="send-review"]');
    await r.page.check('input[name="year"][value="2025"]');
    await follow(r, 'button:has-text("Start the review")', 'the review\'s areas');
    reviewPath = new URL(r.page.url()).pathname;
    let text = await mainText(r.page);
    check('school: the review names the school and year', text.includes('Ashgrove Academy, 2025/26'), text);
    check('school: Leadership has 19 items, none answered', text.includes('0 of 19'), text);
    await follow(r, 'a:has-text("Leadership")', 'the Leadership area');
    await r.page.fill('#a1-i1', '12,500');
    await r.page.check('input[name="a1-i2"][value="yes"]');
    await r.page.check('input[name="a1-i4"][value="Secure"]');
    await follow(r, 'button:has-text("Save and continue")', 'the area with an error', 400);
    text = await mainText(r.page);
    check('school: the amount is refused, saying how to write it', text.includes('Enter an amount in pounds, like 12500 or 12500.50'), text);
    await r.page.fill('#a1-i1', '12500');
    await r.page.check('input[name="a1-j1"][value="Improve"]');
    await r.page.fill('#a1-b1', 'The SENCO sits on the senior leadership team.');
    await follow(r, 'button:has-text("Save and continue")', 'the next area (Identification)');
    text = await mainText(r.page);
    check('school: saved, on to Identification', text.includes('Identification'), text);
    check('school: onroll counts the pupils on SEN support', text.includes('From onroll: 0 pupils on SEN support'), text);
    await visit(r, `${reviewPath}?area=3`, 'Tracking and monitoring');
    text = await mainText(r.page);
    check('school: the suspensions pre-filled with their period',
        text.includes('From onroll: 0 of 3 pupils (0.0%) (2025/26: pupils on roll on census day, 15 January 2026'), text);
    // attendance, the vulnerability dashboard's figures (by hand: test_browser_reviews.sh)
    check('school: the whole school\'s attendance pre-filled with its period',
        text.includes('From onroll: 283 of 300 possible sessions attended (94.33%) by 3 pupils (2025/26: sessions in the school year to 31 July 2026 of the pupils of compulsory school age on roll on census day, 15 January 2026;'), text);
    check('school: no pupil with SEN, so no attendance of theirs',
        text.includes('From onroll: No attendance recorded for pupils with SEN'), text);
    check('school: persistent absence of pupils without SEN',
        text.includes('From onroll: 1 of 3 pupils without SEN (33.33%) attended less than 90% of their possible sessions'), text);
    check('school: the attendance field holds the figure for the school to keep or change',
        (await r.page.inputValue('#a3-i11-f1')) === '283 of 300 possible sessions attended (94.33%) by 3 pupils',
        await r.page.inputValue('#a3-i11-f1'));
    await fieldsShot(r, 1280, 'reviews-attendance-fields.png');
    await visit(r, reviewPath, 'the areas after saving');
    text = await mainText(r.page);
    check('school: Leadership answered 3 of 19 with its judgement', text.includes('3 of 19') && text.includes('Improve'), text);
    await follow(r, 'button:has-text("Mark as complete")', 'the action plan');
    await r.page.selectOption('#area', '1');
    await r.page.fill('#purpose', 'SEN provision, and the roles of staff, understood by all.');
    await r.page.fill('#actions', 'Share the provision map with every teacher.');
    await r.page.fill('#lead', 'Ms Senco, SENCO');
    await fillDate(r.page, 'starts', '13', '4', '2026');
    await fillDate(r.page, 'due', '22', '5', '2026');
    await r.page.fill('#outcomes', 'Every teacher names the provision of their pupils with SEN.');
    await follow(r, 'button:has-text("Add to the plan")', 'the plan with its first action');
    text = await mainText(r.page);
    check('school: the plan shows the action, its lead and dates',
        text.includes('Share the provision map with every teacher. (lead: Ms Senco, SENCO)') && text.includes('13 April 2026 to 22 May 2026'), text);
    await visit(r, '/duties', 'the school\'s duties');
    text = await mainText(r.page);
    check('school: the first action is on the duties, with its lead and date',
        text.includes('Action plans: actions due') && text.includes('Ms Senco, SENCO') && text.includes('22 May 2026'), text);
}

async function narrow(r) {
    await signIn(r, fx.school, fx.password);
    for (const [p, label] of [['/reviews', 'the reviews at 320 px'], [`${reviewPath}?area=1`, 'an area at 320 px'],
        [`${reviewPath}?area=3`, 'the area with attendance at 320 px'],
        [`${reviewPath}/plan`, 'the plan at 320 px'], ['/duties', 'the duties at 320 px']]) {
        await visit(r, p, label);
        const wide = await r.page.evaluate(() => document.documentElement.scrollWidth);
        check(`school_320: ${label}: no sideways scrolling`, wide <= 320, `scrollWidth ${wide}`);
        if (p.endsWith('area=3'))
            await fieldsShot(r, 320, 'reviews-attendance-fields-320.png');
    }
}

const browser = await launch();
try {
    for (const [role, story, width] of [['school', senco, 1280], ['school_320', narrow, 320]]) {
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
