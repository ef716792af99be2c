export const ERP_TYPES_NAMESPACE = 'urn:trestle:simulators:erp:types';
export const ERP_WSDL_NAMESPACE = 'urn:trestle:simulators:erp';

const LISTED = [
  { entity: 'Customer', plural: 'Customers', key: 'CustomerNo' },
  { entity: 'Product', plural: 'Products', key: 'ItemNo' },
  { entity: 'Order', plural: 'Orders', key: 'OrderNo' },
  { entity: 'Invoice', plural: 'Invoices', key: 'InvoiceNo' },
] as const;

export const ERP_OPERATIONS = [
  ...LISTED.map(({ plural }) => `List${plural}`),
  ...LISTED.map(({ entity }) => `Get${entity}`),
  'CreateCustomer',
  'UpdateCustomer',
  'GetStockLevel',
] as const;

export type ErpOperation = (typeof ERP_OPERATIONS)[number];

const element = (name: string, type: string, extra = ''): string =>
  `<xsd:element name="${name}" type="${type}"${extra}/>`;
const optional = (name: string, type: string): string => element(name, type, ' minOccurs="0"');
const sequence = (...elements: string[]): string =>
  `<xsd:complexType><xsd:sequence>${elements.join('')}</xsd:sequence></xsd:complexType>`;
const topElement = (name: string, ...elements: string[]): string =>
  `<xsd:element name="${name}">${sequence(...elements)}</xsd:element>`;

const customerFields = (required: boolean): string[] => {
  const field = required ? element : optional;
  return [
    field('Name', 't:Name40'),
    field('Email', 'xsd:string'),
    optional('Phone', 'xsd:string'),
    field('CreditLimit', 't:Decimal'),
    field('Currency', 't:CurrencyCode'),
    optional('Status', 't:CustomerStatus'),
  ];
};

/** The ERP's types, served on their own and imported by the WSDL (document/literal). */
export const ERP_TYPES_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:t="${ERP_TYPES_NAMESPACE}" targetNamespace="${ERP_TYPES_NAMESPACE}" elementFormDefault="qualified">
<xsd:simpleType name="Decimal"><xsd:restriction base="xsd:string"><xsd:pattern value="-?[0-9]+\\.[0-9]{2}"/></xsd:restriction></xsd:simpleType>
<xsd:simpleType name="CurrencyCode"><xsd:restriction base="xsd:string"><xsd:pattern value="[A-Z]{3}"/></xsd:restriction></xsd:simpleType>
<xsd:simpleType name="Name40"><xsd:restriction base="xsd:string"><xsd:minLength value="1"/><xsd:maxLength value="40"/></xsd:restriction></xsd:simpleType>
<xsd:simpleType name="CustomerStatus"><xsd:restriction base="xsd:string"><xsd:enumeration value="A"/><xsd:enumeration value="I"/><xsd:enumeration value="B"/></xsd:restriction></xsd:simpleType>
<xsd:simpleType name="OrderStatus"><xsd:restriction base="xsd:string"><xsd:enumeration value="OP"/><xsd:enumeration value="RL"/><xsd:enumeration value="SH"/><xsd:enumeration value="IV"/><xsd:enumeration value="CN"/></xsd:restriction></xsd:simpleType>
<xsd:complexType name="Customer"><xsd:sequence>${[
  element('CustomerNo', 'xsd:string'),
  element('Name', 'xsd:string'),
  element('Email', 'xsd:string'),
  optional('Phone', 'xsd:string'),
  element('CreditLimit', 't:Decimal'),
  element('Currency', 't:CurrencyCode'),
  element('Status', 't:CustomerStatus'),
  element('LastChanged', 'xsd:dateTime'),
].join('')}</xsd:sequence></xsd:complexType>
<xsd:complexType name="Product"><xsd:sequence>${[
  element('ItemNo', 'xsd:string'),
  element('Description', 'xsd:string'),
  element('UnitPrice', 't:Decimal'),
  element('Currency', 't:CurrencyCode'),
  element('UOM', 'xsd:string'),
  element('Active', 'xsd:boolean'),
  element('LastChanged', 'xsd:dateTime'),
].join('')}</xsd:sequence></xsd:complexType>
<xsd:complexType name="OrderLine"><xsd:sequence>${[
  element('LineNo', 'xsd:int'),
  element('ItemNo', 'xsd:string'),
  element('Qty', 'xsd:int'),
  element('UnitPrice', 't:Decimal'),
].join('')}</xsd:sequence></xsd:complexType>
<xsd:complexType name="OrderLines"><xsd:sequence>${element('Line', 't:OrderLine', ' minOccurs="0" maxOccurs="unbounded"')}</xsd:sequence></xsd:complexType>
<xsd:complexType name="Order"><xsd:sequence>${[
  element('OrderNo', 'xsd:string'),
  element('CustomerNo', 'xsd:string'),
  element('OrderDate', 'xsd:date'),
  element('Status', 't:OrderStatus'),
  element('Currency', 't:CurrencyCode'),
  element('Lines', 't:OrderLines'),
  element('LastChanged', 'xsd:dateTime'),
].join('')}</xsd:sequence></xsd:complexType>
<xsd:complexType name="Invoice"><xsd:sequence>${[
  element('InvoiceNo', 'xsd:string'),
  element('OrderNo', 'xsd:string'),
  element('CustomerNo', 'xsd:string'),
  element('IssueDate', 'xsd:date'),
  element('DueDate', 'xsd:date'),
  element('Amount', 't:Decimal'),
  element('Currency', 't:CurrencyCode'),
  element('Paid', 'xsd:boolean'),
  element('LastChanged', 'xsd:dateTime'),
].join('')}</xsd:sequence></xsd:complexType>
${LISTED.map(({ entity, plural, key }) =>
  [
    `<xsd:complexType name="${entity}List"><xsd:sequence>${element(entity, `t:${entity}`, ' minOccurs="0" maxOccurs="unbounded"')}</xsd:sequence></xsd:complexType>`,
    topElement(
      `List${plural}Request`,
      element('PageNumber', 'xsd:int'),
      element('PageSize', 'xsd:int'),
      optional('ModifiedSince', 'xsd:dateTime'),
    ),
    topElement(
      `List${plural}Response`,
      element(plural, `t:${entity}List`),
      element('PageNumber', 'xsd:int'),
      element('PageSize', 'xsd:int'),
      element('TotalRecords', 'xsd:int'),
      element('TotalPages', 'xsd:int'),
      element('HasMore', 'xsd:boolean'),
    ),
    topElement(`Get${entity}Request`, element(key, 'xsd:string')),
    topElement(`Get${entity}Response`, element(entity, `t:${entity}`)),
  ].join('\n'),
).join('\n')}
${topElement('CreateCustomerRequest', ...customerFields(true))}
${topElement('CreateCustomerResponse', element('Customer', 't:Customer'))}
${topElement('UpdateCustomerRequest', element('CustomerNo', 'xsd:string'), ...customerFields(false))}
${topElement('UpdateCustomerResponse', element('Customer', 't:Customer'))}
${topElement('GetStockLevelRequest', element('ItemNo', 'xsd:string'), optional('Warehouse', 'xsd:string'))}
${topElement(
  'GetStockLevelResponse',
  element('ItemNo', 'xsd:string'),
  element('Warehouse', 'xsd:string'),
  element('OnHand', 'xsd:int'),
  element('Reserved', 'xsd:int'),
  element('Available', 'xsd:int'),
  element('AsOf', 'xsd:dateTime'),
)}
${topElement('ErpFault', element('Code', 'xsd:string'), element('Message', 'xsd:string'), optional('Field', 'xsd:string'))}
</xsd:schema>
`;

const requestName = (operation: string): string => `${operation}Request`;

function binding(name: string, soapPrefix: 'soap' | 'soap12'): string {
  return `<wsdl:binding name="${name}" type="tns:ErpPortType">
