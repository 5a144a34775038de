// instruments.spec.mjs - the LA's versions of instruments in a real browser (issue 18 part 1):
// headless Chromium (Debian's, through playwright-core) against a running `onroll serve` over
// the hand-made LA of tests/e2e/offroll/. An LA officer starts Ashgrove's Wellbeing Framework
// audit on version 1, opens the instruments from /reviews, renames the placeholder area 6
// "Staff wellbeing" and adds an item to it (a descriptor that does not fit the scale refused
// first), saves version 2; Ashgrove's review still shows version 1 (area 6 the placeholder,
// without the item), a new review of Beacon takes version 2 (its name and item); then the
// pages at 320 px without sideways scrolling. axe-core (WCAG 2.2 AA) on every page; full-page
// screenshots to SHOTS. Args: BASE FIXTURES.json SHOTS. Env: CHROMIUM. Ends with "N passed,
// N failed".
import fs from 'node:fs';

import { check, fail, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const { roleContext, visit, follow, signIn } = spec(base, shotsArg || 'test-results/screenshots', 'instruments');

let oldReview = '';

async function startReview(r, school, label) {
    await visit(r, '/reviews/new', `the start form (${label})`);
    await r.page.check('input[name="instrument"][value="wellbeing-audit"]');
    await r.page.selectOption('#school', school);
    await r.page.check('input[name="year"][value="2025"]');
    await follow(r, 'button:has-text("Start the review")', `the review's areas (${label})`);
    return new URL(r.page.url()).pathname;
}

async function officer(r) {
    await signIn(r, fx.la, fx.password);
    oldReview = await startReview(r, '300001', 'Ashgrove, version 1');
    let text = await mainText(r.page);
    check('la: Ashgrove\'s review is on version 1', text.includes('(version 1)'), text);

    await visit(r, '/reviews', 'the reviews');
    await follow(r, 'a:has-text("The instruments")', 'the instruments');
    text = await mainText(r.page);
    check('la: the list shows the three instruments', text.includes('Wellbeing Framework audit') &&
        text.includes('SEND Review Tool') && text.includes('Inclusion Review interview'), text);
    await follow(r, 'a:has-text("Wellbeing Framework audit")', 'the wellbeing audit');
    text = await mainText(r.page);
    check('la: its areas and items readable, area 6 a placeholder', text.includes('6. Area 6: name not in the source'), text);
    await follow(r, 'a:has-text("Edit (makes version 2)")', 'the instrument\'s form');
    await follow(r, 'a:has-text("Edit area 6")', 'area 6\'s form');
    text = await mainText(r.page);
    check('la: area 6 says the toolkit does not name it', text.includes('The toolkit does not name this area'), text);
    await r.page.fill('#title', 'Staff wellbeing');
    await r.page.fill('#item1-text', 'Staff have regular supervision');
    await r.page.selectOption('#item1-resp', 'yes_no');
    await r.page.fill('#item1-descr', 'Sometimes\nAlways');
    await follow(r, 'button:has-text("Save as version 2")', 'area 6 with an error', 400);
    text = await mainText(r.page);
    check('la: a descriptor that does not fit the scale is refused, naming it',
        text.includes("The new item's descriptors: 2 lines given, starting 'Sometimes'; the scale has 3 levels"), text);
    await r.page.fill('#item1-descr', '');
    await follow(r, 'button:has-text("Save as version 2")', 'version 2 saved');
    text = await mainText(r.page);
    check('la: version 2 saved, area 6 by its name, the new item', text.includes('Version 2 was saved.') &&
        text.includes('6. Staff wellbeing') && text.includes('Staff have regular supervision'), text);

    await visit(r, oldReview, 'Ashgrove\'s review after version 2');
    text = await mainText(r.page);
    check('la: Ashgrove\'s review still shows version 1', text.includes('(version 1)') &&
        text.includes('Area 6: name not in the source'), text);
    await visit(r, `${oldReview}?area=6`, 'Ashgrove\'s area 6 (version 1)');
    text = await mainText(r.page);
    check('la: ... without version 2\'s item', !text.includes('Staff have regular supervision'), text);

    const fresh = await startReview(r, '300002', 'Beacon, version 2');
    text = await mainText(r.page);
    check('la: a new review takes version 2', text.includes('(version 2)') && text.includes('Staff wellbeing'), text);
    await visit(r, `${fresh}?area=6`, 'Beacon\'s area 6 (version 2)');
    text = await mainText(r.page);
    check('la: ... with the new item, saying the LA named the area', text.includes('Staff have regular supervision') &&
        text.includes('The local authority named this area: the toolkit does not name it.'), text);
}

async function narrow(r) {
    await signIn(r, fx.la, fx.password);
    for (const [p, label] of [['/instruments', 'the instruments at 320 px'],
        ['/instruments/wellbeing-audit', 'an instrument at 320 px'],
        ['/instruments/wellbeing-audit/edit', 'the instrument\'s form at 320 px'],
        ['/instruments/wellbeing-audit/edit?area=6', 'an area\'s form at 320 px'],
        ['/instruments/new', 'a new instrument at 320 px']]) {
        await visit(r, p, label);
        const wide = await r.page.evaluate(() => document.documentElement.scrollWidth);
        check(`la_320: ${label}: no sideways scrolling`, wide <= 320, `scrollWidth ${wide}`);
    }
}

const browser = await launch();
try {
    for (const [role, story, width] of [['la', officer, 1280], ['la_320', narrow, 320]]) {
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
