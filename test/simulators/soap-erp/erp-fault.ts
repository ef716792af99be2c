import { ERP_TYPES_NAMESPACE } from './erp-wsdl';

export type ErpFaultCode = 'NotFound' | 'ValidationFailed' | 'AuthenticationFailed';
export type SoapVersion = '1.1' | '1.2';

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * An application fault of the ERP. As SOAP 1.1: faultcode soap:Client, faultstring the code, HTTP 500. As SOAP 1.2:
 * soap:Sender with subcode t:<code>, reason the code, HTTP 400. Both carry a t:ErpFault detail (Code, Message, Field).
 */
export class ErpFault extends Error {
  constructor(
    readonly code: ErpFaultCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  /** The shape the `soap` server sends as a fault: its `_xml` is written verbatim inside the envelope. */
  toSoapFault(version: SoapVersion): { Fault: { _xml: string; statusCode: number } } {
    const detail =
      `<t:ErpFault><t:Code>${this.code}</t:Code><t:Message>${escapeXml(this.message)}</t:Message>` +
      `${this.field ? `<t:Field>${escapeXml(this.field)}</t:Field>` : ''}</t:ErpFault>`;
    const open = `<soap:Fault xmlns:t="${ERP_TYPES_NAMESPACE}">`;
    if (version === '1.1') {
      return {
        Fault: {
          _xml: `${open}<faultcode>soap:Client</faultcode><faultstring>${this.code}</faultstring><detail>${detail}</detail></soap:Fault>`,
          statusCode: 500,
        },
      };
    }
    return {
      Fault: {
        _xml:
          `${open}<soap:Code><soap:Value>soap:Sender</soap:Value><soap:Subcode><soap:Value>t:${this.code}</soap:Value></soap:Subcode></soap:Code>` +
          `<soap:Reason><soap:Text xml:lang="en">${this.code}</soap:Text></soap:Reason><soap:Detail>${detail}</soap:Detail></soap:Fault>`,
        statusCode: 400,
      },
    };
  }
}
