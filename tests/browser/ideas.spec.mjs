// ideas.spec.mjs - Energy for change in a real browser (issue 19 part 5; docs/workshop-ideas.md):
// headless Chromium (Debian's, through playwright-core) against a running `onroll serve` over
// the hand-made LA of tests/e2e/offroll/, with a workshop whose facilitator is an LA officer and
// three guests' one-time links (test_browser_ideas.sh makes them). Three contexts at once - the
// facilitator and guests A and B - each draft an idea alone; the facilitator reveals; A and B
// see each other's ideas within a second without reloading; they vote (A's fourth feasibility
// vote refused, saying why); the facilitator shows the results, which reach the guests within a
// second and rank as counted by hand; the facilitator records a commitment owned by the school's
// SENCO, which appears on the SENCO's /duties. Guest C's context has JavaScript off: it joins,
// adds an idea and votes through the forms, at 320 px. axe-core (WCAG 2.2 AA) on every page;
// full-page screenshots to SHOTS. Args: BASE FIXTURES.json SHOTS. Ends with "N passed, N failed".
//
// By hand. Ideas in the order written: 1 (A, across sectors), 2 (B, within school),
// 3 (facilitator, across schools), 4 (C, within school; written after the reveal).
//   A: feasibility 3 on idea 1 (a fourth, on idea 2, refused); desirability 1 on 2.
//   B: feasibility 1 on 3; desirability 2 on 3.   C: viability 1 on 2.
//              F  D  V  total  overall
//   idea 1     3  0  0   3     1st (shared)
//   idea 2     0  1  1   2     3rd
//   idea 3     1  2  0   3     1st (shared)
//   idea 4     0  0  0   0     4th
import fs from 'node:fs';

