import { __kindCamel__Adapter } from './__kind__.adapter';

export { __kindCamel__Adapter } from './__kind__.adapter';
export {
  __KIND___CREDENTIALS_SCHEMA,
  __KIND___OPERATION_SCHEMA,
  __KIND___SETTINGS_SCHEMA,
  type __Kind__OperationSpec,
  type __Kind__Settings,
} from './__kind__-settings';
export default __kindCamel__Adapter;
