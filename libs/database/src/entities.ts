import { AUTH_ENTITIES } from '@trestle/auth';

/** Every TypeORM entity of every bounded context; migrations are generated against this list. */
export const ALL_ENTITIES: Function[] = [...AUTH_ENTITIES];