import { check, fail, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const shots = shotsArg || 'test-results/screenshots';
const s = spec(base, shots, 'ideas');
const { roleContext, visit, follow, signIn, axeCheck } = s;
const board = `/workshops/${fx.workshop}/ideas`;

async function join(r, link, name) {
    await visit(r, link, 'the join page');
    await r.page.fill('#name', name);
    await follow(r, 'button:has-text("Join the workshop")', 'the workshop, joined');
}

async function addIdea(r, framing, words, category, label) {
    await r.page.check(`input[name="framing"][value="${framing}"]`);
    await r.page.fill('#words', words);
    await r.page.check(`input[name="category"][value="${category}"]`);
    return follow(r, 'button:has-text("Add the idea")', label);
}

function voteButton(n, criterion) {
    return `#idea-${n} li:has(strong:has-text("${criterion}")) button:has-text("Vote")`;
}

// Waits until text shows in r's page without a reload; the milliseconds it took, or -1.
async function seesWithin(r, text, ms) {
    const t0 = Date.now();
    try {
        await r.page.waitForFunction((t) => document.querySelector('main').innerText.includes(t),
            text, { timeout: ms, polling: 50 });
        return Date.now() - t0;
    } catch (e) {
        return -1;
    }
}

// A context with JavaScript off cannot run axe-core (its run waits on timers that never fire):
// its pages are the same markup the other contexts check; here, the status and a screenshot.
let noJsShot = 0;
async function noJs(r, go, label, status = 200) {
    const resp = await go();
    const got = resp ? resp.status() : 0;
    check(`${r.role}: ${label} answers ${status}`, got === status, `got ${got} at ${r.page.url()}`);
    noJsShot++;
    await r.page.screenshot({ path: `${shots}/ideas-nojs-${String(noJsShot).padStart(2, '0')}-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`, fullPage: true });
}
const nvisit = (r, p, label, status) => noJs(r, () => r.page.goto(base + p, { waitUntil: 'load' }), label, status);
const nfollow = async (r, sel, label, status) => noJs(r, async () => (await Promise.all([r.page.waitForNavigation(), r.page.click(sel)]))[0], label, status);

const browser = await launch();
try {
    const fac = await roleContext(browser, 'facilitator');
    const ga = await roleContext(browser, 'guest-a');
    const gb = await roleContext(browser, 'guest-b');
    await signIn(fac, fx.facilitator, fx.password);
    await join(ga, fx.links[0], 'Guest A');
    await join(gb, fx.links[1], 'Guest B');

    // each drafts alone
    await visit(ga, board, 'the board, empty');
    let text = await mainText(ga.page);
    check('guest-a: the framing is offered', text.includes('How might we…?') && text.includes('What if…?'), text);
    await ga.page.check('input[name="framing"][value="own"]');
    await ga.page.fill('#words', 'Let us share practice');
    await ga.page.check('input[name="category"][value="across-schools"]');
    await follow(ga, 'button:has-text("Add the idea")', 'an idea not framed, refused', 400);
    text = await mainText(ga.page);
    check('guest-a: refused, naming the rule', text.includes('Start your idea with "How might we" or "What if"'), text);
    await addIdea(ga, 'hmw', 'embed threshold models across agencies?', 'across-sectors', 'idea 1 added');
    await visit(gb, board, 'the board');
    await addIdea(gb, 'whatif', 'pupils chaired the inclusion panel?', 'within-school', 'idea 2 added');
    await visit(fac, board, 'the facilitator\'s board');
    await addIdea(fac, 'hmw', 'grow school-to-school support?', 'across-schools', 'idea 3 added');
    text = await mainText(fac.page);
    check('facilitator: sees how many, not what', text.includes('3 ideas drafted by 3 people so far.') && !text.includes('threshold models'), text);
    text = await mainText(gb.page);
    check('guest-b: only their own draft', text.includes('pupils chaired') && !text.includes('threshold models'), text);

    // the reveal reaches the open pages within a second
    await visit(ga, board, 'before the reveal');
    await visit(gb, board, 'before the reveal');
    await fac.page.click('button:has-text("Reveal to everyone")');
    const [ta, tb] = await Promise.all([
        seesWithin(ga, 'What if pupils chaired the inclusion panel?', 3000),
        seesWithin(gb, 'How might we embed threshold models across agencies?', 3000)]);
    check(`guest-a: sees B's idea within a second of the reveal (${ta} ms)`, ta >= 0 && ta <= 1000, `${ta} ms`);
    check(`guest-b: sees A's idea within a second of the reveal (${tb} ms)`, tb >= 0 && tb <= 1000, `${tb} ms`);
    await fac.page.waitForLoadState('load');
    await axeCheck(ga, 'revealed, live');
    await axeCheck(fac, 'revealed');

    // votes
    await visit(ga, board, 'the board to vote');
    for (let k = 1; k <= 3; k++)
        await follow(ga, voteButton(1, 'Feasibility'), `feasibility vote ${k} on idea 1`);
    text = await mainText(ga.page);
    check('guest-a: no feasibility vote left', text.includes('feasibility 0 of 3'), text);
    await follow(ga, voteButton(2, 'Feasibility'), 'a fourth feasibility vote, refused', 400);
    text = await mainText(ga.page);
    check('guest-a: the fourth refused, saying why', text.includes('You have used your 3 votes for feasibility'), text);
    await visit(ga, board, 'the board again');
    await follow(ga, voteButton(2, 'Desirability'), 'a desirability vote on idea 2');
    await visit(gb, board, 'the board to vote');
    await follow(gb, voteButton(3, 'Feasibility'), 'a feasibility vote on idea 3');
    await follow(gb, voteButton(3, 'Desirability'), 'a desirability vote on idea 3');
    await follow(gb, voteButton(3, 'Desirability'), 'another on idea 3 (stacked)');
    text = await mainText(gb.page);
    check('guest-b: sees no one\'s count', !text.includes('Votes: feasibility') && !text.includes('Ranked ideas'), text);

    // guest C: JavaScript off, at 320 px, through the forms only
    const gcContext = await browser.newContext({ viewport: { width: 320, height: 800 }, javaScriptEnabled: false });
    const gc = { context: gcContext, page: await gcContext.newPage(), problems: [], role: 'guest-c-no-js' };
    await nvisit(gc, fx.links[2], 'the join page without JavaScript');
    await gc.page.fill('#name', 'Guest C');
    await nfollow(gc, 'button:has-text("Join the workshop")', 'joined without JavaScript');
    await nvisit(gc, board, 'the board without JavaScript at 320 px');
    await gc.page.check('input[name="framing"][value="hmw"]');
    await gc.page.fill('#words', 'hear pupils before a suspension?');
    await gc.page.check('input[name="category"][value="within-school"]');
    await nfollow(gc, 'button:has-text("Add the idea")', 'idea 4 added without JavaScript');
    await nfollow(gc, voteButton(2, 'Viability'), 'a viability vote without JavaScript');
    text = await mainText(gc.page);
    check('guest-c-no-js: the vote counted', text.includes('Your vote is counted.') && text.includes('viability 2 of 3'), text);
    const wide = await gc.page.evaluate(() => document.documentElement.scrollWidth);
    check('guest-c-no-js: no sideways scrolling at 320 px', wide <= 320, `${wide} px wide`);
    await visit(fac, board, 'the facilitator before the results');
    text = await mainText(fac.page);
    check('facilitator: sees only how many have voted', text.includes('3 of 3 participants have voted.') && !text.includes('Votes: feasibility'), text);

    // the results, live, as counted by hand
    await visit(ga, board, 'waiting for the results');
    await fac.page.click('button:has-text("Show the results")');
    const tr = await seesWithin(ga, 'Ranked ideas', 3000);
    check(`guest-a: sees the results within a second (${tr} ms)`, tr >= 0 && tr <= 1000, `${tr} ms`);
    await fac.page.waitForLoadState('load');
    await axeCheck(fac, 'the results');
    const rows = await fac.page.$$eval('table:has(caption:has-text("Ranked ideas")) tbody tr',
        (trs) => trs.map((t) => [...t.cells].map((c) => c.innerText.trim()).join(' | ')));
    const want = [
        '1st (shared) | Idea 1: How might we embed threshold models across agencies? | 3, 1st | 0, 3rd (shared) | 0, 2nd (shared) | 3, 1st (shared)',
        '1st (shared) | Idea 3: How might we grow school-to-school support? | 1, 2nd | 2, 1st | 0, 2nd (shared) | 3, 1st (shared)',
        '3rd | Idea 2: What if pupils chaired the inclusion panel? | 0, 3rd (shared) | 1, 2nd | 1, 1st | 2, 3rd',
        '4th | Idea 4: How might we hear pupils before a suspension? | 0, 3rd (shared) | 0, 3rd (shared) | 0, 2nd (shared) | 0, 4th',
    ];
    check('facilitator: the ranking is the hand count', JSON.stringify(rows) === JSON.stringify(want), rows.join('\n'));
    const svgText = await fac.page.$$eval('svg.onroll-matrix text', (ts) => ts.length);
    check('facilitator: the matrix is SVG with text', svgText > 6, `${svgText} text elements`);

    // a commitment becomes the SENCO's duty
    await fac.page.check(`input[name="idea"][value="${fx.idea1}"]`);
    await fac.page.fill('#next_step', 'Bring the threshold models to the heads\' meeting');
    await fac.page.selectOption('#owner', fx.senco);
    await fac.page.fill('#due-day', '26');
    await fac.page.fill('#due-month', '3');
    await fac.page.fill('#due-year', '2027');
    await follow(fac, 'button:has-text("Record the commitment")', 'the commitment recorded');
    text = await mainText(fac.page);
    check('facilitator: the commitment listed', text.includes('Bring the threshold models') && text.includes('26 March 2027'), text);
    const sc = await roleContext(browser, 'senco');
    await signIn(sc, fx.senco, fx.sencoPassword);
    await visit(sc, '/duties', 'the SENCO\'s duties');
    text = await mainText(sc.page);
    check('senco: the commitment is a duty', text.includes('Workshop commitments: yours') && text.includes('Bring the threshold models'), text);
    await follow(sc, '#commitments button:has-text("Record as done")', 'the commitment done');
    text = await mainText(sc.page);
    check('senco: recorded as done', text.includes('Recorded as done: the workshop commitment.'), text);

    // 320 px for the results, JavaScript on
    const narrow = await roleContext(browser, 'facilitator-320', 320);
    await signIn(narrow, fx.facilitator, fx.password);
    await visit(narrow, board, 'the results at 320 px');
    const w320 = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
    check('facilitator-320: no sideways scrolling at 320 px', w320 <= 320, `${w320} px wide`);
} catch (e) {
    fail('the spec ran to the end', e.stack);
} finally {
    await browser.close();
}
finish();
