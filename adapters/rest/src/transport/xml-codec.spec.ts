import { parseXml, writeXml, XmlParseError } from './xml-codec';

describe('parseXml', () => {
  it('turns elements into objects, repeats into arrays, attributes into @keys, nil into null', () => {
    const xml =
      '<?xml version="1.0"?><ns:accounts xmlns:ns="urn:x" count="2"><account><id>a1</id><phone nil="true"/></account>' +
      '<account><id>a2</id><name>A &amp; B &#233;</name><note><![CDATA[<raw>]]></note></account></ns:accounts>';
    expect(parseXml(xml)).toEqual({
      accounts: {
        '@count': '2',
        account: [
          { id: 'a1', phone: null },
          { id: 'a2', name: 'A & B é', note: '<raw>' },
        ],
      },
    });
  });

  it('keeps mixed text under #text and empty elements as empty strings', () => {
    expect(parseXml('<a x="1">hello<b/></a>')).toEqual({ a: { '@x': '1', b: '', '#text': 'hello' } });
  });

  it('refuses a document type declaration, so no entity is ever expanded', () => {
    const billionLaughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
    expect(() => parseXml(billionLaughs)).toThrow(XmlParseError);
    expect(() => parseXml('<!DOCTYPE x SYSTEM "file:///etc/passwd"><x>&xxe;</x>')).toThrow(/document type/);
  });

  it('refuses entities other than the five predefined ones', () => {
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow(XmlParseError);
  });

  it('refuses malformed XML', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(XmlParseError);
    expect(() => parseXml('<a>')).toThrow(XmlParseError);
    expect(() => parseXml('{"json": true}')).toThrow(XmlParseError);
    expect(() => parseXml('')).toThrow(XmlParseError);
  });

  it('refuses absurd nesting', () => {
    expect(() => parseXml('<a>'.repeat(300) + '</a>'.repeat(300))).toThrow(/deeper/);
  });
});

describe('writeXml', () => {
  it('writes nested records, arrays and attributes, escaping text, and reads back the same', () => {
    const record = {
      '@id': '7',
      name: 'Tom & "Jerry" <x>',
      tags: { tag: ['a', 'b'] },
      address: { city: 'Köln' },
      gone: null,
    };
    const xml = writeXml('account', record);
    expect(xml).toContain('<name>Tom &#38; &#34;Jerry&#34; &#60;x&#62;</name>');
    expect(parseXml(xml)).toEqual({
      account: { '@id': '7', name: 'Tom & "Jerry" <x>', tags: { tag: ['a', 'b'] }, address: { city: 'Köln' } },
    });
  });

  it('refuses element names that are not XML names', () => {
    expect(() => writeXml('account', { 'bad name': 1 })).toThrow(XmlParseError);
  });
});
