import { simplifyEncoded } from './encoded-values';

describe('simplifyEncoded', () => {
  it('drops encoding attributes, unwraps typed text and keeps data attributes', () => {
    const result = simplifyEncoded({
      attributes: { 'xsi:type': 'soapenc:Array', 'soapenc:arrayType': 'ns:Account[2]' },
      item: [
        { attributes: { id: 'id0' }, id: { $value: 'A-1', attributes: { 'xsi:type': 'xsd:string' } } },
        { count: { $value: '42', attributes: { 'xsi:type': 'xsd:int' } } },
      ],
      more: { $value: 'false', attributes: { 'xsi:type': 'xsd:boolean' } },
      amount: { $value: '12.30', attributes: { 'xsi:type': 'xsd:decimal' } },
      huge: { $value: '12345678901234567890', attributes: { 'xsi:type': 'xsd:long' } },
      phone: { $value: '+49 30 1', attributes: { kind: 'mobile', 'xsi:type': 'xsd:string' } },
    });
    expect(result).toEqual({
      item: [{ id: 'A-1' }, { count: 42 }],
      more: false,
      amount: '12.30',
      huge: '12345678901234567890',
      phone: { $value: '+49 30 1', attributes: { kind: 'mobile' } },
    });
  });

  it('leaves plain document/literal values alone', () => {
    const value = { Customers: { Customer: [{ CustomerNo: 'C1', Active: true, Qty: 3 }] }, HasMore: false };
    expect(simplifyEncoded(structuredClone(value))).toEqual(value);
  });
});
