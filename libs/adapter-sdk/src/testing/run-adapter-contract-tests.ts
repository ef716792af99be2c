/// <reference types="jest" />
import type { AdapterConnection, Page } from '../adapter';
import type { AdapterContractOptions } from './contract-options';
import { resolveLazy } from './contract-options';
import {
  checkAdapterError,
  checkCursorsResume,
  checkPageShape,
  checkSameIds,
  ContractViolation,
  firstPage,
  listPages,
  rejection,
  sourceIdOf,
  uniqueIds,
  walkByCursor,
} from './contract-checks';
import { findSecretLeaks } from './secret-leaks';

const MAX_CURSOR_CHECKS = 50;

/**
 * Registers jest tests proving that an adapter keeps the adapter contract. Call it at the top
 * level of a spec file (or inside a describe), after the hooks that start the legacy system:
 *
 * ```ts
 * const logger = captureLogger();
 * beforeAll(async () => { simulator = await startSimulator(); });
 * afterAll(() => simulator.stop());
 * runAdapterContractTests({
 *   name: 'as400 adapter',
 *   logger,
 *   secrets: ['s3cret'],
 *   connect: () => as400.connect(testAdapterContext({ settings, credentials, definition, logger })),
 *   list: { entity: 'customer', minRecords: 12, idOf: 'CUSTNO' },
 *   get: { existingSourceId: 'C001', missingSourceId: 'NOPE' },
 *   failing: { connect: () => as400.connect(wrongPasswordContext), expectedCode: 'auth' },
 * });
 * ```
 *
 * It proves: listing ends within a bounded number of pages; pages are non-empty until the last;
 * every nextCursor resumes exactly after its page; one pass and a cursor-by-cursor walk list the
 * same source ids with no duplicate and none missing; modifiedSince narrows (when configured);
 * get finds the existing record and fails with AdapterError 'not_found' for the missing one;
 * every failure is an AdapterError with a known code (the expected one for the failing
 * connection); an aborted signal rejects promptly; close() is idempotent; and no secret appears in
 * any thrown error (message, details, cause chain, JSON, stack) or any logger call.
 */
