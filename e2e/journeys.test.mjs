// Browser journeys through Adaldyq in real Chromium, on SQLite always and on
// PostgreSQL when ADALDYQ_TEST_POSTGRES_URL names a server (a fresh database
// is made on it for the run and dropped after). Every page load and every
// interaction is photographed (screenshots/<backend>/NN-step.png) and checked
// with axe-core against WCAG 2.x A/AA; any violation fails the journey.
//
//   cd e2e && npm ci && node --test --test-reporter=spec
//
// The server binary is target/debug/adaldyq (cargo build --bin adaldyq), or
// ADALDYQ_E2E_BINARY; Chromium is /usr/bin/chromium, or ADALDYQ_E2E_CHROMIUM.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  Recorder,
  decodeQr,
  freshPostgres,
  launchBrowser,
  navigation,
  newPage,
  resetScreenshots,
  startServer,
  within,
} from './harness.mjs';
import { knownIssues } from './known-issues.mjs';

const JOURNEY_MS = 60_000;

/** Aral district (KATO 433200000) and the demo officer's institution there. */
const ARAL = '433200000';
const OFFICERS_INSTITUTION = 'Akimat: Aral audany (demo)';
const NUMBER = /^43-\d{4}-\d{6}$/;

const backends = [{ name: 'sqlite' }];
if (process.env.ADALDYQ_TEST_POSTGRES_URL) {
  backends.push({ name: 'postgres', url: process.env.ADALDYQ_TEST_POSTGRES_URL });
}

// ------------------------------------------------------------------ helpers

/** The dt → dd pairs of the receipt. */
function readReceipt(page) {
  return page.evaluate(() => {
    const out = {};
    for (const dt of document.querySelectorAll('main dl.receipt dt')) {
      out[dt.textContent.trim()] = dt.nextElementSibling?.textContent.trim() ?? '';
    }
    return out;
  });
}

/** The dt → dd pairs of the first list on a status page. */
function readFacts(page) {
  return page.evaluate(() => {
    const out = {};
    for (const dt of document.querySelectorAll('main > dl:first-of-type dt')) {
      out[dt.textContent.trim()] = dt.nextElementSibling?.textContent.trim() ?? '';
    }
    return out;
  });
}

/** Fills the filing form with the mouse-and-keyboard methods a user has. */
async function fillAppeal(page, a) {
  await page.check(`#kind-${a.kind}`);
  await page.selectOption('#territory', a.territory);
  if (a.institution) await page.selectOption('#institution', { label: a.institution });
  await page.fill('#subject', a.subject ?? '');
  await page.fill('#text', a.text ?? '');
  await page.check(a.anonymous ? '#anonymous-yes' : '#anonymous-no');
  if (!a.anonymous) {
    await page.fill('#name', a.name ?? '');
    await page.fill('#email', a.email ?? '');
    await page.fill('#phone', a.phone ?? '');
    if (a.wantSecret) await page.check('#want_secret');
  }
}

const submitButton = (page) => page.locator('main form button[type="submit"]').last();

/** Checks the receipt page the filing led to; returns { number, secret }. */
async function expectReceipt(page, response, { secret }) {
  assert.equal(response.status(), 201, `the receipt comes with 201 Created (got ${response.status()} at ${page.url()})`);
  assert.equal(await page.locator('main h1').textContent(), 'Receipt');
  const receipt = await readReceipt(page);
  const number = receipt['Receipt number'];
  assert.match(number ?? '', NUMBER, `a receipt number like 43-YYYY-NNNNNN: ${JSON.stringify(receipt)}`);
  if (secret) {
    assert.ok((receipt.Secret ?? '').length >= 8, `a secret on the receipt: ${JSON.stringify(receipt)}`);
  } else {
    assert.equal(receipt.Secret, undefined, 'no secret on a named filing without "Give me a receipt secret too"');
  }
  // What a phone's camera reads from the code: an address it can open.
  const scanned = await decodeQr(page.locator('main figure.qr svg'));
  const origin = new URL(page.url()).origin;
  const lang = new URL(page.url()).pathname.split('/')[1];
  assert.equal(scanned, `${origin}/${lang}/track?number=${number}`, 'the QR code holds the absolute tracking address');
  return { number, secret: receipt.Secret, receipt };
}

/** Opens /en/track, enters number and secret, returns the status page's response. */
async function track(page, rec, base, { number, secret }) {
  const r = await page.goto(`${base}/en/track`);
  assert.equal(r.status(), 200);
  await page.fill('#number', number);
  await page.fill('#secret', secret);
  await rec.check(page, 'track-form');
  const shown = await navigation(page, () => submitButton(page).click());
  assert.equal(shown.status(), 200, `tracking ${number} answers 200 (got ${shown.status()})`);
  assert.equal(await page.locator('main h1').textContent(), 'Your appeal');
  const facts = await readFacts(page);
  assert.equal(facts['Receipt number'], number);
  return facts;
}

