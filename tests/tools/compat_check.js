#!/usr/bin/env node
// Drives the compatibility finder in headless Chromium (playwright-core, Debian's
// chromium from LIFECYCLE_CHROMIUM) and reports what a user sees, one JSON line a step.
//
// Usage: node compat_check.js PAGE_URL QUERY CHANGE_ID CHANGE_VALUE EMPTY_QUERY
//   PAGE_URL     the finder, e.g. http://127.0.0.1:1111/compatibility/
//   QUERY        the first choice, e.g. "?python=3.10&ubuntu=22.04"
//   CHANGE_ID/CHANGE_VALUE  a control to set next (select#dep-<id>), e.g. python 3.11
//   EMPTY_QUERY  a choice no release ships, e.g. "?python=3.7&ubuntu=24.04"
// Steps printed: initial, changed, reloaded, back, empty (each {step, search, rows, empty,
// subscribe}), nojs ({step, matrix_rows, links}), and axe ({step, state, violations}).
// Only loopback requests are let through. Exit 0 when every step ran, 2 on a crash.
'use strict';

const { chromium } = require('playwright-core');
const { AxeBuilder } = require('@axe-core/playwright');

const [page_url, query, change_id, change_value, empty_query] = process.argv.slice(2);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

async function guard(context) {
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (LOOPBACK.has(u.hostname) || u.protocol === 'data:') return route.continue();
    console.error('blocked ' + u.href);
    return route.abort();
  });
}

async function state(page, step) {
  await page.waitForSelector('html[data-finder="ready"]', { timeout: 15000 });
  return page.evaluate((step) => {
    const rows = [...document.querySelectorAll('#results table tbody tr')].map((tr) => {
      const a = tr.querySelector('th a');
      return a ? a.textContent : null;
    });
    const empty = document.querySelector('#results p.empty');
    const subscribe = [...document.querySelectorAll('#subscribe a')].map((a) => a.getAttribute('href'));
    return { step, search: location.search, rows, empty: empty ? empty.textContent : null, subscribe };
  }, step);
}

async function axe(page, label) {
  const r = await new AxeBuilder({ page }).analyze();
  console.log(JSON.stringify({ step: 'axe', state: label, violations: r.violations.map((v) => v.id) }));
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.LIFECYCLE_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext();
    await guard(context);
    const page = await context.newPage();
    await page.goto(page_url + query);
    console.log(JSON.stringify(await state(page, 'initial')));
    await axe(page, 'js');
    await page.selectOption('#dep-' + change_id, change_value);
    await page.waitForFunction((v) => location.search.includes(v), encodeURIComponent(change_value));
    console.log(JSON.stringify(await state(page, 'changed')));
    await page.reload();
    console.log(JSON.stringify(await state(page, 'reloaded')));
    await page.goBack();
    await page.waitForFunction((q) => location.search === q, query);
    console.log(JSON.stringify(await state(page, 'back')));
    await page.goto(page_url + empty_query);
    console.log(JSON.stringify(await state(page, 'empty')));

    // Without JavaScript: the page as served (axe itself needs JavaScript, so the finder's
    // script is what is switched off for the accessibility check).
    const nojs = await browser.newContext({ javaScriptEnabled: false });
    await guard(nojs);
    const p2 = await nojs.newPage();
    await p2.goto(page_url + query);
    const info = await p2.evaluate(() => ({
      step: 'nojs',
      matrix_rows: [...document.querySelectorAll('#results table.matrix-table tbody tr th a')].map((a) => a.textContent),
      links: [...document.querySelectorAll('#results a')].map((a) => a.getAttribute('href')),
    }));
    console.log(JSON.stringify(info));
    await nojs.close();
    const noscript = await browser.newContext();
    await noscript.route('**/assets/compat.*.js', (route) => route.abort());
    await guard(noscript);
    const p3 = await noscript.newPage();
    await p3.goto(page_url + query);
    await axe(p3, 'nojs');
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(2);
});
