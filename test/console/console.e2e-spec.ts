import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bearer, startTestHub, type TestHub } from '../harness/hub';
import { launchChromium } from './chromium';
import { ensureConsoleBuilt } from './console-build';
import { MEMORY_ADAPTER_PACKAGE, MEMORY_DEFINITION_YAML, MEMORY_TOKEN, memoryAdapter } from './memory-adapter';

jest.doMock(MEMORY_ADAPTER_PACKAGE, () => memoryAdapter, { virtual: true });
jest.setTimeout(60_000);

const SHOTS = join(__dirname, '..', '..', 'test-artifacts', 'console');
/** Failed calls the flows provoke on purpose: a wrong key, invalid connections, routes of modules not enabled. */
const OPTIONAL_ROUTES = /\/v1\/(connections\/[^/]+\/syncs|syncs|dead-letters|enrichments|inference)/;
const expectedFailure = (url: string, message: string) =>
  (/status of (400|401)/.test(message) && /\/v1\/connections$/.test(url)) ||
  (/status of 404/.test(message) && OPTIONAL_ROUTES.test(url));
const INVALID_DEFINITION = MEMORY_DEFINITION_YAML.replace('transforms: [trim]', 'transforms: [reverse]');

async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await check());) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('admin console in a real browser', () => {
  let hub: TestHub;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let connectionId: string;
  const browserErrors: string[] = [];

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const text = async (selector: string) => (await page.locator(selector).first().textContent()) ?? '';
  const go = async (label: string) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(SHOTS, { recursive: true });
    hub = await startTestHub({ ADAPTER_PLUGINS: MEMORY_ADAPTER_PACKAGE });
    await hub.app.listen(0, '127.0.0.1');
    base = (await hub.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchChromium();
    context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => browserErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !expectedFailure(message.location().url, message.text())) {
        browserErrors.push(`console: ${message.text()} (${message.location().url})`);
      }
    });
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('sends an operator who is not signed in to the sign-in page', async () => {
    await page.goto(`${base}/console/audit`);
    await page.getByRole('heading', { name: 'Sign in to Trestle' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/console/audit');
  });

  it('refuses a wrong key with a clear message and keeps nothing', async () => {
    await page.getByLabel('API key or bearer token').fill('trk_thisIsNotAKeyTheHubKnows0000000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.locator('#credential-error');
    await alert.filter({ hasText: 'refused' }).waitFor();
    expect(await alert.textContent()).toMatch(/^The hub refused this key or token: .+\.$/);
    expect(await page.getByLabel('API key or bearer token').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await shot('sign-in-refused');
  });

  it('signs in with an API key kept in sessionStorage and returns to the page asked for', async () => {
    await page.getByLabel('API key or bearer token').fill(hub.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/audit');
    expect(await page.evaluate('Object.values(sessionStorage)')).toEqual([hub.adminKey]);
  });

  it('lists the installed adapter kinds', async () => {
    await go('Adapters');
    const row = page.getByRole('row').filter({ hasText: 'In-memory system' });
    await row.waitFor();
    expect(await row.textContent()).toContain('token required');
  });

  it('shows the hub’s validation errors next to the offending fields', async () => {
    await go('Connections');
    await page.getByRole('link', { name: 'Create a connection' }).click();
    await page.getByLabel('Name', { exact: true }).fill('memory-crm');
    await page.getByLabel('Connector definition').fill(INVALID_DEFINITION);
    await page.getByRole('button', { name: 'Create connection' }).click();
    const definitionErrors = page.locator('#connection-definition-errors');
    await definitionErrors.locator('li').first().waitFor();
    expect(await definitionErrors.textContent()).toContain('entities.customer.fields.name.transforms.0');
    expect(await page.getByLabel('Connector definition').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate("document.activeElement?.id === 'connection-definition'")).toBe(true);

    await page.getByLabel('Connector definition').fill(MEMORY_DEFINITION_YAML);
    await page.getByLabel('Settings', { exact: true }).fill('pageDelayMs: 100\nturbo: true');
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.locator('#connection-settings-errors li').first().waitFor();
    expect(await text('#connection-settings-errors')).toMatch(/turbo|additional/);
    expect(await text('#credentials-errors')).toContain('token');
    expect(await text('#connection-definition-errors')).toBe('');
    expect(await page.getByLabel('Connector definition').getAttribute('aria-invalid')).toBeNull();
    await shot('connection-validation-errors');
  });

  it('creates a connection from an uploaded YAML definition, then tests it', async () => {
    await page.getByLabel('Load definition from a file').setInputFiles({
      name: 'memory-crm.connector.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(MEMORY_DEFINITION_YAML),
    });
    await eventually('the file is loaded', async () =>
      (await page.getByLabel('Connector definition').inputValue()).includes('adapter: memory'),
    );
    expect(await page.getByLabel('Connector definition').inputValue()).toBe(MEMORY_DEFINITION_YAML);
    await page.getByLabel('Settings', { exact: true }).fill('pageDelayMs: 100');
    await page.getByLabel('Name', { exact: true }).last().fill('token');
    await page.getByLabel('Secret').fill(MEMORY_TOKEN);
    await page.getByRole('button', { name: 'Create connection' }).click();

    await page.getByRole('heading', { name: /memory-crm/, level: 1 }).waitFor();
    connectionId = new URL(page.url()).pathname.split('/').pop()!;
    expect(connectionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await text('#credentials-set')).toBe('token');
    expect(await page.content()).not.toContain(MEMORY_TOKEN);

    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.locator('#health-result [data-health]').waitFor();
    expect(await page.locator('#health-result [data-health]').getAttribute('data-health')).toBe('ok');
    await eventually('the result is announced', async () => (await text('#live')) === 'memory-crm: healthy.');
    await shot('connection');
  });

  it('edits credentials (never shown back) and the live test follows them', async () => {
    await page.locator('.credential-row input[data-part="name"]').first().fill('token');
    await page.locator('.credential-row input[data-part="value"]').first().fill('wrong-token');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Connection memory-crm saved.').first().waitFor();
    await page.getByRole('button', { name: 'Test connection' }).click();
    const health = page.locator('#health-result [data-health]');
    await health.waitFor();
    expect(await health.getAttribute('data-health')).toBe('failing');
    expect(await text('#health-result')).toContain('auth');

    await page.locator('.credential-row input[data-part="name"]').first().fill('token');
    await page.locator('.credential-row input[data-part="value"]').first().fill(MEMORY_TOKEN);
    await page.getByLabel('Settings', { exact: true }).fill('{ "pageDelayMs": 50 }');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Connection memory-crm saved.').first().waitFor();
    expect(await page.content()).not.toContain(MEMORY_TOKEN);
    expect(await page.content()).not.toContain('wrong-token');
    expect(await text('.json-view')).toContain('"pageDelayMs": 50');
  });

  it('lists connections with live health and breaker state', async () => {
    await go('Connections');
    const row = page.locator('tr[data-connection="memory-crm"]');
    await row.locator('[data-health]').waitFor();
    expect(await row.locator('[data-health]').getAttribute('data-health')).toBe('ok');
    expect(await row.textContent()).toContain('breaker closed');
    await shot('connections');
  });

  it('runs a sync to the end and cancels another, or says plainly that the pipeline is not enabled', async () => {
    const probe = await hub.app.inject({ url: `/v1/connections/${connectionId}/syncs`, headers: bearer(hub.adminKey) });
    await go('Syncs');
    if (probe.statusCode === 404) {
      const state = page.locator('[data-state="not-enabled"]');
      await state.waitFor();
      expect(await state.textContent()).toContain('Pipeline not enabled');
      expect(await page.getByRole('button', { name: 'Start sync' }).isDisabled()).toBe(true);
      await shot('syncs');
      return;
    }
    expect(probe.statusCode).toBe(200);
    await page.getByLabel('Entity').selectOption('customer');
    await page.getByLabel('Mode').selectOption('full');
    await page.getByRole('button', { name: 'Start sync' }).click();
    const finished = page.locator('tr[data-sync-status="succeeded"]');
    await finished.waitFor({ timeout: 30_000 });
    expect(await finished.textContent()).toMatch(/records read 6 .*written 5 .*rejected 1/);
    await shot('syncs');

    await hub.app.inject({
      method: 'PATCH',
      url: `/v1/connections/${connectionId}`,
      headers: bearer(hub.adminKey),
      payload: { settings: { pageDelayMs: 3000 } },
    });
    await page.getByRole('button', { name: 'Start sync' }).click();
    await page.locator('tr[data-sync-status="queued"], tr[data-sync-status="running"]').first().waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('tr[data-sync-status="cancelled"]').waitFor({ timeout: 30_000 });
    await hub.app.inject({
      method: 'PATCH',
      url: `/v1/connections/${connectionId}`,
      headers: bearer(hub.adminKey),
      payload: { settings: { pageDelayMs: 0 } },
    });
  });

  it('inspects a dead letter, fixes its raw record and replays it, or says plainly that the pipeline is not enabled', async () => {
    const probe = await hub.app.inject({ url: '/v1/dead-letters', headers: bearer(hub.adminKey) });
    await go('Dead letters');
    if (probe.statusCode === 404) {
      await page.locator('[data-state="not-enabled"]').waitFor();
      expect(await text('[data-state="not-enabled"]')).toContain('Pipeline not enabled');
      await shot('dead-letters');
      return;
    }
    await page.getByRole('button', { name: 'Inspect C006' }).click();
    await page.getByRole('heading', { name: 'Dead letter C006' }).waitFor();
    expect(await text('.detail .reason')).not.toBe('');
    expect(await text('.detail .field-errors')).toContain('email');
    const raw = page.getByLabel('Raw record');
    expect(JSON.parse(await raw.inputValue())).toMatchObject({ id: 'C006', email: 'not-an-email' });
    await shot('dead-letters');

    await raw.fill((await raw.inputValue()).replace('not-an-email', 'records@broken.example'));
    await page.getByRole('button', { name: 'Replay' }).click();
    await page.locator('.replay-result [data-outcome="stored"]').waitFor();
    await page.getByLabel('Status').selectOption('replayed');
    await page.getByRole('button', { name: 'Inspect C006' }).waitFor();
  });

  it('finds the audit events of what the operator just did, and opens one', async () => {
    await go('Audit log');
    await page.getByLabel('Connection').selectOption({ label: 'memory-crm' });
    await page.getByLabel('Action').fill('POST /v1/connections/:id/test');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page
      .locator('.count')
      .filter({ hasText: /events? shown/ })
      .waitFor();
    const actions = await page
      .locator('tr[data-action]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions.length).toBeGreaterThanOrEqual(3);
    expect(new Set(actions)).toEqual(new Set(['POST /v1/connections/:id/test']));
    expect(new URL(page.url()).searchParams.get('connectionId')).toBe(connectionId);

    await page.getByLabel('Action').fill('POST /v1/connections');
    await page.getByLabel('Connection').selectOption({ label: 'Any' });
    await page.getByLabel('Outcome').selectOption('failure');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await eventually(
      'two failed creations are listed',
      async () => (await page.locator('tr[data-outcome="failure"]').count()) === 2,
    );
    expect(await page.locator('tr[data-outcome="success"]').count()).toBe(0);

    await page.locator('tr[data-outcome="failure"]').first().getByRole('button').click();
    await page.getByRole('heading', { name: /^Event #\d+$/ }).waitFor();
    expect(await text('.detail')).toContain('400');
    expect(await page.evaluate('document.activeElement?.id')).toBe('audit-event-title');
    await shot('audit');
  });

  it('exports the filtered events as NDJSON and CSV downloads', async () => {
    await page.getByLabel('Outcome').selectOption('');
    await page.getByLabel('Action').fill('POST /v1/connections/:id/test');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const [ndjson] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export NDJSON' }).click(),
    ]);
    expect(ndjson.suggestedFilename()).toBe('audit-default.ndjson');
    const lines = readFileSync((await ndjson.path())!, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const events = lines.filter((line) => line.action !== undefined);
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(new Set(events.map((event) => event.action))).toEqual(new Set(['POST /v1/connections/:id/test']));

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe('audit-default.csv');
    const csvText = readFileSync((await csv.path())!, 'utf8');
    expect(csvText.split('\n')[0]).toContain('action');
    expect(csvText).toContain('POST /v1/connections/:id/test');
    expect(await text('#audit-tool-result')).toMatch(/Exported audit-default\.csv/);
  });

  it('verifies the audit chain and shows the result', async () => {
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.locator('#audit-tool-result [data-verified]').waitFor();
    expect(await page.locator('#audit-tool-result [data-verified]').getAttribute('data-verified')).toBe('true');
    expect(await text('#audit-tool-result')).toMatch(/chain intact \d+ events checked/);
  });

  it('charts calls per connection, error rate and latency percentiles from the audit log', async () => {
    await go('Overview');
    await page.locator('#chart-latency rect').first().waitFor();
    expect(await page.locator('#chart-calls').textContent()).toContain('memory-crm');
    expect(await page.locator('#chart-calls circle').count()).toBeGreaterThan(0);
    expect(await page.locator('#chart-errors circle').count()).toBeGreaterThan(0);
    expect(await text('#chart-errors-summary')).toMatch(/^[1-9]\d* of \d+ recorded calls failed\.$/);
    expect(await page.locator('#chart-latency rect').count()).toBe(3);
    expect(await text('#chart-latency')).toContain('memory-crm');
    await shot('overview-1366');
  });

  it('stays usable at tablet width without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    for (const label of ['Overview', 'Connections', 'Audit log']) {
      await go(label);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
      expect({ label, overflow }).toEqual({ label, overflow: 0 });
    }
    await shot('audit-768');
    await go('Overview');
    await page.locator('#chart-latency rect').first().waitFor();
    await shot('overview-768');
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('shows models and decisions, or says plainly that inference is not enabled', async () => {
    const models = await hub.app.inject({ url: '/v1/inference/models', headers: bearer(hub.adminKey) });
    await go('Inference');
    const section = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Models' }) });
    if (models.statusCode === 404) {
      await section.locator('[data-state="not-enabled"]').waitFor();
    } else {
      expect(models.statusCode).toBe(200);
      await section.locator('table, .state-empty').first().waitFor();
      const drift = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Drift' }) });
      await drift.locator('[data-model="order-anomaly"]').waitFor();
    }
    await shot('inference');
  });

  it('moves keyboard focus sensibly: skip link first, main content after navigation', async () => {
    await page.goto(`${base}/console/connections`);
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await go('Connections');
    expect(await page.evaluate('document.activeElement?.id')).toBe('main');
  });

  it('signs out: the credential is gone and pages need signing in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Trestle' }).waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await page.goto(`${base}/console/connections`);
    await page.getByRole('heading', { name: 'Sign in to Trestle' }).waitFor();
  });

  it('raised no script errors or CSP violations in the browser', () => {
    expect(browserErrors).toEqual([]);
  });
});
