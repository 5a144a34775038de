// toc.spec.mjs - a theory of change in a real browser (issue 19 part 6): headless Chromium
// (Debian's, through playwright-core) against a running `onroll serve` over the demo LA. The LA
// officer goes from /reviews to the theories of change, starts one (its aim first), is refused
// an outcome nobody would be held responsible for (the toolkit's words), adds an accountable,
// agreed outcome, an activity with who, when and outputs, says the activity feeds the outcome,
// adds the indicator "suspensions per 100 pupils, Year 7 at Brookfield Academy, 2025/26" and
// sees its chart: an SVG line chart with text, and a table whose figure for each term is the
// one `onroll report rates --from --to` printed (the fixtures, from the shell script). Then the
// pages at 320 px without sideways scrolling. axe-core (WCAG 2.2 AA) on every page; full-page
// screenshots to SHOTS. Args: BASE FIXTURES.json SHOTS. Env: CHROMIUM.
import fs from 'node:fs';

import { check, fail, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const { roleContext, visit, follow, signIn } = spec(base, shotsArg || 'test-results/screenshots', 'toc');

async function fillDate(page, name, d, m, y) {
    await page.fill(`#${name}-day`, d);
    await page.fill(`#${name}-month`, m);
    await page.fill(`#${name}-year`, y);
}

let theoryPath = '';
let indicatorPath = '';

async function officer(r) {
    await signIn(r, fx.la, fx.password);
    await visit(r, '/reviews', 'the reviews, the hub');
    await follow(r, 'main a:has-text("Theories of change")', 'the theories of change');
    await follow(r, 'a:has-text("Start a theory of change")', 'the start form');
    await r.page.fill('#title', 'Fewer suspensions in Year 7');
    await r.page.selectOption('#owner', '0');
    await r.page.fill('#aim', 'To have a more inclusive and nurturing school/trust/local education system');
    await follow(r, 'button:has-text("Start the theory of change")', 'the new theory');
    theoryPath = new URL(r.page.url()).pathname;
    let text = await mainText(r.page);
    check('la: the aim is in the Aim(s) column', text.includes('Aim(s)') && text.includes('To have a more inclusive'), text);
    await follow(r, 'a:has-text("Add an outcome")', 'the outcome form');
    await r.page.fill('#body', 'Reduction in number of fixed term exclusions or absenteeism per term (for a particular year group)');
    await r.page.check('input[name="responsible"][value="no"]');
    await r.page.check('input[name="accountable"][value="no"]');
    await r.page.check('input[name="consensus"][value="yes"]');
    await r.page.check('input[name="priority"][value="yes"]');
    await follow(r, 'button:has-text("Add it")', 'the outcome refused', 400);
    text = await mainText(r.page);
    check('la: refused in the toolkit\'s words', text.includes('Don\'t list outcomes you wouldn\'t want to be held responsible for'), text);
    await r.page.check('input[name="responsible"][value="yes"]');
    await r.page.check('input[name="accountable"][value="yes"]');
    await follow(r, 'button:has-text("Add it")', 'the theory with its outcome');
    text = await mainText(r.page);
    check('la: the outcome is accountable and agreed', text.includes('Accountable') && text.includes('Agreed'), text);
    await follow(r, 'a:has-text("Add an activity")', 'the activity form');
    await r.page.fill('#body', 'Restorative practice training for Year 7 tutors');
    await r.page.fill('#who', 'Heads of year and the pastoral lead');
    await r.page.fill('#for_whom', 'Year 7 tutors');
    await fillDate(r.page, 'starts_on', '7', '9', '2026');
    await fillDate(r.page, 'ends_on', '16', '7', '2027');
    await r.page.fill('#outputs', 'A training pack; a termly report to governors');
    await follow(r, 'button:has-text("Add it")', 'the theory with its activity');
    text = await mainText(r.page);
    check('la: the activity with when', text.includes('7 September 2026 to 16 July 2027'), text);
    await follow(r, 'a:has-text("Say what feeds what")', 'the link form');
    const opts = await r.page.$$eval('#from option', (os) => os.map((o) => [o.value, o.textContent]));
    const act = opts.find(([, t]) => t.startsWith('Activities'));
    const out = opts.find(([, t]) => t.startsWith('Outcomes'));
    await r.page.selectOption('#from', act[0]);
    await r.page.selectOption('#to', out[0]);
    await follow(r, 'button:has-text("Save the link")', 'the theory with a link');
    text = await mainText(r.page);
    check('la: the activity feeds the outcome', text.includes('Feeds outcome: Reduction in number'), text);
    await follow(r, 'a:has-text("Add an indicator")', 'the indicator form');
    await r.page.check('input[name="statistic"][value="susp_rate"]');
    await r.page.selectOption('#school', fx.school);
    await r.page.selectOption('#year_group', '7');
    await r.page.selectOption('#first_year', '2025');
    await r.page.selectOption('#last_year', '2025');
    await r.page.fill('#baseline', '9.77');
    await r.page.fill('#target', '5');
    await follow(r, 'button:has-text("Add the indicator")', 'the theory with an indicator');
    await follow(r, 'a:has-text("Suspensions per 100 pupils, Pupils in Year 7")', 'the indicator\'s chart');
    indicatorPath = new URL(r.page.url()).pathname;
    const svgText = await r.page.$$eval('svg.chart text', (ts) => ts.map((t) => t.textContent));
    check('la: the chart is SVG with text labels', svgText.length > 5 && svgText.some((t) => t.includes('Autumn 2025')), svgText.join(' | '));
    for (let i = 0; i < fx.terms.length; i++) {
        const cell = await r.page.$eval(`td[data-term="${i}"]`, (td) => td.textContent);
        check(`la: term ${i + 1}: the figure is the rates report's (${fx.terms[i]})`, cell === fx.terms[i], cell);
    }
    await visit(r, fx.report, 'the workshop report with its theory of change');
    text = await mainText(r.page);
    check('la: the report\'s theory of change section', text.includes('Theory of change') && text.includes('Staff session theory') && text.includes('Early identification of risk of exclusion'), text);
}

async function narrow(r) {
    await signIn(r, fx.la, fx.password);
    for (const [p, label] of [['/theories', 'the list at 320 px'], [theoryPath, 'the theory at 320 px'],
        [indicatorPath, 'the chart at 320 px'], [`${theoryPath}/links/new`, 'the link form at 320 px'],
        [`${theoryPath}/indicators/new`, 'the indicator form at 320 px']]) {
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
