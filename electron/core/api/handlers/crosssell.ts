import { z } from 'zod';
import { crosssellConfigInput, MESSAGE_MAX_CHARS } from '../../crosssell/config-input';
import { deleteCrosssellConfig, requireSecrets, saveCrosssellConfig, type ConfigEditPorts } from '../../crosssell/config-edits';
import { getCrosssellConfig, listCrosssellConfigs } from '../../db/queries/crosssell';
import { listCartLogins } from '../../secrets/cart-logins';
import { listMasterProducts } from '../../crosssell/product-master';
import { messageLength } from '../../crosssell/message-length';
import { renderTemplate, unknownPlaceholders } from '../../crosssell/template';
import { ApiError } from '../errors';
import { handler, type HandlerContext } from '../registry';

const byId = z.object({ id: z.number().int().positive() });

const previewArgs = z.object({
  // Longer than a message may be, so a message over the limit is still counted for the screen.
  texts: z.array(z.string().max(4 * MESSAGE_MAX_CHARS)).max(25),
  customerName: z.string().max(200),
  productName: z.string().max(255),
});

const portsOf = ({ db, cloud, sync, secrets }: HandlerContext): ConfigEditPorts => ({ db, cloud, sync, secrets });

export const crosssellHandlers = {
  'crosssell.list': handler(z.object({}), ({ db }) => listCrosssellConfigs(db)),
  'crosssell.get': handler(byId, ({ db }, { id }) => {
    const config = getCrosssellConfig(db, id);
    if (!config) throw new ApiError('not_found', `クロスセル設定 ${id} は存在しません。`);
    return config;
  }),
  /** Needs the cloud online: the cloud owns settings and assigns ids. */
  'crosssell.save': handler(crosssellConfigInput, (ctx, args) => saveCrosssellConfig(portsOf(ctx), args)),
  'crosssell.delete': handler(byId, (ctx, { id }) => deleteCrosssellConfig(portsOf(ctx), id)),
  /**
   * The settings screen's preview and placeholder check, done by the module the robot fills
   * messages with (the renderer may not import core code), so what staff see is what is sent.
   */
  'crosssell.preview': handler(previewArgs, (_ctx, { texts, ...values }) =>
    texts.map((text) => ({
      rendered: renderTemplate(text, values),
      unknown: unknownPlaceholders(text),
      /** As LINE counts it with the product name filled in: what the save refuses, warns about and the counter shows. */
      length: messageLength(text, values.productName),
    })),
  ),
  /** The synced product master, for the settings screen to suggest codes and names from. */
  'crosssell.products': handler(z.object({ cart: z.literal('ecforce') }), ({ db }, { cart }) => listMasterProducts(db, cart)),
  /** Every login in the SecretStore, without passwords, for the settings screen to choose from. */
  'cartLogins.list': handler(z.object({}), ({ secrets }) => listCartLogins(requireSecrets(secrets))),
};
