// demo_improve.spec.mjs - the demo LA's self-improvement records (src/demo/demo_improve.c) in a
// real browser: headless Chromium (Debian's, through playwright-core) against `onroll serve` on
// a demo LA. The demo LA officer opens the portfolio of reviews, /duties (the action plan's
// actions, a partnership meeting overdue), the survey's results and summary, the workshop's map,
// iceberg and ideas, the theory of change and its indicator; the demo school its survey's
// results. Each page shows figures, not an empty state; axe-core (WCAG 2.2 AA) on every page; the portfolio, results and map also at 320 px,
// where the page must not scroll sideways. Full-page screenshots to SHOTS.
// Args: BASE FIXTURES.json SHOTS. Env: CHROMIUM. Ends with "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';

import { check, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const s = spec(base, shotsArg || 'test-results/screenshots', 'demo-improve');
const { roleContext, visit, signIn } = s;

const noSideScroll = async (r, label) => {
    const [sw, cw] = await r.page.evaluate(() => [document.documentElement.scrollWidth,
        document.documentElement.clientWidth]);
    check(`${r.role}: ${label} at 320 px does not scroll sideways`, sw <= cw, `${sw} > ${cw}`);
};

const browser = await launch();
try {
    const la = await roleContext(browser, 'la-officer');
    await signIn(la, 'la_officer@demo.onroll.example', 'demo-officer-kestrel');
    await visit(la, '/reviews/portfolio', 'the portfolio of reviews');
    let t = await mainText(la.page);
    check('la-officer: the portfolio counts the engaged schools', t.includes(`${fx.engaged} of ${fx.schools} schools`), t.slice(0, 300));
    check('la-officer: ... with movement since last year', t.includes('Movement since 2025/26'), t.slice(0, 300));
    await visit(la, '/duties', 'duties with the action plan');
    t = await mainText(la.page);
    check('la-officer: the action plan\'s actions are on /duties', t.includes('Action plans: actions due') && t.includes('Overdue'), t.slice(0, 300));
    await visit(la, `/surveys/${fx.survey}/results`, 'the survey results');
    t = await mainText(la.page);
    check('la-officer: the results show a change with its interval', /rose by [0-9.]+ \(95% confidence interval/.test(t), t.slice(0, 300));
    // the top of the long page as a reader first sees it (the full page is axeCheck's)
    await la.page.screenshot({ path: path.join(s.shots, 'demo-improve-results-top.png'), fullPage: true,
        clip: { x: 0, y: 0, width: 1280, height: 1900 } });
    await visit(la, `/surveys/${fx.survey}/summary`, 'the governors summary');
    await visit(la, `/workshops/${fx.workshop}`, 'the workshop');
    await visit(la, `/workshops/${fx.workshop}/map`, 'the players map');
    t = await la.page.content(); // the drawing's description is its SVG's, not innerText's
    check('la-officer: the map has its 11 players', t.includes('11 players on 3 rings'), t.slice(0, 300));
    check('la-officer: the map is drawn', (await la.page.locator('svg text', { hasText: 'CAMHS' }).count()) >= 1);
    await visit(la, `/workshops/${fx.workshop}/iceberg`, 'the iceberg');
    t = await la.page.content();
    check('la-officer: the iceberg has a note to intervene', t.includes('1 marked to intervene here'), t.slice(0, 300));

    if (fx.theory) { // with the ideas and theories of change (issue 19 parts 5 and 6)
        await visit(la, `/workshops/${fx.workshop}/ideas`, 'the ideas');
        t = await mainText(la.page);
        check('la-officer: the ideas have votes', t.includes('(9 in all)'), t.slice(0, 300));
        await visit(la, `/theories/${fx.theory}`, 'the theory of change');
        t = await mainText(la.page);
        check('la-officer: the theory has its accountable outcome', t.includes('Accountable'), t.slice(0, 300));
        await visit(la, `/theories/${fx.theory}/indicators/1`, 'the Year 7 indicator');
    }

    const school = await roleContext(browser, 'school');
    await signIn(school, 'school@demo.onroll.example', 'demo-head-kestrel');
    await visit(school, '/reviews', 'the school\'s reviews');
    await visit(school, `/surveys/${fx.survey}/results`, 'the school\'s survey results');

    const narrow = await roleContext(browser, 'la-officer-320', 320);
    await signIn(narrow, 'la_officer@demo.onroll.example', 'demo-officer-kestrel');
    for (const [p, label] of [['/reviews/portfolio', 'the portfolio'],
        [`/surveys/${fx.survey}/results`, 'the survey results'],
        [`/workshops/${fx.workshop}/map`, 'the players map']]) {
        await visit(narrow, p, `${label} at 320 px`);
        await noSideScroll(narrow, label);
    }
} finally {
    await browser.close();
}
finish();
