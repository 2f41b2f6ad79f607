import { z } from 'zod';
import { cartKinds, cartLoginFields, cartLoginRef, saveCartLogin } from '../../secrets/cart-logins';
import { CLOUD_TOKEN_SECRET, LINE_TOKEN_SECRET } from '../../secrets/secret-names';
import { secretsStatus } from '../../secrets/secrets-status';
import { VaultError } from '../../secrets/vault-error';
import { ApiError } from '../errors';
import { handler, type HandlerContext } from '../registry';

const token = z.string().trim().min(1, 'トークンを入力してください').max(4096, 'トークンが長すぎます');

/** A secret entered again (or for the first time) from the screen; never read back. */
const entered = z.discriminatedUnion('secret', [
  z.object({ secret: z.literal('cloudToken'), value: token }),
  z.object({ secret: z.literal('lineToken'), value: token }),
  // Without a ref the core derives one from the site and e-mail (deriveCartLoginRef), the same for the same login.
  z.object({ secret: z.literal('cartLogin'), ref: cartLoginRef.optional(), cart: z.enum(cartKinds).default('ecforce'), ...cartLoginFields }),
]);

export const secretHandlers = {
  /** Which secrets are stored, missing or unreadable on this computer; values never leave the store. */
  'secrets.status': handler(z.object({}), ({ secrets, expectedSecrets }) => secretsStatus(secrets, expectedSecrets)),
  'secrets.set': handler(entered, async (ctx, input) => {
    const store = ctx.secrets;
    if (!store) throw new ApiError('unavailable', '秘密情報の保管庫がないため保存できません (this app has no secret store)', { code: 'noSecretStore' });
    const lock = input.secret === 'lineToken' ? ctx.settings?.host.lineTokenLock : undefined;
    if (lock) {
      throw new ApiError('invalid_argument', `LINE のトークンは起動の設定（${lock.name}）で指定されているため、ここでは変えられません`, { code: 'locked', name: lock.name });
    }
    let applies: 'now' | 'restart' = 'now';
    let ref: string | null = null;
    try {
      if (input.secret === 'cartLogin') {
        const saved = await saveCartLogin(store, { ...(input.ref ? { ref: input.ref } : {}), cart: input.cart, baseUrl: input.baseUrl, email: input.email, password: input.password });
        ref = saved.ref;
      } else {
        await store.set(input.secret === 'cloudToken' ? cloudTokenName(ctx) : LINE_TOKEN_SECRET, input.value);
        // The cloud and LINE clients hold the tokens they started with: a new one takes effect in a fresh core.
        ctx.settings?.host.restart();
        applies = 'restart';
      }
    } catch (error) {
      if (error instanceof VaultError) throw new ApiError('unavailable', error.message, { reason: error.kind });
      throw error;
    }
    // applies: the tokens take effect in a fresh core, which answers the calls after this one; ref: the cart login's.
    return { ...(await secretsStatus(store, ctx.expectedSecrets)), applies, ref };
  }),
};

/** Only a shell that reads its cloud token from the store takes one here; the headless shell keeps its file or variable. */
function cloudTokenName({ expectedSecrets }: HandlerContext): string {
  if (expectedSecrets?.includes(CLOUD_TOKEN_SECRET)) return CLOUD_TOKEN_SECRET;
  throw new ApiError('invalid_argument', 'このアプリのクラウドのトークンは起動の設定で指定します (this shell reads its cloud token from its own settings)', { code: 'locked' });
}
