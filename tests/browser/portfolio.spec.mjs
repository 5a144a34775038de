// portfolio.spec.mjs - the LA's portfolio of reviews and the partnership meetings in a real
// browser (issue 18 part 3): headless Chromium (Debian's, through playwright-core) against a
// running `onroll serve` over tests/e2e/portfolio_fixture.py's LA with the reviews of
// test_portfolio.sh seeded. The LA officer opens the portfolio from /reviews, sees 3 of 5 schools
// engaged and the level of each area, filters to secondary schools, downloads the CSV; the
// secondary school sees its partnership meeting due on /duties, records it with "Record meeting",
// and the duty moves on to the next half-term; then the pages at 320 px without sideways
// scrolling. axe-core (WCAG 2.2 AA rule sets) on every page; full-page screenshots to SHOTS.
// Args: BASE FIXTURES.json SHOTS. Env: CHROMIUM. Ends with "N passed, N failed".
import fs from 'node:fs';

import { check, fail, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const { roleContext, visit, follow, signIn } = spec(base, shotsArg || 'test-results/screenshots', 'portfolio');

async function officer(r) {
    await signIn(r, fx.la, fx.laPassword);
    await visit(r, '/reviews', 'the reviews hub');
    await follow(r, 'a:has-text("Portfolio of reviews")', 'the portfolio');
    let text = await mainText(r.page);
    check('la_officer: 3 of 5 schools engaged', text.includes('3 of 5 schools engaged'), text.slice(0, 600));
    const row = async (area) => (await r.page.locator('#levels-table tr', { hasText: area }).first().innerText())
        .split('\t').map((c) => c.trim());
    const a1 = await row('leadership and management');
    check('la_officer: leadership and management: Emerging 1, Established 1, Advanced 1, not judged 0',
        a1.slice(1).join(' ') === '1 1 1 0', a1.join('|'));
    const a2 = await row('student voice and parent engagement');
    check('la_officer: student voice: Advanced 1, not judged 2', a2.slice(1).join(' ') === '0 0 1 2', a2.join('|'));
    const m1 = (await r.page.locator('#movement-table tr', { hasText: 'leadership and management' }).first().innerText())
        .split('\t').map((c) => c.trim());
    check('la_officer: movement: up 1, the same 1, down 1', m1.slice(1).join(' ') === '1 1 1', m1.join('|'));
    check('la_officer: four reviews due', text.includes('Showing 1 to 4 of 4 results'), text);
    await r.page.selectOption('#phase', 'secondary');
    await follow(r, 'button:has-text("Apply filters")', 'secondary schools only');
    text = await mainText(r.page);
    check('la_officer: secondary: 1 of 2 engaged, 2 due',
        text.includes('1 of 2 schools engaged') && text.includes('Showing 1 to 2 of 2 results'), text.slice(0, 800));
    const [download] = await Promise.all([
        r.page.waitForEvent('download'),
        r.page.click('a:has-text("Download this list (CSV)")'),
    ]);
    check('la_officer: the file is onroll-portfolio-due.csv', download.suggestedFilename() === 'onroll-portfolio-due.csv',
        download.suggestedFilename());
    const csv = fs.readFileSync(await download.path(), 'utf8').trim().split('\n').map((l) => l.trim());
    check('la_officer: the CSV holds the two secondary schools due',
        csv.length === 3 && csv[1].startsWith('Birch High School,400002,secondary,started,') &&
            csv[2] === 'Damson Academy,400004,secondary,none,', csv.join('\n'));
    await follow(r, 'a:has-text("Damson Academy")', 'a school due, from the portfolio');
}

async function school(r) {
    await signIn(r, fx.school, fx.schoolPassword);
    await visit(r, '/duties', 'the school\'s duties');
    let text = await mainText(r.page);
    check(`school: the partnership meeting due by ${fx.h0}`,
        text.includes('Partnership meetings due') && text.includes(fx.h0), text.slice(0, 800));
    await follow(r, '#partnership a:has-text("Record meeting")', 'the meeting form');
    const [y, m, d] = fx.today.split('-');
    await r.page.fill('#held_on-day', String(Number(d)));
    await r.page.fill('#held_on-month', String(Number(m)));
    await r.page.fill('#held_on-year', y);
    await follow(r, 'button:has-text("Record the meeting")', 'the form with an error', 400);
    text = await mainText(r.page);
    check('school: who attended is asked for', text.includes('Select who attended the meeting'), text.slice(0, 600));
    await r.page.check('input[name="roles"][value="smhl"]');
    await r.page.check('input[name="roles"][value="camhs"]');
    await r.page.check('input[name="roles"][value="wfp"]');
    await r.page.fill('#notes', 'Reviewed the audit and the action plan.');
    await follow(r, 'button:has-text("Record the meeting")', 'the meetings, one recorded');
    text = await mainText(r.page);
    check(`school: recorded; the next due by ${fx.e1}`, text.includes('Meeting recorded.') && text.includes(fx.e1),
        text.slice(0, 800));
    await visit(r, '/duties', 'the duties after the meeting');
    text = await mainText(r.page);
    check('school: the duty moved on (none due this half-term)', !text.includes('Partnership meetings due'),
        text.slice(0, 800));
}

async function narrow(r) {
    await signIn(r, fx.la, fx.laPassword);
    for (const [p, label] of [['/reviews/portfolio', 'the portfolio at 320 px'],
        ['/schools/400002/partnership', 'the meetings at 320 px'],
        ['/schools/400002/partnership/new', 'the meeting form at 320 px'], ['/duties', 'the duties at 320 px']]) {
        await visit(r, p, label);
        const wide = await r.page.evaluate(() => document.documentElement.scrollWidth);
        check(`la_320: ${label}: no sideways scrolling`, wide <= 320, `scrollWidth ${wide}`);
    }
}

const browser = await launch();
try {
    for (const [role, story, width] of [['la_officer', officer, 1280], ['school', school, 1280], ['la_320', narrow, 320]]) {
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
