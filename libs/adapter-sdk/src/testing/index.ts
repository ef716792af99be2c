export { captureLogger, type CapturedLogCall, type CapturedLogger } from './capture-logger';
export { resolveLazy, type AdapterContractOptions, type Lazy } from './contract-options';
export {
  ADAPTER_ERROR_CODES,
  checkAdapterError,
  checkCursorsResume,
  checkPageShape,
  checkSameIds,
  ContractViolation,
  firstPage,
  listPages,
  sourceIdOf,
  uniqueIds,
  walkByCursor,
} from './contract-checks';
export { runAdapterContractTests } from './run-adapter-contract-tests';
export { findSecretLeaks } from './secret-leaks';
export { TEST_ADAPTER_LIMITS, testAdapterContext, testConnectorDefinition } from './test-adapter-context';
