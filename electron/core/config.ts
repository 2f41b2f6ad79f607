import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The shop this workstation serves: `tanto.json` in the data folder. Tokens are not kept here;
 * they come from the environment or a token file until the secret store holds them.
 */
const configSchema = z.object({
  cloud: z.object({ baseUrl: z.url() }),
  line: z.object({ baseUrl: z.url() }).optional(),
  sync: z.object({ intervalSeconds: z.number().int().min(5).max(3600) }).optional(),
});

export type ShopConfig = z.output<typeof configSchema>;

export const CONFIG_FILE = 'tanto.json';

export function readShopConfig(dataDir: string): ShopConfig | undefined {
  const file = path.join(dataDir, CONFIG_FILE);
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file} is not a valid shop configuration:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.TANTO_DATA_DIR ?? '.data');
}
