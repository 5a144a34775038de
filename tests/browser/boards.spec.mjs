// boards.spec.mjs - the workshop boards in a real browser (issue 19 parts 2-4): headless
// Chromium (Debian's, through playwright-core) against a running `onroll serve`. THREE browser
// contexts at once: the facilitator (an LA officer) and two participants who join as guests
// through their one-time links. Each drafts on the system-players map; neither participant sees
// the other's draft; the facilitator reveals, and each participant's open page shows the
// other's player within a second without reloading; a change after the reveal arrives the same
// way. The iceberg: a note marked "intervene here", revealed, seen by the other. A fourth
// guest with JavaScript turned off does the same through the list view (add, change, link,
// remove); the board at 320 px scrolls its drawing, not the page. axe-core (WCAG 2.2 AA) on
// every page; full-page screenshots to SHOTS. Args: BASE FIXTURES.json SHOTS. Env: CHROMIUM.
// Ends with "N passed, N failed".
import fs from 'node:fs';

import { check, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const s = spec(base, shotsArg || 'test-results/screenshots', 'boards');
const { roleContext, visit, follow, signIn, axeCheck } = s;
const map = `/workshops/${fx.workshop}/map`;
const iceberg = `/workshops/${fx.workshop}/iceberg`;

const liveText = async (page) => (await page.locator('#board-live').innerText()).replace(/\s+/g, ' ');

async function join(r, token, name) {
    await visit(r, `/workshops/join/${token}`, 'the join link');
    await r.page.fill('#name', name);
    await follow(r, 'button:has-text("Join the workshop")', 'the workshop, joined');
}

// Wait until the live region of r's page (not reloaded) contains text; the milliseconds it took
// from t0, or -1 when it did not within the limit.
async function arrives(r, text, t0, limit = 3000) {
    try {
        await r.page.waitForFunction(
            (t) => document.querySelector('#board-live')?.innerText.includes(t), text,
            { timeout: limit, polling: 20 });
        return Date.now() - t0;
    } catch (e) {
        return -1;
    }
}

const browser = await launch();
try {
    const fac = await roleContext(browser, 'facilitator');
    const p1 = await roleContext(browser, 'participant-1');
    const p2 = await roleContext(browser, 'participant-2');
    await signIn(fac, fx.facilitator, fx.password);
    await join(p1, fx.token1, 'Gail Guest');
    await join(p2, fx.token2, 'Hari Guest');

    // ---- drafting, each alone ----
    for (const r of [fac, p1, p2]) await visit(r, map, 'the map, empty');
    await p1.page.fill('#text', 'Kestrel Youth Hub');
    await p1.page.check('input[name="type"][value="voluntary"]');
    await p1.page.check('input[name="place"][value="2"]');
    await follow(p1, 'button:has-text("Add the player")', 'the map with a draft');
    await p2.page.selectOption('#player', 'CAMHS');
    await p2.page.check('input[name="place"][value="1"]');
    await follow(p2, 'button:has-text("Add the player")', 'the map with a draft');
    await fac.page.selectOption('#player', 'headteachers');
    await fac.page.check('input[name="place"][value="1"]');
    await follow(fac, 'button:has-text("Add the player")', 'the map with a draft');
    let t1 = await liveText(p1.page), t2 = await liveText(p2.page), tf = await liveText(fac.page);
    check('participant 1 sees their own draft', t1.includes('Kestrel Youth Hub'), t1);
    check('participant 1 does not see participant 2\'s draft', !t1.includes('CAMHS'), t1);
    check('participant 2 does not see participant 1\'s draft', !t2.includes('Kestrel Youth Hub'), t2);
    check('the facilitator sees neither before the reveal',
        !tf.includes('Kestrel Youth Hub') && !tf.includes('CAMHS'), tf);
    check('the drawing is SVG with the player as text',
        (await p1.page.locator('#board-live svg text', { hasText: 'Kestrel Youth Hub' }).count()) === 1);

    // ---- the reveal: each open page shows the others' players within a second ----
    const [resp] = await Promise.all([fac.page.waitForNavigation(),
        fac.page.click('button:has-text("Reveal to everyone")')]);
    const t0 = Date.now();
    check('facilitator: the reveal answers 200', resp && resp.status() === 200, resp && resp.status());
    const [ms1, ms2] = await Promise.all([arrives(p1, 'CAMHS', t0), arrives(p2, 'Kestrel Youth Hub', t0)]);
    console.log(`     (participant 1 saw the reveal after ${ms1} ms, participant 2 after ${ms2} ms)`);
    check('participant 1 sees participant 2\'s player without reloading, within a second',
        ms1 >= 0 && ms1 < 1000, `${ms1} ms`);
    check('participant 2 sees participant 1\'s player without reloading, within a second',
        ms2 >= 0 && ms2 < 1000, `${ms2} ms`);
    check('... and the facilitator\'s', (await liveText(p2.page)).includes('headteachers'));
    await axeCheck(p1, 'the map, revealed, updated live');
    await axeCheck(p2, 'the map, revealed, updated live');
    await axeCheck(fac, 'the map, revealed');

    // ---- a change after the reveal travels the same way ----
    await p2.page.fill('#text', 'School nurse');
    await p2.page.check('input[name="type"][value="health"]');
    await p2.page.check('input[name="place"][value="1"]');
    const t3 = Date.now();
    await Promise.all([p2.page.waitForNavigation(), p2.page.click('button:has-text("Add the player")')]);
    const ms3 = await arrives(p1, 'School nurse', t3);
    console.log(`     (participant 1 saw participant 2's new player ${ms3} ms after the click)`);
    check('participant 1 sees a new player within a second of participant 2\'s click',
        ms3 >= 0 && ms3 < 1000, `${ms3} ms`);

    // ---- links and how well, from the list view ----
    await follow(p1, '#board-live a:has-text("Change")', 'participant 1\'s player');
    await p1.page.selectOption('#to', { label: 'CAMHS (ring 1)' });
    await p1.page.check('input[name="kind"][value="depends_on"]');
    await follow(p1, 'button:has-text("Add the link")', 'the player, linked');
    check('participant 1: the link is listed', (await mainText(p1.page)).includes('Kestrel Youth Hub depends on CAMHS'));
    const ms4 = await arrives(fac, 'Kestrel Youth Hub', Date.now(), 200); // already there
    check('facilitator: the board still shows the hub', ms4 >= 0);
    await visit(fac, map, 'the map with a connection');
    const tfac = await liveText(fac.page);
    check('facilitator: the connection in the list, how well not said', tfac.includes('depends on') && tfac.includes('Not said'), tfac);
    check('facilitator: who depends on whom counts CAMHS once', /CAMHS 0 1 Kestrel Youth Hub/.test(tfac), tfac);

    // ---- the iceberg ----
    await visit(p1, iceberg, 'the iceberg, empty');
    await p1.page.fill('#text', 'CAMHS waiting lists');
    await p1.page.check('input[name="place"][value="3"]');
    await p1.page.check('input[name="side"][value="barrier"]');
    await p1.page.check('input[name="intervene"][value="yes"]');
    await follow(p1, 'button:has-text("Add the note")', 'the iceberg with a draft');
    await visit(p2, iceberg, 'the iceberg, before the reveal');
    check('participant 2 does not see the draft', !(await liveText(p2.page)).includes('CAMHS waiting lists'));
    await visit(fac, iceberg, 'the iceberg, facilitator');
    const t5 = Date.now();
    await Promise.all([fac.page.waitForNavigation(), fac.page.click('button:has-text("Reveal to everyone")')]);
    const ms5 = await arrives(p2, 'CAMHS waiting lists', t5);
    check('participant 2 sees the note and its mark within a second of the reveal', ms5 >= 0 && ms5 < 1000, `${ms5} ms`);
    check('... marked to intervene', (await liveText(p2.page)).includes('Where to intervene CAMHS waiting lists (level 3, Underlying Structures, barrier)'));
    await axeCheck(p2, 'the iceberg, revealed');

    // ---- JavaScript off: the list view does it all ----
    // The flow runs in a context with javaScriptEnabled:false. axe-core cannot run there (its
    // promises never settle without the page's JavaScript), so each page it lands on is checked
    // again in a twin context whose own scripts are blocked (the same markup, nothing enhanced).
    const nojs = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const q = { context: nojs, page: await nojs.newPage(), problems: [], role: 'participant-3-no-javascript' };
    const twin = await roleContext(browser, 'participant-3-scripts-blocked');
    await twin.page.route(/\.m?js(\?|$)/, (route) => route.abort());
    let nshot = 0;
    const qcheck = async (label, status, got) => {
        check(`${q.role}: ${label} answers ${status}`, got === status, `got ${got} at ${q.page.url()}`);
        nshot++;
        await q.page.screenshot({ path: `${s.shots}/boards-nojs-${String(nshot).padStart(2, '0')}-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`, fullPage: true });
        await twin.context.addCookies(await nojs.cookies());
        await twin.page.goto(q.page.url(), { waitUntil: 'load' });
        await axeCheck(twin, `${label} (the same page, scripts blocked)`);
    };
    const qvisit = async (path, label, status = 200) => {
        const resp = await q.page.goto(base + path, { waitUntil: 'load' });
        await qcheck(label, status, resp ? resp.status() : 0);
    };
    const qfollow = async (selector, label, status = 200) => {
        const [resp] = await Promise.all([q.page.waitForNavigation(), q.page.click(selector)]);
        await qcheck(label, status, resp ? resp.status() : 0);
    };
    await qvisit(`/workshops/join/${fx.token3}`, 'the join link without JavaScript');
    await q.page.fill('#name', 'Nia Guest');
    await qfollow('button:has-text("Join the workshop")', 'joined without JavaScript');
    await qvisit(map, 'the map without JavaScript');
    check('no JavaScript: the revealed players are listed', (await liveText(q.page)).includes('Kestrel Youth Hub'));
    await q.page.fill('#text', 'Early help hub');
    await q.page.check('input[name="type"][value="social_care"]');
    await q.page.check('input[name="place"][value="3"]');
    await qfollow('button:has-text("Add the player")', 'a player added without JavaScript');
    check('no JavaScript: added', (await liveText(q.page)).includes('Early help hub'));
    await qfollow('#board-live a:has-text("Change")', 'the player without JavaScript');
    await q.page.check('input[name="place"][value="2"]');
    await qfollow('button:has-text("Save the changes")', 'the ring changed without JavaScript');
    check('no JavaScript: moved to ring 2', /Ring 2: Further from the young person \(2\)/.test(await liveText(q.page)), await liveText(q.page));
    await qfollow('#board-live a:has-text("Change")', 'the player again without JavaScript');
    await q.page.selectOption('#to', { label: 'Kestrel Youth Hub (ring 2)' });
    await q.page.check('input[name="kind"][value="works_with"]');
    await qfollow('button:has-text("Add the link")', 'linked without JavaScript');
    check('no JavaScript: linked', (await mainText(q.page)).includes('Early help hub works with Kestrel Youth Hub'));
    await qfollow('button:has-text("Remove the player")', 'the player removed without JavaScript');
    check('no JavaScript: removed', !(await liveText(q.page)).includes('Early help hub'));
    await qfollow('a:has-text("Refresh")', 'refreshed by hand without JavaScript');
    await nojs.close();
    await twin.context.close();

    // ---- keyboard: the form is reached and sent without a mouse ----
    await visit(p2, map, 'the map for the keyboard');
    await p2.page.focus('#text');
    await p2.page.keyboard.type('Youth offending team');
    await p2.page.focus('input[name="type"][value="police"]');
    await p2.page.keyboard.press('Space');
    await p2.page.focus('input[name="place"][value="3"]');
    await p2.page.keyboard.press('Space');
    await p2.page.focus('button:has-text("Add the player")');
    await Promise.all([p2.page.waitForNavigation(), p2.page.keyboard.press('Enter')]);
    check('keyboard: a player added', (await liveText(p2.page)).includes('Youth offending team'));

    // ---- 320 px ----
    const narrow = await roleContext(browser, 'participant-1-320px', 320);
    await narrow.context.addCookies(await p1.context.cookies());
    await visit(narrow, map, 'the map at 320 px');
    const wide = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
    check('320 px: the page does not scroll sideways (the drawing scrolls in its region)', wide <= 320, `${wide} px`);
    await visit(narrow, iceberg, 'the iceberg at 320 px');
    const wide2 = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
    check('320 px: nor the iceberg', wide2 <= 320, `${wide2} px`);
    await visit(fac, `/workshops/${fx.workshop}/report`, 'the report with both boards');
    const rep = await mainText(fac.page);
    check('the report has the map and the iceberg', rep.includes('Kestrel Youth Hub') && rep.includes('CAMHS waiting lists'), rep.slice(0, 400));
} finally {
    await browser.close();
}
finish();
