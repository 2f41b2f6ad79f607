import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../api/client';
import './cp932-losses.css';

type Loss = ResultOf<'loc.exportCsv'>['unencodable'][number];

const SHOWN = 5;

/** After a CP932 export: which cells lost characters to 「?」, and the file again in UTF-8. */
export function Cp932Losses({ losses, onUtf8 }: { losses: readonly Loss[]; onUtf8: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="cp932-losses" role="status">
      <p>{t('shopTime.cp932.lost', { count: losses.length })}</p>
      <ul>
        {losses.slice(0, SHOWN).map((loss) => (
          <li key={`${loss.requestId}-${loss.column}`}>
            {t('shopTime.cp932.cell', { id: loss.requestId, column: loss.column })} <bdi className="lost">{loss.characters}</bdi>
          </li>
        ))}
        {losses.length > SHOWN && <li>{t('shopTime.cp932.more', { count: losses.length - SHOWN })}</li>}
      </ul>
      <button type="button" onClick={onUtf8}>
        {t('shopTime.cp932.utf8Instead')}
      </button>
    </div>
  );
}
