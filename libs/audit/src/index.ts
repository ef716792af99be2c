export { AuditModule, AUDIT_ENTITIES } from './audit.module';
export { AuditWriter } from './chain/audit-writer';
export { AuditVerifier, type VerificationResult } from './chain/audit-verifier';
export { type AuditEventInput } from './audit-event';
export { UNAUTHENTICATED_TENANT } from './capture/http-audit.hook';
export { AuditEventRepository } from './chain/audit-event.repository';
export { AuditRetention } from './retention/audit-retention';
