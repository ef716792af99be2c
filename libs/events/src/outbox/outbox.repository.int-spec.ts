import { PostgresHub, startPostgresHub } from '../../../../test/harness/postgres-hub';
import { OutboxRepository, ROUTABLE_POSTGRES, RoutedEvent } from './outbox.repository';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function scannedWhole(node: PlanNode): string[] {
  const own = node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [node['Relation Name']] : [];
  return [...own, ...(node.Plans ?? []).flatMap(scannedWhole)];
}

/** A routing pass costs what its batch costs, however many routed events the outbox still keeps. */
describe('outbox routing on PostgreSQL', () => {
  const KEPT = 20_000;
  let postgres: PostgresHub;

  beforeAll(async () => {
    postgres = await startPostgresHub();
    await postgres.client.query(
      'INSERT INTO event_outbox (seq, id, tenant_id, type, subject, connection_id, entity, ordering_key, time, data) ' +
        "SELECT nextval('event_outbox_seq'), gen_random_uuid()::text, 'default', 'trestle.customer.updated', 'cus_' || g, " +
        "NULL, 'customer', 'cus_' || g, '2026-01-01T00:00:00.000Z', repeat('x', 400) FROM generate_series(1, $1::int) AS g",
      [KEPT + 3],
    );
    await postgres.client.query(
      'INSERT INTO event_outbox_unrouted (seq) SELECT seq FROM event_outbox ORDER BY seq DESC LIMIT 3',
    );
  });

  afterAll(() => postgres?.close());

  it('reads the unrouted events through the outbox key, never a scan of the kept ones', async () => {
    const [{ 'QUERY PLAN': plans }] = (
      await postgres.client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        `EXPLAIN (FORMAT JSON) ${ROUTABLE_POSTGRES}`,
        [500],
      )
    ).rows;
    expect(scannedWhole(plans[0].Plan)).not.toContain('event_outbox');
  });

  it('routes exactly the unrouted events, oldest first, and marks them routed', async () => {
    const seen: RoutedEvent[] = [];
    const routed = await postgres.hub.app.get(OutboxRepository).route(500, async (events) => {
      seen.push(...events);
      return [];
    });
    expect(routed).toEqual({ events: 3, deliveries: 0 });
    expect(seen.map((event) => Number(event.seq))).toEqual([KEPT + 1, KEPT + 2, KEPT + 3]);
    const { rows } = await postgres.client.query('SELECT seq FROM event_outbox_unrouted');
    expect(rows).toEqual([]);
  });
});
