import { useTranslation } from 'react-i18next';
import { useBringIntoView } from '../components/use-bring-into-view';
import { cartRightKey, type CartLoginTest } from './cart-rights';

/**
 * A cart login's 接続テスト in staff's words: all rights there, which are missing and what to do
 * about it (the cart's admin grants them), or why the login could not be tried.
 */
export function CartTestResult({ result, id }: { result: CartLoginTest; id?: string }) {
  const { t, i18n } = useTranslation();
  const ok = result.outcome === 'ok';
  // The answer arrives seconds after the click, often below the fold.
  const box = useBringIntoView<HTMLDivElement>(result);
  return (
    <div ref={box} className="test-result" id={id} data-outcome={ok ? 'ok' : 'failed'} data-testid="cart-test" data-result={result.outcome} role={ok ? 'status' : 'alert'}>
      {result.outcome === 'missingRights' ? (
        <>
          <p>{t('settings.test.missing')}</p>
          <ul>
            {result.missing.map((right) => (
              <li key={right} data-right={right}>
                <strong translate="no">{right}</strong>
                {i18n.language !== 'ja' && t('settings.test.meaning', { meaning: t(`settings.test.permission.${cartRightKey[right]}`) })}
                {` — ${t(`settings.test.permissionFor.${cartRightKey[right]}`)}`}
              </li>
            ))}
          </ul>
          <p>{t('settings.test.missingWhat')}</p>
        </>
      ) : (
        <p>{t(`settings.test.${result.outcome}`)}</p>
      )}
    </div>
  );
}
