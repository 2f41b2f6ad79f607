import { ApiCallError } from '../api/client';

interface Why {
  code?: string;
  reason?: string;
}

/** The catalog key for a refusal the core explains (where the secret would be kept), or null. */
export function refusalKey(error: unknown): string | null {
  if (!(error instanceof ApiCallError) || Array.isArray(error.details)) return null;
  const why = error.details as Why | undefined;
  if (why?.reason === 'refused') return 'secrets.protection.refused';
  if (why?.reason) return 'secrets.protection.unreadable';
  if (why?.code === 'noSecretStore') return 'settings.noStoreHere';
  if (why?.code === 'locked') return 'settings.lockedHere';
  return null;
}
