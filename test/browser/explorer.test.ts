import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchBrowser } from '../helpers/browser';
import { CONTRACT_DIR, startTestHub, type TestHub } from '../helpers/test-hub';

// The explorer in a real browser: it loads from the hub alone, runs a preloaded contract
// operation, and shows the answer.

let t: TestHub;
let browser: Browser;
beforeAll(async () => {
  t = await startTestHub();
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t.stop();
});

test("the preloaded operations are the contract's, unchanged", () => {
  for (const name of ['area', 'ingest-status', 'partnerships', 'scorecard', 'series', 'spc-chart', 'theme']) {
    const shipped = readFileSync(join(__dirname, '..', '..', 'schema', 'operations', `${name}.graphql`), 'utf8');
    expect(shipped).toBe(readFileSync(join(CONTRACT_DIR, `${name}.graphql`), 'utf8'));
  }
});

test('the explorer loads offline, runs the Area operation and shows Gosport', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto(`${t.url}/explorer`);
  await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
  // The first tab is the first contract operation by name: Area, with its variables.
  await page.locator('.graphiql-execute-button').click();
  // The result pane is a CodeMirror editor: its text is split across spans, so read it whole.
  await page.waitForFunction("document.querySelector('.result-window')?.textContent?.includes('Gosport')", undefined, {
    timeout: 20_000,
  });
  const text = (await page.locator('.result-window').textContent()) ?? '';
  expect(text).toContain('"code": "E07000088"');
  expect(text).toContain('"name": "Gosport"');
  const tabs = await page.locator('.graphiql-tab').count();
  expect(tabs).toBe(7);
  await page.screenshot({ path: join(ARTIFACTS, 'explorer.png') });
  // Everything came from the hub itself.
  expect(requested.length).toBeGreaterThan(3);
  expect(requested.filter((u) => !u.startsWith(t.url) && !u.startsWith('data:'))).toEqual([]);
  await page.close();
});
