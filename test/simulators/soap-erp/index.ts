export { startSoapErp, type SoapErp, type SoapErpOptions } from './soap-erp.simulator';
export type { ErpCustomer, ErpEntities, ErpEntityName, ErpInvoice, ErpOrder, ErpProduct } from './erp-records';
export type { ErpOperation } from './erp-wsdl';
