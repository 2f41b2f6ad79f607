import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShopTimeZone } from '../../../electron/core/api/types';
import { useApi, useCoreEvent } from '../api/context';
import { DEFAULT_SHOP_TIME_ZONE, setFormatTimeZone } from '../format';
import './shop-time.css';

const ShopTimeContext = createContext<string>(DEFAULT_SHOP_TIME_ZONE);

/** The shop's time zone for the formatters and the date filters; useShopTimeZone re-renders with it. */
export function ShopTimeProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['shop.settings'], queryFn: () => api.call('shop.settings', {}) });
  useCoreEvent('shop.settingsChanged', () => void queryClient.invalidateQueries({ queryKey: ['shop.settings'] }));
  const zone = settings.data?.timeZone ?? DEFAULT_SHOP_TIME_ZONE;
  setFormatTimeZone(zone);
  return (
    <ShopTimeContext.Provider value={zone}>{children}</ShopTimeContext.Provider>
  );
}

export function useShopTimeZone(): string {
  return useContext(ShopTimeContext);
}

/** The shop's zone by its name in the UI's language (日本時間, 台湾時間), for a sentence that names it. */
export function useZoneLabel(): string {
  const { t } = useTranslation();
  const zone = useShopTimeZone();
  return t(`shopTime.zoneLabel.${zone}`, { defaultValue: zone });
}

/** 「日本時間」 / "Japan time": the zone every time on the screens is in, once per block of times. */
export function ZoneLabel() {
  return <span className="zone-label">{useZoneLabel()}</span>;
}

/** The shop's time zone, in the top bar beside the language: its name there is the label for every time shown. */
export function TimeZoneSelect() {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const zone = useShopTimeZone();
  const settings = useQuery({ queryKey: ['shop.settings'], queryFn: () => api.call('shop.settings', {}) });
  const save = useMutation({
    mutationFn: (timeZone: ShopTimeZone) => api.call('shop.setTimeZone', { timeZone }),
    onSuccess: (next) => queryClient.setQueryData(['shop.settings'], next),
  });
  return (
    <label className="time-zone" title={t('shopTime.settingHint')}>
      <span>{t('shopTime.setting')}</span>
      <select
        name="timeZone"
        value={zone}
        disabled={save.isPending}
        onChange={(e) => {
          const next = settings.data?.timeZones.find((z) => z === e.target.value);
          if (next) save.mutate(next);
        }}
      >
        {(settings.data?.timeZones ?? [zone]).map((z) => (
          <option key={z} value={z}>
            {t(`shopTime.zoneLabel.${z}`, { defaultValue: z })}
          </option>
        ))}
      </select>
    </label>
  );
}
