export { startSoapErp, type SoapErp, type SoapErpOptions } from './soap-erp';
export { DEFAULT_CRM_CLIENT, startRestCrm, type RestCrm, type RestCrmOptions } from './rest-crm';
export { seedLegacySql, startLegacySqlite, type LegacySqlite, type LegacySqliteOptions } from './legacy-sql';
