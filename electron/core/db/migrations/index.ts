import type { Migration } from '../migrate';
import { initialSchema } from './0001-initial-schema';

/** Every migration in order. Append only: a released migration is never edited. */
export const migrations: readonly Migration[] = [initialSchema];
