import { AdapterError } from '@trestle/adapter-sdk';
import { fillPath, placeholdersOf } from './path-template';

describe('fillPath', () => {
  it('fills placeholders URL-encoded, so a value stays inside its segment', () => {
    expect(fillPath('/api/v2/accounts/{id}', { id: 'a/b?c#d e' }, 'get')).toBe('/api/v2/accounts/a%2Fb%3Fc%23d%20e');
    expect(fillPath('/x/{id}/y', { id: '..' }, 'get')).toBe('/x/%2E%2E/y');
    expect(fillPath('/x/{a}/{b}', { a: 1, b: true }, 'get')).toBe('/x/1/true');
  });

  it('fails with a typed error when a value is missing', () => {
    expect(() => fillPath('/x/{id}', {}, 'get')).toThrow(AdapterError);
    expect(() => fillPath('/x/{id}', { id: { nested: 1 } }, 'get')).toThrow(/'id' is missing/);
  });

  it('lists placeholder names', () => {
    expect(placeholdersOf('/a/{accountId}/contacts/{id}')).toEqual(['accountId', 'id']);
  });
});