<${soapPrefix}:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
${ERP_OPERATIONS.map(
  (operation) => `<wsdl:operation name="${operation}">
<${soapPrefix}:operation soapAction="${ERP_WSDL_NAMESPACE}/${operation}" style="document"/>
<wsdl:input><${soapPrefix}:body use="literal"/></wsdl:input>
<wsdl:output><${soapPrefix}:body use="literal"/></wsdl:output>
<wsdl:fault name="ErpFault"><${soapPrefix}:fault name="ErpFault" use="literal"/></wsdl:fault>
</wsdl:operation>`,
).join('\n')}
</wsdl:binding>`;
}

/**
 * The WSDL: one port type, a SOAP 1.2 binding at `soap12Url` and a SOAP 1.1 binding at `soap11Url`; types by xsd:import.
 * The 1.1 port comes last so that clients which keep the last port for their shorthand methods speak SOAP 1.1.
 */
export function erpWsdl(urls: { soap11Url: string; soap12Url: string; typesLocation: string }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="ErpService" targetNamespace="${ERP_WSDL_NAMESPACE}"
  xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
  xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"
  xmlns:xsd="http://www.w3.org/2001/XMLSchema"
  xmlns:tns="${ERP_WSDL_NAMESPACE}"
  xmlns:t="${ERP_TYPES_NAMESPACE}">
<wsdl:types>
<xsd:schema targetNamespace="${ERP_WSDL_NAMESPACE}/imports">
<xsd:import namespace="${ERP_TYPES_NAMESPACE}" schemaLocation="${urls.typesLocation}"/>
</xsd:schema>
</wsdl:types>
${ERP_OPERATIONS.map(
  (
    operation,
  ) => `<wsdl:message name="${operation}Input"><wsdl:part name="parameters" element="t:${requestName(operation)}"/></wsdl:message>
<wsdl:message name="${operation}Output"><wsdl:part name="parameters" element="t:${operation}Response"/></wsdl:message>`,
).join('\n')}
<wsdl:message name="ErpFault"><wsdl:part name="fault" element="t:ErpFault"/></wsdl:message>
<wsdl:portType name="ErpPortType">
${ERP_OPERATIONS.map(
  (operation) => `<wsdl:operation name="${operation}">
<wsdl:input message="tns:${operation}Input"/>
<wsdl:output message="tns:${operation}Output"/>
<wsdl:fault name="ErpFault" message="tns:ErpFault"/>
</wsdl:operation>`,
).join('\n')}
</wsdl:portType>
${binding('ErpSoap11Binding', 'soap')}
${binding('ErpSoap12Binding', 'soap12')}
<wsdl:service name="ErpService">
<wsdl:port name="ErpSoap12Port" binding="tns:ErpSoap12Binding"><soap12:address location="${urls.soap12Url}"/></wsdl:port>
<wsdl:port name="ErpSoap11Port" binding="tns:ErpSoap11Binding"><soap:address location="${urls.soap11Url}"/></wsdl:port>
</wsdl:service>
</wsdl:definitions>
`;
}
