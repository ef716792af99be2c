export { DEFAULT_CRM_CLIENT, startRestCrm, type RestCrm, type RestCrmOptions } from './rest-crm.simulator';
export type { CrmAccount, CrmContact, Tier } from './crm-records';
export type { RateLimit } from './crm-rate-limiter';
