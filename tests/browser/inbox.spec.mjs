// inbox.spec.mjs - the Virtual School's and the Re-engagement Unit's main jobs, in a real
// browser (issue 14): headless Chromium (Debian's, through playwright-core) against a running
// `onroll serve` over the LA of tests/e2e/lists2_data.sh, each person signing in by the form:
//
//   1. the Virtual School opens its PEPs, sees the figures add up (no school place and never
//      had a PEP counted), follows "No school place" and finds the three looked-after children
//      with no school place, then follows "Never had a PEP";
//   2. the Re-engagement Unit opens its inbox, follows "New", opens Ada Price's referral,
//      accepts it (check, then save) and sees it move to accepted in the inbox;
//   3. the inbox at 320 px wide: no sideways scrolling of the page.
//
// axe-core (WCAG 2.2 AA rule sets) runs on every page opened, with the server's CSP on.
// Full-page screenshots go to SHOTS. Ends with "N passed, N failed"; exits non-zero on failure.
// Args: BASE FIXTURES.json SHOTS. Env: CHROMIUM (default /usr/bin/chromium).
import fs from 'node:fs';

import { check, fail, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const { roleContext, visit, follow, signIn: signInAs } = spec(base, shotsArg || 'test-results/screenshots', 'inbox');
const signIn = (r, email) => signInAs(r, email, fx.password);

// The figure labelled label: its number.
const figure = async (page, label) => page.evaluate((want) => {
    for (const item of document.querySelectorAll('.onroll-figures__item'))
        if (item.querySelector('dt').textContent.trim() === want)
            return Number(item.querySelector('dd').textContent.replace(/,/g, ''));
    return NaN;
}, label);

async function virtualSchool(r) {
    await signIn(r, fx.vs);
    await visit(r, '/peps', 'the PEPs');
    const total = await figure(r.page, 'Looked-after children');
    const parts = [];
    for (const label of ['PEP held this term', 'PEP due this term', 'PEP overdue', 'Never had a PEP'])
        parts.push(await figure(r.page, label));
    check('virtual_school: 7 looked-after children', total === 7, `got ${total}`);
    check('virtual_school: the PEP figures add up to them', parts.reduce((a, b) => a + b, 0) === total, parts.join(' + '));
    check('virtual_school: 3 with no school place, counted', (await figure(r.page, 'No school place')) === 3);
    await follow(r, '.onroll-figures a:text-is("No school place")', 'the children with no school place');
    const text = await mainText(r.page);
    for (const name of fx.noPlace)
        check(`virtual_school: finds ${name}, with no school place`, text.includes(name), text);
    check('virtual_school: the list says so', /No school place/.test(text));
    check('virtual_school: the selected filter is shown', /Remove this filter/.test(await r.page.content()));
    await follow(r, '.onroll-figures a:text-is("Never had a PEP")', 'the children who never had a PEP');
    const never = await mainText(r.page);
    check('virtual_school: never had a PEP: Jack Ash and Leo Dale',
        never.includes('Jack Ash') && never.includes('Leo Dale') && !never.includes('Gina Lowe'), never);
}

async function reu(r) {
    await signIn(r, fx.reu);
    await visit(r, '/referrals', 'the inbox');
    check('reu: 1 new referral', (await figure(r.page, 'New')) === 1);
    check('reu: no "accepted or declined"', !/accepted or declined/.test(await mainText(r.page)));
    await follow(r, '.onroll-figures a:text-is("New")', 'the new referrals');
    check('reu: Ada Price is new', (await mainText(r.page)).includes(fx.newName));
    await follow(r, `main table a:has-text("${fx.newName}")`, 'the referral');
    check('reu: its status reads New', /Status: New/.test(await mainText(r.page)));
    await r.page.check('input[name="status"][value="accepted"]');
    await follow(r, 'button:has-text("Continue")', 'the check page');
    check('reu: checks the step', /Referral accepted/.test(await mainText(r.page)));
    await follow(r, 'button:has-text("Save the step")', 'the referral accepted');
    const done = await mainText(r.page);
    check('reu: told the step is recorded', /Step recorded: Referral accepted\./.test(done), done);
    check('reu: its status reads Accepted', /Status: Accepted/.test(done), done);
    await visit(r, '/referrals', 'the inbox again');
    check('reu: 2 accepted now', (await figure(r.page, 'Accepted')) === 2);
    check('reu: none new', (await figure(r.page, 'New')) === 0);
    await follow(r, '.onroll-figures a:text-is("Accepted")', 'the accepted referrals');
    check('reu: Ada Price has moved to accepted', (await mainText(r.page)).includes(fx.newName));
}

const browser = await launch();
try {
    for (const [role, story] of [['virtual_school', virtualSchool], ['reu', reu]]) {
        const r = await roleContext(browser, role);
        try {
            await story(r);
        } catch (e) {
            fail(`${role}: the story ran`, e.stack || e);
        }
        await r.context.close();
    }
    const narrow = await roleContext(browser, 'reu_320', 320);
    try {
        await signIn(narrow, fx.reu);
        await visit(narrow, '/referrals', 'the inbox at 320 px');
        const wide = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
        const culprits = await narrow.page.evaluate(() => [...document.querySelectorAll('*')]
            .filter((e) => e.getBoundingClientRect().right > 321 && !(e.closest('[role="region"]') && e.closest('[role="region"]') !== e))
            .slice(0, 5).map((e) => `${e.tagName}.${e.className}`).join(', '));
        check('reu_320: no sideways scrolling at 320 px', wide <= 320, `scrollWidth ${wide}: ${culprits}`);
    } catch (e) {
        fail('reu_320: the story ran', e.stack || e);
    }
    await narrow.context.close();
} finally {
    await browser.close();
}
finish();
