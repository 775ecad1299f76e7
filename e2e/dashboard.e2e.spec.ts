/// <reference lib="dom" />
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import type { AppName } from '@pokervod/contracts';
import { waitFor } from '@pokervod/testing';
import { TestSystem } from './support/system';

const REPO = join(__dirname, '..');
const SHOTS = join(REPO, 'tmp', 'screenshots');
const WEB = join(REPO, 'dist', 'apps', 'dashboard', 'web');

/** The API's orchestrator proxy needs the orchestrator's (free) port, known once it is spawned: it starts first. */
class DashboardSystem extends TestSystem {
  override env(app: AppName, port?: number): NodeJS.ProcessEnv {
    const env = super.env(app, port);
    if (app === 'api' && !env['ORCHESTRATOR_URL']) env['ORCHESTRATOR_URL'] = this.apps.get('orchestrator')?.url;
    return env;
  }
}

/**
 * Issue 12 in a real browser (Debian's chromium driven by playwright-core)
 * against the whole system on the sample NAS and hand log: the dashboard
 * serves the SPA and proxies /api to block E, which reads the blocks' events.
 */
describe('dashboard in a browser, whole system', () => {
  const system = new DashboardSystem(
    ['orchestrator', 'nas-inventory', 'catalog', 'hand-analysis', 'sheets-sync', 'database', 'api', 'dashboard'],
    {
      POKERVOD_HOME: REPO,
      NAS_ROOTS: join(REPO, 'samples', 'nas'),
      NAS_PATH_PREFIXES: '\\\\nas\\poker=nas',
      NAS_STABLE_SECONDS: '0',
      SHEETS_SOURCES: 'file:samples/hand-log/hand-log.csv',
      SHEETS_POLL_SECONDS: '3600',
      SCHEDULE_FULL_SYNC: 'off',
      SCHEDULE_SHEETS_SYNC: 'off',
      SCHEDULE_NAS_SCAN: 'off',
    },
    // Eight apps starting at once on a busy two-core machine take their time.
    { readyTimeoutMs: 180_000 },
  );
  let browser: Browser;
  let context: BrowserContext;
  let dashboard: string;
  const consoleErrors: string[] = [];
  const measurements: Record<string, unknown> = {};

  const api = async (path: string) => {
    const res = await fetch(`${dashboard}${path}`);
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as any;
  };

  async function newPage(target: BrowserContext = context): Promise<Page> {
    const page = await target.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(`${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await system.start();
    dashboard = system.app('dashboard').url;
    browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      // Autoplay would need a user gesture on a cold deep link; the click that opens a clip is one anyway.
      args: ['--autoplay-policy=no-user-gesture-required', '--lang=en-US'],
    });
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  }, 240_000);

  afterAll(async () => {
    writeFileSync(join(SHOTS, 'measurements.json'), JSON.stringify(measurements, null, 2));
    await browser?.close();
    await system.cleanUp();
  }, 60_000);

  it('runs a full sync from the sync page and shows it live: in progress, then completed', async () => {
    const page = await newPage();
    await page.goto(`${dashboard}/sync`);
    const table = page.getByTestId('sync-status');
    await table.waitFor();
    // Every value data-overall takes, as the SSE stream delivers it.
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid="sync-status"]') as HTMLElement;
      const seen = [el.dataset['overall']];
      (window as any).__overall = seen;
      new MutationObserver(() => {
        const now = (document.querySelector('[data-testid="sync-status"]') as HTMLElement | null)?.dataset['overall'];
        if (now && seen[seen.length - 1] !== now) seen.push(now);
      }).observe(document.body, {
        subtree: true,
        attributes: true,
        attributeFilter: ['data-overall'],
        childList: true,
      });
    });
    await page.getByTestId('stream-state').and(page.locator('[data-state="live"]')).waitFor();

    await page.getByTestId('sync-full').click();
    await page.getByTestId('api-key-input').fill(system.apiKey);
    await page.getByTestId('api-key-submit').click();
    await page.getByTestId('sync-started').waitFor();
    await page.waitForFunction(() => (window as any).__overall.includes('in_progress'), null, { timeout: 30_000 });
    await shot(page, 'sync-in-progress');
    await page.locator('[data-testid="sync-status"][data-overall="completed"]').waitFor({ timeout: 120_000 });
    const seen: string[] = await page.evaluate(() => (window as any).__overall);
    expect(seen.indexOf('in_progress')).toBeGreaterThanOrEqual(0);
    expect(seen.lastIndexOf('completed')).toBeGreaterThan(seen.indexOf('in_progress'));

    // The run is in the history with its phases and their timings.
    const run = page.getByTestId('run').first();
    await run.and(page.locator('[data-status="completed"]')).waitFor({ timeout: 30_000 });
    await run.getByRole('button').first().click();
    await expect(run.getByTestId('run-phases').locator('tr[data-phase]').count()).resolves.toBe(3);
    // The key was asked for once and is kept for the tab.
    expect(await page.evaluate(() => sessionStorage.getItem('pokervod.apiKey'))).toBe(system.apiKey);
    await shot(page, 'sync');
    await page.close();
  }, 200_000);

  it('has the sample in the API once every row settled', async () => {
    // The run completes when its phases do; the rows it changed settle right after (docs/orchestrator.md).
    await waitFor(
      async () => {
        const summary = await api('/api/rows/summary');
        const clips = await api('/api/search?q=bluff&kind=clip');
        const o = summary.outcomes;
        const sheet = summary.sheets.find((x: any) => x.sheet_id === 'file:samples/hand-log/hand-log.csv');
        // Every row the sheet stored has its final outcome in the read model.
        const stored = sheet ? sheet.rows_read - sheet.invalid - sheet.duplicates : -1;
        const settled = (o.clip ?? 0) + (o.invalid ?? 0) + (o.unmatched ?? 0);
        return clips.items.length > 0 && (o.pending ?? 0) === 0 && settled === stored;
      },
      { timeoutMs: 120_000, intervalMs: 1000, description: 'every sample row settled in the read model' },
    );
  }, 130_000);

  it('searches "bluff", opens the first clip, plays from its in-point and pauses at its out-point', async () => {
    const page = await newPage();
    // currentTime when playback starts and when it pauses, straight from the media events.
    await page.addInitScript(`
      window.__media = { playing: [], pause: [] };
      document.addEventListener('playing', (e) => window.__media.playing.push(e.target.currentTime), true);
      document.addEventListener('pause', (e) => window.__media.pause.push(e.target.currentTime), true);
    `);
    await page.goto(`${dashboard}/search`);
    await page.getByTestId('search-input').fill('bluff');
    const first = page.getByTestId('clip-result').first();
    await first.waitFor();
    await page.waitForURL(/q=bluff/);
    await page.waitForLoadState('networkidle');
    await shot(page, 'search');
    const clipId = await first.getAttribute('data-clip-id');
    const clip = await api(`/api/clips/${clipId}`);
    const [num, den] = String(clip.frame_rate).split('/').map(Number);
    const frame = den / num;

    await first.getByRole('link').first().click();
    await page.waitForURL(new RegExp(`/clips/${clipId}`));
    const video = page.getByTestId('player');
    await video.waitFor();
    await page.waitForFunction(() => (window as any).__media.playing.length > 0, null, { timeout: 20_000 });
    await page.waitForFunction(() => (window as any).__media.pause.length > 0, null, { timeout: 30_000 });
    const media = await page.evaluate(() => (window as any).__media);
    expect(Math.abs(media.playing[0] - clip.in.seconds)).toBeLessThanOrEqual(frame);
    expect(Math.abs(media.pause[0] - clip.out.seconds)).toBeLessThanOrEqual(frame);
    expect(await video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
    // The timecode shows the out-point's label.
    await expect(page.getByTestId('timecode').textContent()).resolves.toBe(clip.out.smpte);

    // One frame forward with →, exactly.
    const before = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      (t) => (document.querySelector('[data-testid="player"]') as HTMLVideoElement).currentTime !== t,
      before,
    );
    const after = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
    expect(Math.abs(after - before - frame)).toBeLessThan(frame / 2);
    await shot(page, 'player');
    await page.close();
  }, 90_000);

  it('searches in Korean and shows the page in Korean', async () => {
    const page = await newPage();
    await page.goto(`${dashboard}/search`);
    await page.getByTestId('language-toggle').getByText('한국어', { exact: true }).click();
    await page.getByRole('heading', { name: '핸드 찾기' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
    await page.getByTestId('search-input').fill('블러프');
    await page.waitForURL(/q=%EB%B8%94%EB%9F%AC%ED%94%84/);
    await page.getByTestId('clip-result').first().waitFor();
    const expected = await api(`/api/search?q=${encodeURIComponent('블러프')}&limit=30`);
    const shown = await page
      .getByTestId('clip-result')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-clip-id')));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(expected.items.filter((i: any) => i.kind === 'clip').map((i: any) => i.id));
    await expect(page.getByTestId('result-count').textContent()).resolves.toContain(`결과 ${expected.total}개`);
    await shot(page, 'search-korean');
    // Back to English for the other pages (the choice is remembered in localStorage).
    await page.getByTestId('language-toggle').getByText('English', { exact: true }).click();
    await page.close();
  }, 60_000);

  it("lists the sample's unmatched and invalid rows on the needs-attention page", async () => {
    const page = await newPage();
    await page.goto(`${dashboard}/attention`);
    const unmatched = page.locator('[data-testid="attention-row"][data-outcome="unmatched"][data-row="40"]');
    await unmatched.waitFor({ timeout: 20_000 });
    await expect(unmatched.textContent()).resolves.toContain('WSOP_2023_Main_Event_Day9_Part4.mp4');
    // The sample's unmatched row, the sheet's bad rows (no file name, TBD, OUT before IN), and every row the API
    // holds as invalid (e.g. row 41, a clip past its video's end, once the video's length is known).
    const invalid = (await api('/api/rows?outcome=invalid&limit=200')).items.map((r: any) => `invalid:${r.row_number}`);
    const wanted = [...new Set(['unmatched:40', 'invalid:37', 'invalid:38', 'invalid:39', ...invalid])];
    const shown = () =>
      page
        .getByTestId('attention-row')
        .evaluateAll((els) =>
          els.map((e) => `${(e as HTMLElement).dataset['outcome']}:${(e as HTMLElement).dataset['row']}`),
        );
    // The read model is eventually consistent: a late outcome shows on the next load.
    await waitFor(
      async () => {
        const rows = await shown();
        if (wanted.every((w) => rows.includes(w))) return true;
        await page.reload();
        await page.getByTestId('attention-row').first().waitFor();
        return false;
      },
      { timeoutMs: 30_000, intervalMs: 1000, description: `attention rows ${wanted.join(', ')}` },
    );
    await page.getByTestId('unmatched-file').first().waitFor();
    await expect(page.getByTestId('unmatched-files').textContent()).resolves.toContain('IMG_2041.MOV');
    await shot(page, 'attention');
    await page.close();
  }, 60_000);

  it('browses the catalog tree down to an episode page with its files and clips', async () => {
    const page = await newPage();
    await page.goto(`${dashboard}/catalog/WSOP`);
    const project = page.getByTestId('catalog-project').filter({ hasText: '(WSOP)' });
    await project.getByRole('button', { expanded: true }).first().waitFor();
    // Open every season and event under WSOP until episodes show.
    for (let round = 0; round < 3; round++) {
      const closed = project.locator('button[aria-expanded="false"]');
      const n = await closed.count();
      for (let i = n - 1; i >= 0; i--) await closed.nth(i).click();
      await page.waitForTimeout(300);
    }
    const episode = page.getByTestId('catalog-episode').first();
    await episode.waitFor({ timeout: 20_000 });
    await shot(page, 'catalog');
    const episodeId = (await episode.getAttribute('href'))!.split('/').pop()!;
    const expected = await api(`/api/episodes/${episodeId}`);
    await episode.click();
    await page.waitForURL(/\/episodes\//);
    await page.getByRole('heading', { level: 2, name: expected.title }).waitFor();
    await expect(page.getByTestId('file-row').count()).resolves.toBe(expected.files.length);
    await expect(page.getByTestId('episode-clip').count()).resolves.toBe(expected.clips.length);
    await shot(page, 'episode');
    // A deep link reloads into the same page (SPA fallback).
    await page.reload();
    await page.getByRole('heading', { level: 2, name: expected.title }).waitFor();
    await page.close();
  }, 60_000);

  it('passes an accessibility audit (axe-core, WCAG 2 A and AA) on every page, in English and Korean', async () => {
    const [clip] = (await api('/api/search?q=bluff&kind=clip&limit=1')).items;
    const episode = (await api('/api/search?kind=episode&limit=1')).items[0];
    const pages = [
      '/search?q=bluff',
      '/catalog/WSOP',
      `/episodes/${episode.id}`,
      `/clips/${clip.id}`,
      '/attention',
      '/sync',
    ];
    const violations: string[] = [];
    for (const locale of ['en-US', 'ko-KR']) {
      // The dashboard's CSP (script-src 'self') rightly refuses injected scripts: the audit context bypasses it.
      const audited = await browser.newContext({ locale, viewport: { width: 1280, height: 900 }, bypassCSP: true });
      for (const path of pages) {
        const page = await newPage(audited);
        await page.goto(`${dashboard}${path}`);
        await page.locator('main h2').first().waitFor();
        await page.waitForLoadState('networkidle');
        await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
        const found = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: any }).axe;
          const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
          return result.violations.map(
            (v: any) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`,
          );
        });
        violations.push(...found.map((v: string) => `${locale} ${path}: ${v}`));
        await page.close();
      }
      await audited.close();
    }
    expect(violations).toEqual([]);
  }, 120_000);

  it('measures first load, search latency and bundle size', async () => {
    // First load with a cold cache, in its own context.
    const cold = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await newPage(cold);
    await page.addInitScript(`
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-testid="clip-result"]')) {
          window.__firstResult = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    `);
    await page.goto(`${dashboard}/search?q=bluff`);
    await page.getByTestId('clip-result').first().waitFor();
    const load = await page.evaluate(() => {
      const t = performance.timing;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const assets = resources.filter((r) => /\/assets\/.*\.(js|css)$/.test(r.name));
      return {
        ttfb_ms: t.responseStart - t.navigationStart,
        dom_content_loaded_ms: t.domContentLoadedEventEnd - t.navigationStart,
        load_ms: t.loadEventEnd - t.navigationStart,
        results_rendered_ms: Math.round((window as any).__firstResult),
        assets_transferred_bytes: assets.reduce((sum, r) => sum + r.transferSize, 0),
        assets_decoded_bytes: assets.reduce((sum, r) => sum + r.decodedBodySize, 0),
      };
    });
    measurements['first_load_search_page'] = load;

    // Keystroke → results rendered: from a search with no results, type "bluff" over it; the clock runs from the
    // last key to the list showing exactly the API's results for "bluff", answered by a request sent after that key.
    const expected = await api('/api/search?q=bluff&limit=30');
    const expectedIds = expected.items.filter((i: any) => i.kind === 'clip').map((i: any) => i.id);
    const samples: { total: number; sent: number; api: number; render: number }[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(`${dashboard}/search?q=zzzz${i}`);
      await page
        .getByTestId('result-count')
        .filter({ hasText: /results?$/ })
        .waitFor();
      await page.evaluate((ids) => {
        const w = window as any;
        performance.setResourceTimingBufferSize(5000);
        w.__keyAt = 0;
        w.__done = null;
        document.addEventListener('keydown', () => (w.__keyAt = performance.now()), { capture: true });
        const tick = () => {
          if (w.__keyAt > 0) {
            const request = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find(
              (e) => e.name.includes('/api/search?q=bluff&') && e.startTime >= w.__keyAt,
            );
            const shown = Array.from(document.querySelectorAll('[data-testid="clip-result"]')).map((e) =>
              e.getAttribute('data-clip-id'),
            );
            if (request && shown.length === ids.length && shown.every((id, k) => id === ids[k])) {
              const now = performance.now();
              w.__done = {
                total: now - w.__keyAt,
                sent: request.startTime - w.__keyAt,
                api: request.responseEnd - request.startTime,
                render: now - request.responseEnd,
              };
              return;
            }
          }
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }, expectedIds);
      await page.getByTestId('search-input').selectText();
      await page.getByTestId('search-input').pressSequentially('bluff');
      await page.waitForFunction(() => (window as any).__done !== null, null, { timeout: 20_000 });
      samples.push(await page.evaluate(() => (window as any).__done));
    }
    const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]);
    measurements['keystroke_to_results_ms'] = {
      median: median(samples.map((x) => x.total)),
      min: Math.round(Math.min(...samples.map((x) => x.total))),
      max: Math.round(Math.max(...samples.map((x) => x.total))),
      // The parts: last key → request sent (debounce, URL update), the API's answer, answer → list rendered.
      sent_median: median(samples.map((x) => x.sent)),
      api_median: median(samples.map((x) => x.api)),
      render_median: median(samples.map((x) => x.render)),
    };
    await cold.close();

    // What the build ships, gzipped (what a browser downloads for the search page: the entry chunk and CSS).
    const assets = readdirSync(join(WEB, 'assets')).filter((f) => /\.(js|css)$/.test(f));
    const gz = (f: string) => gzipSync(readFileSync(join(WEB, 'assets', f)), { level: 9 }).length;
    const index = readFileSync(join(WEB, 'index.html'), 'utf8');
    const entry = assets.filter((f) => index.includes(f));
    measurements['bundle_gzip_bytes'] = {
      total: assets.reduce((s, f) => s + gz(f), 0),
      first_load: entry.reduce((s, f) => s + gz(f), 0),
      files: Object.fromEntries(assets.map((f) => [f, gz(f)])),
    };
    console.log('dashboard measurements', JSON.stringify(measurements, null, 2));
    expect((measurements['bundle_gzip_bytes'] as any).total).toBeLessThan(300 * 1024);
  }, 90_000);

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