/** The lines of the history list (`ol.history`) of the page, as their text. */
function historyLines(page) {
  return page.locator('main ol.history > li').evaluateAll((lis) => lis.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
}

/** The one history line that starts (after its time) with `what`; fails if there is none. */
async function historyLine(page, what) {
  const lines = await historyLines(page);
  const line = lines.find((l) => l.includes(` — ${what} `));
  assert.ok(line, `the history shows "${what}":\n  ${lines.join('\n  ')}`);
  return line;
}

/** dd.mm.yyyy → a Date at UTC midnight. */
function parseShownDate(text) {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec((text ?? '').trim());
  assert.ok(m, `a date shown as dd.mm.yyyy: "${text}"`);
  return new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])));
}

/** `days` calendar days later; a Saturday or Sunday moves on to the Monday. */
function laterWeekday(date, days) {
  const d = new Date(date.getTime() + days * 86_400_000);
  const weekday = d.getUTCDay();
  if (weekday === 6) d.setUTCDate(d.getUTCDate() + 2);
  if (weekday === 0) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

const isoDate = (d) => d.toISOString().slice(0, 10);
const shownDate = (d) => {
  const [y, m, day] = isoDate(d).split('-');
  return `${day}.${m}.${y}`;
};

/** Signs a staff member in through the header's "Sign in" link; `step` prefixes the screenshots' names. */
async function signIn(staff, rec, base, account, step) {
  const name = (s) => (step ? `${step}-${s}` : s);
  let r = await staff.goto(`${base}/en/`);
  assert.equal(r.status(), 200);
  r = await navigation(staff, () => staff.locator('header').getByRole('link', { name: 'Sign in' }).click());
  assert.equal(new URL(staff.url()).pathname, '/en/sign-in');
  await rec.check(staff, name('sign-in'));
  await staff.fill('#email', account.email);
  await staff.fill('#password', account.password);
  r = await navigation(staff, () => submitButton(staff).click());
  assert.ok(r.status() < 400, `signing in answers ${r.status()} at ${staff.url()}`);
  assert.equal(await staff.locator('main .error-summary').count(), 0, 'no sign-in error');
  await rec.check(staff, name('signed-in'));
}

/** Workspace → "Appeals inbox" → the appeal `number`; leaves `staff` on the appeal's page. */
async function openFromInbox(staff, rec, number, subject, step) {
  const name = (s) => (step ? `${step}-${s}` : s);
  let r = await navigation(staff, () => staff.locator('header').getByRole('link', { name: 'Workspace' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(staff.url()).pathname, '/en/staff');
  await rec.check(staff, name('workspace'));
  r = await navigation(staff, () => staff.locator('main').getByRole('link', { name: 'Appeals inbox' }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(staff.url()).pathname, '/en/staff/appeals');
  await rec.check(staff, name('inbox'));
  const row = staff.locator('main table tbody tr', { hasText: number });
  assert.equal(await row.count(), 1, `the inbox lists ${number}`);
  assert.ok((await row.textContent()).includes(subject));
  r = await navigation(staff, () => row.getByRole('link', { name: number }).click());
  assert.equal(r.status(), 200);
  assert.equal(new URL(staff.url()).pathname, `/en/staff/appeals/${number}`);
  assert.ok((await staff.locator('main').textContent()).includes(subject));
  await rec.check(staff, name('appeal'));
}

/** What has the focus, and does it show it. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const name = el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ''}`;
    return {
      name,
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type') || '',
      inMain: !!el.closest('main'),
      inForm: !!el.closest('main form'),
      checked: !!el.checked,
      // The form's own submit button is its last one (the institution search has one before it).
      sendsForm: !!el.closest('main form') && el === [...el.closest('main form').querySelectorAll('button[type="submit"]')].pop(),
      value: 'value' in el ? el.value : '',
      focusVisible: el.matches(':focus-visible'),
      indicator: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none',
      onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth,
    };
  });
}

/** The elements a user can focus, in document order (as the Tab key walks them). */
function focusables(page) {
  return page.evaluate(() => {
    const sel = [
      'a[href]',
      'button:not([disabled])',
      'input:not([type="hidden"]):not([disabled])',
      'select:not([disabled])',
      'textarea:not([disabled])',
      '[tabindex]:not([tabindex="-1"])',
    ].join(',');
    return [...document.querySelectorAll(sel)]
      // tabindex="-1" takes an element out of the Tab order (the filing
      // form's hidden default button, which only Enter in a field presses).
      .filter((el) => el.getAttribute('tabindex') !== '-1')
      .filter((el) => el.getClientRects().length > 0 || el.classList.contains('skip'))
      .map((el) => ({
        name: el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ''}`,
        inForm: !!el.closest('main form'),
        tabindex: el.getAttribute('tabindex'),
      }));
  });
}

/** Text in Cyrillic letters a kk-Latn reader would see, outside data-verbatim. */
function cyrillicOutsideVerbatim(page) {
  return page.evaluate(() => {
    const cyrillic = /[\u0400-\u052F]/;
    const found = [];
    const exempt = (el) => el.closest('[data-verbatim], nav.languages, script, style, textarea');
    const where = (el) => {
      const id = el.id ? `#${el.id}` : '';
      return `<${el.tagName.toLowerCase()}${id}>`;
    };
    if (cyrillic.test(document.title)) found.push(`<title>: ${document.title}`);
    const description = document.querySelector('meta[name="description"]')?.content ?? '';
    if (cyrillic.test(description)) found.push(`<meta name=description>: ${description}`);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || exempt(el) || !cyrillic.test(n.data)) continue;
      found.push(`text in ${where(el)}: ${n.data.trim().slice(0, 80)}`);
    }
    // Attributes people see or hear: tooltips, alternatives, placeholders,
    // accessible names, option group labels, button captions.
    for (const el of document.body.querySelectorAll('*')) {
      if (exempt(el)) continue;
      for (const attr of ['title', 'alt', 'placeholder', 'aria-label', 'aria-description', 'label']) {
        const v = el.getAttribute(attr);
        if (v && cyrillic.test(v)) found.push(`${attr}="${v.slice(0, 60)}" on ${where(el)}`);
      }
      if (el.matches('input[type="submit"], input[type="button"], input[type="reset"]') && cyrillic.test(el.value)) {
        found.push(`value="${el.value}" on ${where(el)}`);
      }
    }
    return found;
  });
}

// ---------------------------------------------------------------- journeys

for (const backend of backends) {
  describe(`browser journeys on ${backend.name}`, { timeout: 10 * 60_000 }, () => {
    let server;
    let browser;
    let database;

    before(
      async () => {
        resetScreenshots(backend.name);
        if (backend.url) database = freshPostgres(backend.url);
        server = await startServer({ databaseUrl: database?.url });
        browser = await launchBrowser();
      },
      { timeout: 150_000 },
    );

    after(
      async () => {
        // Each step on its own: the server is stopped even if the browser hangs.
        await within(15_000, 'closing Chromium', browser?.close() ?? Promise.resolve()).catch(() => {});
        await server?.stop();
        database?.drop();
      },
      { timeout: 60_000 },
    );

    /** One journey: its own browser context (no shared cookies), recorder, time limit. */
    const journey = (letter, title, body) =>
      test(`${letter}. ${title}`, { timeout: JOURNEY_MS }, async (t) => {
        assert.ok(server && browser, 'the server and the browser started');
        const rec = new Recorder(backend.name, knownIssues, t);
        const check = rec.check.bind(rec);
        rec.check = (page, step) => check(page, `${letter}-${step}`);
        const pages = [];
        const open = async () => {
          const p = await newPage(browser);
          pages.push(p);
          return p;
        };
        try {
          await body({ page: await open(), open, rec, base: server.base, server, t });
        } catch (error) {
          const log = server.log.trim();
          if (log) t.diagnostic(`server log (tail):\n${log.slice(-3000)}`);
          throw error;
        } finally {
          for (const p of pages) await within(10_000, 'closing a context', p.context().close()).catch(() => {});
        }
      });

    journey('a', 'anonymous corruption report, then tracking it', async ({ page, rec, base, t }) => {
      let r = await page.goto(`${base}/en/`);
      assert.equal(r.status(), 200);
      await rec.check(page, 'home');

      const link = page.getByRole('link', { name: 'File an appeal or a report' });
      const href = await link.getAttribute('href');
      r = await navigation(page, () => link.click());
      assert.equal(href, '/en/appeals/new', 'the way in keeps the language');
      assert.equal(
        r.status(),
        200,
        `the home page's link "File an appeal or a report" (href="${href}") leads to ${page.url()}: ${r.status()}`,
      );
      assert.equal(new URL(page.url()).pathname, '/en/appeals/new');
      assert.equal(await page.locator('main h1').textContent(), 'File an appeal');
      await rec.check(page, 'form');

      const subject = `Bribe asked for a land plot, ${backend.name}`;
      await fillAppeal(page, {
        kind: 'corruption_report',
        territory: ARAL,
        subject,
        text: 'An official of the land department asked for money to register my plot.\nIt happened last Monday.',
        anonymous: true,
      });
      await rec.check(page, 'form-filled');
      r = await navigation(page, () => submitButton(page).click());
      const { number, secret } = await expectReceipt(page, r, { secret: true });
      await rec.check(page, 'receipt');

      const facts = await track(page, rec, base, { number, secret });
      assert.equal(facts.Status, 'Registered');
      assert.equal(facts['What is it?'], 'Corruption report');
      assert.equal(facts.Subject, subject);
      await rec.check(page, 'status');
    });

    journey('b', 'named appeal: errors first, everything typed is kept', async ({ page, rec, base }) => {
      let r = await page.goto(`${base}/en/appeals/new`);
      assert.equal(r.status(), 200);
      const text = 'Көшедегі шамдар жанбайды.\nThe street lights on our street have been off for a month — «since October» & <still>.';
      await fillAppeal(page, {
        kind: 'complaint',
        territory: ARAL,
        subject: '',
        text,
        anonymous: false,
        name: 'Aigerim Seitkali',
        phone: 'call me maybe',
      });
      await rec.check(page, 'form-with-mistakes');
      // The browser would stop an empty required field itself; the server's
      // own check is what a browser without validation (or a bot) meets.
      await page.locator('main form').evaluate((form) => {
        form.noValidate = true;
      });
      r = await navigation(page, () => submitButton(page).click());
      assert.equal(r.status(), 422, 'a form with errors comes back with 422');

      const summary = page.locator('main .error-summary');
      assert.ok(await summary.isVisible(), 'the error summary is shown');
      assert.equal(await summary.getAttribute('role'), 'alert');
      const links = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(links.includes('#subject'), `the summary names the subject: ${links}`);
      assert.ok(links.includes('#phone'), `the summary names the phone: ${links}`);
      for (const href of links) {
        assert.equal(await page.locator(href).count(), 1, `the summary's link ${href} leads to a field`);
      }
      assert.equal(await page.inputValue('#text'), text, 'the typed text is still in the textarea');
      assert.equal(await page.inputValue('#name'), 'Aigerim Seitkali');
      assert.equal(await page.inputValue('#phone'), 'call me maybe');
      assert.equal(await page.inputValue('#territory'), ARAL);
      assert.ok(await page.isChecked('#kind-complaint'));
      assert.ok(await page.isChecked('#anonymous-no'));
      await rec.check(page, 'errors');

      // Following a summary link moves to the field.
      await summary.locator('a[href="#subject"]').click();
      assert.equal(await page.evaluate(() => location.hash), '#subject');
      await page.fill('#subject', 'Street lights are off');
      await page.fill('#phone', '+7 701 123 45 67');
      await rec.check(page, 'errors-fixed');
      r = await navigation(page, () => submitButton(page).click());
      await expectReceipt(page, r, { secret: false });
      await rec.check(page, 'receipt');
    });

    journey('c', 'staff answer an appeal, the applicant reads and rates it', async ({ page, open, rec, base, server }) => {
      // The applicant files to the officer's institution, with a secret.
      let r = await page.goto(`${base}/en/appeals/new`);
      assert.equal(r.status(), 200);
      const subject = `Water supply in Aral, ${backend.name} ${Date.now()}`;
      await fillAppeal(page, {
        kind: 'complaint',
        territory: ARAL,
        institution: OFFICERS_INSTITUTION,
        subject,
        text: 'There has been no water in our street for three days.',
        anonymous: false,
        name: 'Nurlan Abenov',
        email: 'nurlan@example.kz',
        wantSecret: true,
      });
      await rec.check(page, 'form-filled');
      r = await navigation(page, () => submitButton(page).click());
      const { number, secret, receipt } = await expectReceipt(page, r, { secret: true });
      assert.equal(receipt['Receiving body'], OFFICERS_INSTITUTION);
      await rec.check(page, 'receipt');

      // The officer signs in and answers it.
      const officer = server.accounts.officer;
      assert.ok(officer, `the demo officer's account was printed: ${JSON.stringify(server.accounts)}`);
      const staff = await open();
      await signIn(staff, rec, base, officer);
      await openFromInbox(staff, rec, number, subject);

      const answer = `Dear Nurlan Abenov, the water supply in your street was restored on ${new Date().toISOString().slice(0, 10)}.`;
      await staff.fill('#answer', answer);
      await rec.check(staff, 'answer-typed');
      r = await navigation(staff, () => staff.locator(`main form[action*="/${number}/answer"] button[type="submit"]`).click());
      assert.equal(r.status(), 200, `after answering: ${r.status()} at ${staff.url()}`);
      assert.equal(new URL(staff.url()).pathname, `/en/staff/appeals/${number}`);
      assert.equal((await readFacts(staff)).Status, 'Answered');
      await rec.check(staff, 'answered');

      // The applicant tracks it, reads the answer and rates it 4.
      const facts = await track(page, rec, base, { number, secret });
      assert.equal(facts.Status, 'Answered');
      assert.equal((await page.locator('main div.answer').first().textContent()).trim(), answer);
      await rec.check(page, 'status-answered');

      await page.check('#rating-4');
      await page.fill('#rate-text', 'Quick and clear, thank you.');
      await rec.check(page, 'rating-chosen');
      r = await navigation(page, () => page.locator('main form[action$="/track/rate"] button[type="submit"]').click());
      assert.equal(r.status(), 200, `rating answers ${r.status()}`);
      assert.equal(await page.locator('main form[action$="/track/rate"]').count(), 0, 'the rating form is gone');
      assert.ok(
        (await page.locator('main ol.history').textContent()).includes('Answer rated'),
        'the history shows the rating',
      );
      await rec.check(page, 'rated');
    });

    journey('d', 'language switch on the home page and the filing form', async ({ page, rec, base, t }) => {
      const switches = [
        ['Қазақша', 'kk'],
        ['Qazaqşa', 'kk-Latn'],
        ['Русский', 'ru'],
        ['English', 'en'],
      ];
      for (const [where, path] of [
        ['home', '/'],
        ['form', '/appeals/new'],
        ['transparency', '/transparency'],
      ]) {
        const r = await page.goto(`${base}/en${path}`);
        assert.equal(r.status(), 200);
        assert.equal(await page.getAttribute('html', 'lang'), 'en');
        await rec.check(page, `${where}-en`);
        for (const [name, lang] of switches) {
          const link = page.locator('header nav.languages').getByRole('link', { name, exact: true });
          const shown = await navigation(page, () => link.click());
          assert.equal(shown.status(), 200, `switching to ${lang}: ${shown.status()} at ${page.url()}`);
          assert.equal(await page.getAttribute('html', 'lang'), lang, `<html lang> after choosing ${name}`);
          const url = new URL(page.url());
          assert.equal(url.pathname.toLowerCase(), `/${lang.toLowerCase()}${path}`, 'the same page in the other language');
          const current = page.locator('header nav.languages a[aria-current="page"]');
          assert.equal(await current.getAttribute('hreflang'), lang, 'the language switch marks the current language');
          if (lang === 'kk-Latn') {
            const cyrillic = await cyrillicOutsideVerbatim(page);
            assert.deepEqual(cyrillic, [], `Cyrillic letters on the kk-Latn ${where} page:\n  ${cyrillic.join('\n  ')}`);
          }
          await rec.check(page, `${where}-${lang}`);
        }
      }
    });

    journey('e', 'keyboard only: skip link, every control, Enter to send', async ({ page, rec, base }) => {
      const r = await page.goto(`${base}/en/appeals/new`);
      assert.equal(r.status(), 200);
      const order = await focusables(page);
      assert.equal(order[0].name, 'a.skip', `the skip link comes first: ${order[0].name}`);
      assert.deepEqual(
        order.filter((f) => f.tabindex !== null && Number(f.tabindex) > 0),
        [],
        'no positive tabindex',
      );

      await page.keyboard.press('Tab');
      let f = await focused(page);
      assert.equal(f.name, 'a.skip', 'the first Tab reaches the skip link');
      assert.ok(f.onScreen, 'the skip link is visible when focused');
      assert.ok(f.indicator, 'the skip link shows its focus');
      await rec.check(page, 'skip-link');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => location.hash), '#main');
      f = await focused(page);
      assert.equal(f.name, '#main', 'the skip link moves the focus to <main>');

      const subject = 'Keyboard only: the bus stop has no ramp';
      const text = 'The new bus stop on Abai street has steps and no ramp.';
      const reached = new Set();
      const note = async (why) => {
        const now = await focused(page);
        assert.ok(now.inMain, `${why}: the focus stays in the content, not ${now.name}`);
        assert.ok(now.focusVisible && now.indicator, `${why}: ${now.name} shows its focus`);
        reached.add(now.name);
        return now;
      };
      let submitted = false;
      for (let presses = 0; presses < 80 && !submitted; presses++) {
        await page.keyboard.press('Tab');
        f = await note('Tab');
        if (presses === 0) assert.ok(f.inForm, `after the skip link, Tab goes into the form (${f.name})`);
        switch (f.name) {
          case '#kind-complaint':
            // Arrow keys go round the group: all five once, ending on the second.
            for (let i = 0; i < 6; i++) {
              await page.keyboard.press('ArrowDown');
              await note('ArrowDown in the kinds');
            }
            f = await focused(page);
            assert.equal(f.name, '#kind-corruption_report');
            assert.ok(f.checked, 'arrow keys choose the kind');
            break;
          case '#territory':
            for (let i = 0; i < 300 && (await page.inputValue('#territory')) !== ARAL; i++) {
              await page.keyboard.press('ArrowDown');
            }
            assert.equal(await page.inputValue('#territory'), ARAL, 'Aral district chosen with the arrow keys');
            break;
          case '#subject':
            await page.keyboard.type(subject);
            break;
          case '#text':
            await page.keyboard.type(text);
            break;
          case '#anonymous-no':
            await page.keyboard.press('ArrowDown');
            assert.equal((await note('ArrowDown in who is writing')).name, '#anonymous-yes');
            await page.keyboard.press('ArrowUp');
            f = await note('ArrowUp in who is writing');
            assert.equal(f.name, '#anonymous-no');
            assert.ok(f.checked, 'back to "with my name"');
            break;
          case '#name':
            await page.keyboard.type('Dana Omarova');
            break;
          case '#email':
            await page.keyboard.type('dana@example.kz');
            break;
          case '#want_secret':
            await page.keyboard.press('Space');
            assert.ok((await focused(page)).checked, 'Space ticks the checkbox');
            break;
          default:
            if (f.tag === 'button' && f.sendsForm) {
              // Every control of the form had the focus on the way here.
              const controls = order.filter((c) => c.inForm).map((c) => c.name);
              const missed = controls.filter((c) => !reached.has(c));
              assert.deepEqual(missed, [], 'every form control can receive the focus');
              assert.equal(await page.inputValue('#subject'), subject);
              assert.equal(await page.inputValue('#text'), text);
              await rec.check(page, 'form-filled-by-keyboard');
              const sent = await navigation(page, () => page.keyboard.press('Enter'));
              const { secret } = await expectReceipt(page, sent, { secret: true });
              assert.ok(secret);
              submitted = true;
            }
        }
      }
      assert.ok(submitted, `the submit button was reached with Tab (focus went through: ${[...reached].join(' ')})`);
      await rec.check(page, 'receipt');
    });

    journey('f', 'the head extends the term, the applicant sees why', async ({ page, open, rec, base, server }) => {
      // The applicant files to the officer's institution, with a secret.
      let r = await page.goto(`${base}/en/appeals/new`);
      assert.equal(r.status(), 200);
      const subject = `Road repair in Aral, ${backend.name} ${Date.now()}`;
      await fillAppeal(page, {
        kind: 'complaint',
        territory: ARAL,
        institution: OFFICERS_INSTITUTION,
        subject,
        text: 'The road to the school on Zhibek Zholy street has been broken since spring.',
        anonymous: false,
        name: 'Gulnara Tulegenova',
        email: 'gulnara@example.kz',
        wantSecret: true,
      });
      await rec.check(page, 'form-filled');
      r = await navigation(page, () => submitButton(page).click());
      const { number, secret, receipt } = await expectReceipt(page, r, { secret: true });
      assert.equal(receipt['Receiving body'], OFFICERS_INSTITUTION);
      await rec.check(page, 'receipt');

      // The head of the body signs in, opens it and extends the term.
      const head = server.accounts.head;
      assert.ok(head, `the demo head's account was printed: ${JSON.stringify(server.accounts)}`);
      const staff = await open();
      await signIn(staff, rec, base, head, 'head');
      await openFromInbox(staff, rec, number, subject, 'head');

      const beforeExtension = await readFacts(staff);
      const current = parseShownDate(beforeExtension['Answer due by']);
      const extendForm = staff.locator(`main form[action$="/${number}/extend"]`);
      assert.equal(await extendForm.count(), 1, 'the head is offered "Extend the term"');
      const reason = `An on-site inspection of the road with the district's roads department is needed (${backend.name}).`;
      let due = laterWeekday(current, 7);
      for (let attempt = 1; ; attempt++) {
        await staff.fill('#due', isoDate(due));
        await staff.fill('#reason', reason);
        await rec.check(staff, `extension-typed-${attempt}`);
        r = await navigation(staff, () => extendForm.locator('button[type="submit"]').click());
        if (r.status() !== 422 || attempt > 1) break;
        // Only a day off (a holiday) may be refused, and the page says so.
        const summary = (await staff.locator('main .error-summary').textContent()).trim();
        assert.equal(summary, 'The new due date must be a working day.', `${isoDate(due)} refused: ${summary}`);
        await rec.check(staff, 'extension-refused');
        due = laterWeekday(due, 1);
      }
      assert.equal(r.status(), 200, `after extending to ${isoDate(due)}: ${r.status()} at ${staff.url()}`);
      assert.equal(new URL(staff.url()).pathname, `/en/staff/appeals/${number}`);
      assert.equal(await staff.locator('main .error-summary').count(), 0, 'no error after extending');
      const afterExtension = await readFacts(staff);
      assert.equal(afterExtension['Answer due by'], shownDate(due), 'the page shows the new due date');
      assert.equal(afterExtension.Status, beforeExtension.Status, 'extending keeps the status');
      const staffLine = await historyLine(staff, 'Term extended');
      assert.ok(staffLine.includes('(head of the body)'), `the head extended it: ${staffLine}`);
      assert.ok(staffLine.includes(reason), `the history gives the reason: ${staffLine}`);
      await rec.check(staff, 'extended');

      // The applicant tracks it: the new term and its reason.
      const facts = await track(page, rec, base, { number, secret });
      assert.equal(facts['Answer due by'], shownDate(due), 'the applicant sees the new due date');
      const line = await historyLine(page, 'Term extended');
      assert.ok(line.includes(reason), `the applicant is told why: ${line}`);
      await rec.check(page, 'status-extended');
    });

    journey('g', 'clarification: asked by the officer, given by the applicant', async ({ page, open, rec, base, server }) => {
      // An anonymous appeal to the officer's institution.
      let r = await page.goto(`${base}/en/appeals/new`);
      assert.equal(r.status(), 200);
      const subject = `Bus stop without a shelter, ${backend.name} ${Date.now()}`;
      await fillAppeal(page, {
        kind: 'proposal',
        territory: ARAL,
        institution: OFFICERS_INSTITUTION,
        subject,
        text: 'Please build a shelter at the bus stop near the market.',
        anonymous: true,
      });
      await rec.check(page, 'form-filled');
      r = await navigation(page, () => submitButton(page).click());
      const { number, secret, receipt } = await expectReceipt(page, r, { secret: true });
      assert.equal(receipt['Receiving body'], OFFICERS_INSTITUTION);
      await rec.check(page, 'receipt');

      // The officer asks which stop is meant.
      const officer = server.accounts.officer;
      assert.ok(officer, `the demo officer's account was printed: ${JSON.stringify(server.accounts)}`);
      const staff = await open();
      await signIn(staff, rec, base, officer, 'officer');
      await openFromInbox(staff, rec, number, subject, 'officer');
      const question = 'Which market do you mean: the central one on Abai street or the one by the station?';
      await staff.fill('#question', question);
      await rec.check(staff, 'question-typed');
      r = await navigation(staff, () => staff.locator(`main form[action$="/${number}/clarify"] button[type="submit"]`).click());
      assert.equal(r.status(), 200, `after asking: ${r.status()} at ${staff.url()}`);
      assert.equal(new URL(staff.url()).pathname, `/en/staff/appeals/${number}`);
      assert.equal((await readFacts(staff)).Status, "Waiting for the applicant's clarification");
      const asked = await historyLine(staff, 'Clarification requested');
      assert.ok(asked.includes(question), `the history keeps the question: ${asked}`);
      await rec.check(staff, 'question-sent');

      // The applicant reads the question and answers it.
      let facts = await track(page, rec, base, { number, secret });
      assert.equal(facts.Status, "Waiting for the applicant's clarification");
      const asks = page.locator('main h2', { hasText: 'The body asks you to clarify' });
      assert.equal(await asks.count(), 1, 'the question has its heading');
      assert.equal((await page.locator('main h2 + div.answer').first().textContent()).trim(), question);
      const replyForm = page.locator('main form[action$="/track/clarification"]');
      assert.equal(await replyForm.count(), 1, 'a reply form under the question');
      assert.equal(await page.locator('label[for="text"]').textContent(), 'Your clarification');
      await rec.check(page, 'status-question');

      const clarification = 'The one by the railway station, next to the bus terminal (Aral, Abilkhair khan street).';
      await page.fill('#text', clarification);
      await rec.check(page, 'clarification-typed');
      r = await navigation(page, () => replyForm.locator('button[type="submit"]').click());
      assert.equal(r.status(), 200, `sending the clarification answers ${r.status()}`);
      assert.equal(await page.locator('main h1').textContent(), 'Your appeal');
      facts = await readFacts(page);
      assert.equal(facts['Receipt number'], number);
      assert.equal(facts.Status, 'In progress');
      assert.equal(await page.locator('main form[action$="/track/clarification"]').count(), 0, 'the reply form is gone');
      await historyLine(page, 'Clarification given');
      await rec.check(page, 'clarification-given');

      // The officer reloads the appeal and reads the clarification.
      r = await staff.reload({ waitUntil: 'load' });
      assert.equal(r.status(), 200);
      assert.equal((await readFacts(staff)).Status, 'In progress');
      const given = await historyLine(staff, 'Clarification given');
      assert.ok(given.includes('(applicant)'), `the applicant gave it: ${given}`);
      assert.ok(given.includes(clarification), `the officer reads the clarification: ${given}`);
      await rec.check(staff, 'clarification-read');
    });

    journey('h', 'the track page checks the log proof in the browser', async ({ page, rec, base }) => {
      let r = await page.goto(`${base}/en/appeals/new`);
      assert.equal(r.status(), 200);
      await fillAppeal(page, {
        kind: 'complaint',
        territory: ARAL,
        subject: `Road repair in Aral, ${backend.name}`,
        text: 'The road to the school has holes since spring.',
        anonymous: true,
      });
      // Enter in a text field sends the appeal (not the institution search).
      await page.focus('#subject');
      r = await navigation(page, () => page.keyboard.press('Enter'));
      const { number, secret } = await expectReceipt(page, r, { secret: true });
      const entry = await page.locator('main p', { hasText: 'Entry number in the public log' }).textContent();
      assert.match(entry, /Entry number in the public log: \d+/, 'the receipt names its log entry');
      await rec.check(page, 'receipt-with-log-entry');
      // The server signs a checkpoint every second; then the proof is there.
      await new Promise((res) => setTimeout(res, 1500));
      await track(page, rec, base, { number, secret });
      const status = page.locator('#log-verify');
      await status.waitFor();
      await page.waitForFunction(() => document.getElementById('log-verify')?.dataset.result, null, { timeout: 10_000 });
      assert.equal(await status.getAttribute('data-result'), 'ok', await status.textContent());
      assert.equal(
        (await status.textContent()).trim(),
        'Checked in your browser: this appeal is in the signed public log.',
      );
      await rec.check(page, 'proof-checked-in-browser');
      r = await navigation(page, () => page.locator('main section.log a').click());
      assert.equal(new URL(page.url()).pathname, '/en/transparency');
      assert.ok((await page.locator('[data-log-key]').textContent()).includes('+'), 'the public key is shown');
      await rec.check(page, 'transparency');
    });

    journey('z', 'compressed for a slow phone: pages, styles and scripts', async ({ page, rec, base }) => {
      const seen = new Map();
      page.on('response', async (response) => {
        const url = new URL(response.url());
        if (url.origin !== base) return;
        seen.set(url.pathname, { headers: await response.allHeaders(), status: response.status() });
      });
      const r = await page.goto(`${base}/kk/appeals/new`);
      assert.equal(r.status(), 200);
      await page.waitForLoadState('load');
      await rec.check(page, 'form-compressed');
      // The status page is one that loads a script (the log proof check).
      const filed = await fetch(`${base}/api/v1/appeals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'proposal', territory: ARAL, subject: 'Bus stop', text: 'A shelter, please.', language: 'kk', anonymous: true }),
      });
      const answer = await filed.text();
      assert.equal(filed.status, 201, answer);
      const { number, secret } = JSON.parse(answer);
      // The server signs a checkpoint every second; then the page has a proof to check.
      await new Promise((res) => setTimeout(res, 1500));
      await track(page, rec, base, { number, secret });
      await page.waitForLoadState('load');
      await rec.check(page, 'status-compressed');
      // The receipt's QR address, opened as a phone's camera would, fills in the number.
      const opened = await page.goto(`${base}/kk/track?number=${number}`);
      assert.equal(opened.status(), 200);
      assert.equal(await page.inputValue('#number'), number, 'the scanned address fills in the receipt number');
      const sent = [...seen.entries()];
      const kinds = { html: /^\/kk\/appeals\/new$/, css: /\.css$/, js: /\.js$/ };
      for (const [kind, pattern] of Object.entries(kinds)) {
        const hits = sent.filter(([path]) => pattern.test(path));
        assert.ok(hits.length, `the form loads its ${kind}: ${sent.map(([p]) => p).join(', ')}`);
        for (const [path, { headers, status }] of hits) {
          assert.equal(status, 200, `${path} answers 200`);
          // Chromium asks for br, gzip, deflate and zstd; the server answers brotli.
          assert.equal(headers['content-encoding'], 'br', `${path} comes compressed with brotli: ${JSON.stringify(headers)}`);
          assert.match(headers.vary ?? '', /accept-encoding/i, `${path} says it varies by Accept-Encoding`);
        }
      }
    });

    journey('o', 'the administrator sees the notices waiting, on a phone in Kazakh', async ({ page, rec, base, server }) => {
      // A named applicant with an e-mail address: a notice to send. This
      // server has no SMTP set up, so it waits, and the page says why.
      const filed = await fetch(`${base}/api/v1/appeals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'complaint', territory: ARAL, subject: 'Жол', text: 'Жол жөнделмеген.', language: 'kk', anonymous: false,
          contact: { name: 'Айгүл Сейітова', email: 'aigul@example.kz' },
        }),
      });
      assert.equal(filed.status, 201, await filed.text());
      await signIn(page, rec, base, server.accounts.administrator, 'admin');
      let r = await navigation(page, () => page.locator('header').getByRole('link', { name: 'Workspace' }).click());
      assert.equal(r.status(), 200);
      r = await navigation(page, () => page.locator('main').getByRole('link', { name: 'Notices' }).click());
      assert.equal(r.status(), 200);
      assert.equal(new URL(page.url()).pathname, '/en/admin/notices');
      await rec.check(page, 'notices-en');
      await page.setViewportSize({ width: 390, height: 844 });
      r = await page.goto(`${base}/kk/admin/notices`);
      assert.equal(r.status(), 200);
      assert.ok(Number(await page.locator('[data-queued]').innerText()) >= 1, 'the notice waits in the queue');
      assert.match(await page.locator('[data-channel="email"]').innerText(), /Бапталмаған/);
      await rec.check(page, 'notices-kk-phone');
    });
  });
}
