import { z } from 'zod';
import { crosssellConfigInput } from '../../crosssell/config-input';
import { deleteCrosssellConfig, duplicateCrosssellConfig, requireSecrets, saveCrosssellConfig, type ConfigEditPorts } from '../../crosssell/config-edits';
import { getCrosssellConfig, listCrosssellConfigs } from '../../db/queries/crosssell';
import { listCartLogins } from '../../secrets/cart-logins';
import { ApiError } from '../errors';
import { handler, type HandlerContext } from '../registry';

const byId = z.object({ id: z.number().int().positive() });

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
  'crosssell.duplicate': handler(byId, (ctx, { id }) => duplicateCrosssellConfig(portsOf(ctx), id)),
  'crosssell.delete': handler(byId, (ctx, { id }) => deleteCrosssellConfig(portsOf(ctx), id)),
  /** Every login in the SecretStore, without passwords, for the settings screen to choose from. */
  'cartLogins.list': handler(z.object({}), ({ secrets }) => listCartLogins(requireSecrets(secrets))),
};
