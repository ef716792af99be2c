import type { ApiClient } from '../api/api-client';
import type { AuditEvent, AuditEventPage, Connection } from '../api/hub-types';
import { callsPerConnection, errorRate, latencyPercentiles, timeBuckets } from '../charts/audit-stats';
import { latencyChart } from '../charts/latency-chart';
import { lineChart } from '../charts/line-chart';
import { h, replaceChildren } from '../dom/element';
import type { Page } from '../shell/page';
import { consolePath } from '../shell/router';
import { emptyState, errorState, loadingState } from '../ui/states';

const EVENTS_SAMPLED = 1000;

export const overviewPage: Page = {
  title: 'Overview',
  render({ api, signal }) {
    const tiles = h('div', { class: 'tiles' }, loadingState('connections'));
    const charts = h('div', { class: 'charts' }, loadingState('recent activity'));

    api
      .get<Connection[]>('/v1/connections', undefined, signal)
      .then((connections) => {
        const open = connections.filter((c) => c.breaker !== 'closed');
        replaceChildren(
          tiles,
          tile('Connections', String(connections.length), consolePath('connections')),
          tile('Breakers not closed', String(open.length), consolePath('connections'), open.length ? 'warn' : 'ok'),
        );
        return recentEvents(api, signal).then((events) => drawCharts(events, connections));
      })
      .catch((error: unknown) => replaceChildren(charts, errorState(error)));

    function drawCharts(events: AuditEvent[], connections: Connection[]): void {
      if (events.length === 0) {
        replaceChildren(charts, emptyState('No activity yet', 'Charts appear once the hub has served or made calls.'));
        return;
      }
      const names = new Map(connections.map((c) => [c.id, c.name]));
      const nameOf = (id: string) => names.get(id) ?? `${id.slice(0, 8)}…`;
      const buckets = timeBuckets(events);
      const labels = buckets.starts.map((start) => timeLabel(start, buckets.widthMs));
      const calls = callsPerConnection(events, buckets, nameOf);
      const errors = errorRate(events, buckets);
      const failures = events.filter((event) => event.outcome === 'failure').length;
      tiles.append(
        tile('Audit events sampled', String(events.length), consolePath('audit')),
        tile(
          'Error rate',
          `${Math.round((100 * failures) / events.length)}%`,
          consolePath('audit?outcome=failure'),
          failures ? 'warn' : 'ok',
        ),
      );
      replaceChildren(
        charts,
        calls.length
          ? lineChart({
              id: 'chart-calls',
              title: 'Calls per connection',
              summary: `${calls.map((line) => `${line.name}: ${line.values.reduce((a, b) => a + b, 0)} calls`).join('; ')}, in ${buckets.widthMs / 1000}-second buckets.`,
              labels,
              series: calls,
            })
          : emptyState('Calls per connection', 'No call has touched a connection yet.'),
        lineChart({
          id: 'chart-errors',
          title: 'Error rate',
          summary: `${failures} of ${events.length} recorded calls failed.`,
          labels,
          series: [{ name: 'failed calls (%)', values: errors }],
          unit: '%',
          max: 100,
        }),
        latencyChart('chart-latency', 'Latency percentiles per connection', latencyPercentiles(events, nameOf)),
      );
    }

    return h(
      'div',
      { class: 'page' },
      h('h1', {}, 'Overview'),
      tiles,
      h('h2', {}, 'Recent activity'),
      h('p', { class: 'lead' }, `From the latest ${EVENTS_SAMPLED} audit events.`),
      charts,
    );
  },
};

async function recentEvents(api: ApiClient, signal: AbortSignal): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.get<AuditEventPage>('/v1/audit/events', { limit: 500, cursor }, signal);
    events.push(...page.data);
    cursor = page.cursor ?? undefined;
  } while (cursor && events.length < EVENTS_SAMPLED);
  return events;
}

function tile(label: string, value: string, href: string, tone: 'ok' | 'warn' | 'neutral' = 'neutral'): HTMLElement {
  return h(
    'a',
    { class: `tile tile-${tone}`, href, 'data-link': true },
    h('span', { class: 'tile-value' }, value),
    h('span', { class: 'tile-label' }, label),
  );
}

function timeLabel(start: number, widthMs: number): string {
  const iso = new Date(start).toISOString();
  return widthMs >= 86_400_000 ? iso.slice(5, 10) : widthMs >= 60_000 ? iso.slice(11, 16) : iso.slice(11, 19);
}
