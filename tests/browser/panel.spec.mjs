// panel.spec.mjs - the multi-agency panel runs a meeting and a school sees the feedback, in a
// real browser (issue 17, part 9; docs/panel.md): headless Chromium (Debian's, through
// playwright-core) against a running `onroll serve` over the test LA of tests/e2e/data, then:
//
//   1. Riverside's head opens the pupil's page, follows "Refer to the multi-agency panel", fills
//      the form (urgent, the child's and parents' views, two adverse experiences), checks and
//      saves: back on the pupil's page, waiting for the panel;
//   2. the LA officer opens the panel, adds today's meeting, accepts the referral from the
//      meeting's page, circulates the agenda, records the decision with an action for CAMHS;
//   3. the school sees the decision and the action on its pupil's page;
//   4. the panel's page and the referral form at 320 px wide: nothing scrolls sideways.
//
// axe-core (WCAG 2.2 AA rule sets) runs on every page opened, with the server's CSP on.
// Full-page screenshots go to SHOTS. Args: BASE FIXTURES.json SHOTS.
import fs from 'node:fs';

import { check, finish, launch, mainText, spec } from './lib.mjs';

const [base, fixturesFile, shotsArg] = process.argv.slice(2);
const fx = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));
const { roleContext, visit, follow, signIn } = spec(base, shotsArg || 'test-results/screenshots', 'panel');

async function refer(r) {
    await signIn(r, fx.school, fx.password);
    await visit(r, `/pupils/${fx.upn}`, 'the pupil page');
    await follow(r, 'a:has-text("Refer to the multi-agency panel")', 'the referral form');
    await r.page.check('input[name="urgency"][value="urgent"]');
    await r.page.fill('#why_now', 'Missing lessons since half-term');
    await r.page.fill('#child_views', 'Amara says she feels unsafe on the way to school');
    await r.page.fill('#parent_views', 'Her mother asks for help');
    await r.page.check('input[name="consent"][value="yes"]');
    await r.page.check('input[name="aces"][value="domestic_abuse"]');
    await r.page.check('input[name="aces"][value="bereavement"]');
    await r.page.fill('#tried', 'A pastoral support plan since October');
    await follow(r, 'button:has-text("Continue")', 'the check page');
    let text = await mainText(r.page);
    check('school: the check page shows the experiences', text.includes('Domestic abuse in the household; Bereavement'), text.slice(0, 800));
    await follow(r, 'button:has-text("Save the referral")', 'the pupil page after the referral');
    text = await mainText(r.page);
    check('school: waiting for the panel', text.includes('Waiting for the panel to consider it.'), text.slice(0, 800));
}

async function meeting(r) {
    await signIn(r, fx.la, fx.password);
    await visit(r, '/panel', 'the panel page');
    let text = await mainText(r.page);
    check('la: the referral is listed, urgent', text.includes('Amara') && text.includes('Urgent'), text.slice(0, 800));
    await follow(r, 'a:has-text("Add a meeting")', 'the meeting form');
    await r.page.fill('#date-day', fx.day);
    await r.page.fill('#date-month', fx.month);
    await r.page.fill('#date-year', fx.year);
    await follow(r, 'button:has-text("Add the meeting")', 'the meeting page');
    await follow(r, 'main li a:has-text("Amara")', 'the referral to accept');
    await r.page.check('input[name="status"][value="accepted"]');
    await follow(r, 'button:has-text("Continue")', 'the step to check');
    await follow(r, 'button:has-text("Save the step")', 'the referral accepted');
    await visit(r, `/panel/meetings/${fx.iso}`, 'the meeting with its agenda');
    text = await mainText(r.page);
    check('la: the agenda has the referral', text.includes('Record the decision'), text.slice(0, 800));
    await follow(r, 'button:has-text("Circulate the agenda")', 'the agenda circulated');
    text = await mainText(r.page);
    check('la: six messages queued', text.includes('6 messages queued'), text.slice(0, 800));
    await follow(r, 'a:has-text("Record the decision")', 'the decision form');
    await r.page.fill('#decision', 'Early help assessment and a CAMHS consultation');
    await r.page.fill('#action', 'Offer a CAMHS consultation');
    await r.page.fill('#owner', 'CAMHS');
    await r.page.fill('#due-day', '15');
    await r.page.fill('#due-month', '1');
    await r.page.fill('#due-year', fx.nextYear);
    await follow(r, 'button:has-text("Save")', 'the decision recorded');
    text = await mainText(r.page);
    check('la: decided at this meeting', text.includes('Decided at this meeting'), text.slice(0, 800));
    await visit(r, '/duties?rule=LOCAL-PANEL-ACTION', 'the action on the duties');
    text = await mainText(r.page);
    check('la: the action is a duty', text.includes('Do each action the multi-agency panel agreed'), text.slice(0, 800));
}

async function feedback(r) {
    await signIn(r, fx.school, fx.password);
    await visit(r, `/pupils/${fx.upn}`, 'the pupil page with the feedback');
    const text = await mainText(r.page);
    check('school: sees the decision', text.includes('Early help assessment and a CAMHS consultation'), text.slice(0, 800));
    check('school: sees the action and its owner', text.includes(`CAMHS: Offer a CAMHS consultation, by 15 January ${fx.nextYear}`));
}

async function narrow(r, who, path, label) {
    await signIn(r, who, fx.password);
    await visit(r, path, label);
    const wide = await r.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    check(`${label}: nothing scrolls sideways`, !wide);
}

const browser = await launch();
try {
    let r = await roleContext(browser, 'school');
    await refer(r);
    await r.context.close();
    r = await roleContext(browser, 'la');
    await meeting(r);
    await r.context.close();
    r = await roleContext(browser, 'school');
    await feedback(r);
    await r.context.close();
    r = await roleContext(browser, 'la', 320);
    await narrow(r, fx.la, '/panel', 'the panel page at 320 px');
    await r.context.close();
    r = await roleContext(browser, 'school', 320);
    await narrow(r, fx.school, `/pupils/${fx.upn}/panel/new`, 'the referral form at 320 px');
    await r.context.close();
} finally {
    await browser.close();
}
finish();