export function runAdapterContractTests(options: AdapterContractOptions): void {
  const timeout = options.testTimeoutMs ?? 30_000;
  const { entity, idOf, minRecords } = options.list;
  const pageSize = options.list.pageSize ?? Math.max(1, Math.floor(minRecords / 3));
  const maxPages = options.list.maxPages ?? 10_000;
  const getEntity = options.get.entity ?? entity;
  const thrown: unknown[] = [];

  describe(`adapter contract: ${options.name}`, () => {
    let connection: AdapterConnection;
    let smallPages: Promise<Page[]> | undefined;
    const pagesOfSmallSize = (): Promise<Page[]> =>
      (smallPages ??= listPages(connection, entity, { pageSize }, maxPages));

    const failure = async (call: () => Promise<unknown>, what: string): Promise<unknown> => {
      const error = await rejection(call, what);
      thrown.push(error);
      return error;
    };

    const expectNoLeak = (value: unknown): void => {
      expect(findSecretLeaks(value, resolveLazy(options.secrets))).toEqual([]);
    };

    beforeAll(async () => {
      connection = await options.connect();
    }, timeout);

    afterAll(async () => {
      await connection?.close();
    }, timeout);

    it(
      'lists pages that end, are non-empty until the last, and carry a nextCursor on all but the last',
      async () => {
        const pages = await pagesOfSmallSize();
        checkPageShape(pages);
        const ids = uniqueIds(pages, idOf);
        expect(ids.length).toBeGreaterThanOrEqual(minRecords);
        if (options.list.honoursPageSize !== false) {
          expect(pages.length).toBeGreaterThanOrEqual(Math.min(2, Math.ceil(ids.length / pageSize)));
          for (const page of pages) expect(page.records.length).toBeLessThanOrEqual(pageSize);
        }
      },
      timeout,
    );

    it(
      'resumes from each nextCursor exactly after the page it came from',
      async () => {
        const pages = await pagesOfSmallSize();
        await checkCursorsResume(connection, entity, pages.slice(0, MAX_CURSOR_CHECKS + 1), pageSize, idOf);
      },
      timeout,
    );

    it(
      'lists the same source ids in one pass as page by page with cursors, none twice, none missing',
      async () => {
        const onePass = uniqueIds(await pagesOfSmallSize(), idOf);
        const walked = await walkByCursor(connection, entity, pageSize, maxPages);
        checkPageShape(walked);
        checkSameIds(onePass, uniqueIds(walked, idOf), 'cursor walk vs one pass');
        const defaultSize = await listPages(connection, entity, {}, maxPages);
        checkPageShape(defaultSize);
        checkSameIds(onePass, uniqueIds(defaultSize, idOf), 'default page size vs small pages');
      },
      timeout,
    );

    if (options.modifiedSince) {
      const incremental = options.modifiedSince;
      it(
        'narrows the listing with modifiedSince',
        async () => {
          const all = uniqueIds(await pagesOfSmallSize(), idOf);
          const pages = await listPages(
            connection,
            entity,
            { pageSize, modifiedSince: resolveLazy(incremental.since) },
            maxPages,
          );
          checkPageShape(pages);
          const recent = uniqueIds(pages, idOf);
          expect(recent.length).toBeGreaterThan(0);
          expect(recent.length).toBeLessThan(all.length);
          expect(recent.filter((id) => !all.includes(id))).toEqual([]);
          if (incremental.isModifiedSince) {
            const stale = pages
              .flatMap((page) => page.records)
              .filter((record) => !incremental.isModifiedSince!(record))
              .map((record) => sourceIdOf(record, idOf));
            expect(stale).toEqual([]);
          }
        },
        timeout,
      );
    }

    it(
      'gets an existing record by its source id',
      async () => {
        const id = resolveLazy(options.get.existingSourceId);
        const record = await connection.get(getEntity, id);
        expect(sourceIdOf(record, idOf)).toBe(id);
      },
      timeout,
    );

    it(
      "fails with AdapterError 'not_found' for a missing source id",
      async () => {
        const missing = resolveLazy(options.get.missingSourceId);
        const error = await failure(() => connection.get(getEntity, missing), `get('${getEntity}', missing)`);
        checkAdapterError(error, 'get of a missing record', 'not_found');
      },
      timeout,
    );

    it(
      'fails with a typed AdapterError for an entity the definition does not bind',
      async () => {
        const error = await failure(
          () => firstPage(connection, 'entity-nobody-bound', {}),
          "list('entity-nobody-bound')",
        );
        checkAdapterError(error, 'list of an unbound entity');
      },
      timeout,
    );

    if (options.create) {
      const create = options.create;
      it(
        'creates a record that get then finds',
        async () => {
          const createEntity = create.entity ?? entity;
          const created = await connection.create(createEntity, resolveLazy(create.record));
          const id = sourceIdOf(created, idOf);
          const fetched = await connection.get(createEntity, id);
          expect(sourceIdOf(fetched, idOf)).toBe(id);
        },
        timeout,
      );
    }

    if (options.failing) {
      const failing = options.failing;
      it(
        `fails with AdapterError '${failing.expectedCode}' on a failing connection`,
        async () => {
          const error = await failure(async () => {
            const broken = await failing.connect();
            try {
              await firstPage(broken, entity, { pageSize });
            } finally {
              await broken.close().catch(() => undefined);
            }
          }, 'the failing connection');
          checkAdapterError(error, 'the failing connection', failing.expectedCode);
          expectNoLeak(error);
        },
        timeout,
      );
    }

    it(
      'rejects promptly with an AdapterError when the signal is already aborted',
      async () => {
        const id = resolveLazy(options.get.existingSourceId);
        for (const [what, call] of [
          ['get', (signal: AbortSignal) => connection.get(getEntity, id, { signal })],
          ['list', (signal: AbortSignal) => firstPage(connection, entity, { pageSize, signal })],
          ['check', (signal: AbortSignal) => connection.check({ signal })],
        ] as const) {
          const started = performance.now();
          const error = await failure(() => call(AbortSignal.abort()), `${what} with an aborted signal`);
          checkAdapterError(error, `${what} with an aborted signal`);
          expect(performance.now() - started).toBeLessThan(1000);
        }
      },
      timeout,
    );

    if (options.slowCall) {
      const slow = options.slowCall;
      it(
        'rejects promptly with an AdapterError when a slow call is aborted',
        async () => {
          const controller = new AbortController();
          const abortAfter = slow.abortAfterMs ?? 100;
          const timer = setTimeout(() => controller.abort(), abortAfter);
          const started = performance.now();
          try {
            const error = await failure(() => slow.run(connection, controller.signal), 'the aborted slow call');
            checkAdapterError(error, 'the aborted slow call');
          } finally {
            clearTimeout(timer);
          }
          expect(performance.now() - started).toBeLessThan(abortAfter + (slow.withinMs ?? 1000));
          // The connection must still serve calls after an aborted one.
          await expect(connection.get(getEntity, resolveLazy(options.get.existingSourceId))).resolves.toBeDefined();
        },
        timeout,
      );
    }

    it(
      'closes idempotently',
      async () => {
        const extra = await options.connect();
        await extra.close();
        await expect(extra.close()).resolves.toBeUndefined();
      },
      timeout,
    );

    it('lets no secret into any thrown error or log call', () => {
      const secrets = resolveLazy(options.secrets);
      if (secrets.length === 0) throw new ContractViolation('options.secrets is empty: nothing would be checked');
      const leaks = [
        ...thrown.flatMap((error, index) => findSecretLeaks(error, secrets).map((leak) => `error ${index}: ${leak}`)),
        ...options.logger.calls.flatMap((call, index) =>
          findSecretLeaks(call, secrets).map((leak) => `log call ${index} (${call.level}): ${leak}`),
        ),
      ];
      expect(thrown.length).toBeGreaterThan(0);
      expect(leaks).toEqual([]);
    });
  });
}
