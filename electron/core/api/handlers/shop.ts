import { z } from 'zod';
import { setShopTimeZone, shopTimeZone, shopTimeZones, type ShopTimeZone } from '../../shop/time-zone';
import { handler } from '../registry';

export interface ShopSettings {
  timeZone: ShopTimeZone;
  timeZones: readonly ShopTimeZone[];
}

export const shopHandlers = {
  'shop.settings': handler(z.object({}), ({ db }): ShopSettings => ({ timeZone: shopTimeZone(db), timeZones: shopTimeZones })),
  'shop.setTimeZone': handler(z.object({ timeZone: z.enum(shopTimeZones) }), ({ db, events }, { timeZone }): ShopSettings => {
    setShopTimeZone(db, timeZone);
    events.emit('shop.settingsChanged', { timeZone });
    return { timeZone, timeZones: shopTimeZones };
  }),
};
