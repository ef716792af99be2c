import { matchesFilter } from './subscription-filter';

const customerUpdate = { type: 'trestle.customer.updated', entity: 'customer', connectionId: 'c-1' };
const alert = { type: 'trestle.alert.model_drift', entity: null, connectionId: null };

describe('subscription filters', () => {
  it('matches everything when every list is empty', () => {
    const all = { entities: [], connectionIds: [], types: [] };
    expect(matchesFilter(all, customerUpdate)).toBe(true);
    expect(matchesFilter(all, alert)).toBe(true);
  });

  it('needs the entity and the connection to be listed when lists are given', () => {
    expect(matchesFilter({ entities: ['customer'], connectionIds: [], types: [] }, customerUpdate)).toBe(true);
    expect(matchesFilter({ entities: ['order'], connectionIds: [], types: [] }, customerUpdate)).toBe(false);
    expect(matchesFilter({ entities: ['customer'], connectionIds: [], types: [] }, alert)).toBe(false);
    expect(matchesFilter({ entities: [], connectionIds: ['c-1'], types: [] }, customerUpdate)).toBe(true);
    expect(matchesFilter({ entities: [], connectionIds: ['c-2'], types: [] }, customerUpdate)).toBe(false);
  });

  it('matches types exactly or by a prefix ending in *', () => {
    expect(matchesFilter({ entities: [], connectionIds: [], types: ['trestle.alert.*'] }, alert)).toBe(true);
    expect(matchesFilter({ entities: [], connectionIds: [], types: ['trestle.alert.*'] }, customerUpdate)).toBe(false);
    expect(
      matchesFilter({ entities: [], connectionIds: [], types: ['trestle.customer.created'] }, customerUpdate),
    ).toBe(false);
    expect(matchesFilter({ entities: [], connectionIds: [], types: ['*'] }, customerUpdate)).toBe(true);
  });
});
