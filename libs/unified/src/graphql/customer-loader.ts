import type { Principal } from '@trestle/auth';
import { hubId } from '@trestle/core';
import DataLoader from 'dataloader';
import type { CanonicalRecord } from '../live/canonical-mapper';
import type { EntityReadService } from '../entity-read.service';

export interface CustomerKey {
  connectionId: string;
  customerSourceId: string;
}

/**
 * One loader per GraphQL request: every order in a response asking for the same customer shares
 * one fetch, and all distinct customers of a batch are fetched concurrently.
 */
export function createCustomerLoader(reads: EntityReadService, principal: Principal) {
  return new DataLoader<CustomerKey, CanonicalRecord | null, string>(
    (keys) =>
      Promise.all(
        keys.map((key) =>
          reads
            .get(principal, 'customer', hubId('customer', key.connectionId, key.customerSourceId))
            .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
        ),
      ),
    { cacheKeyFn: (key) => `${key.connectionId}:${key.customerSourceId}` },
  );
}
