import { useTranslation } from 'react-i18next';
import type { Fight } from './field-errors';
import { useTagName } from './use-tag-list';

/** Rules that would undo each other's tag, each chain named rule by rule (seed 002 その他補足). */
export function FightList({ fights, testId }: { fights: Fight[]; testId: string }) {
  const { t } = useTranslation();
  const tagName = useTagName();
  if (fights.length === 0) return null;
  return (
    <div className="tag-fights" role="alert" data-testid={testId}>
      <p className="error">{t('tagScreen.fight.title')}</p>
      <ul>
        {fights.map((fight) => (
          <li key={`${fight.tagId}:${fight.ruleNames.join('\u0000')}`} className="tag-fight" data-tag-id={fight.tagId}>
            {t('tagScreen.fight.chain', { rules: fight.ruleNames.map((name) => t('tagScreen.fight.rule', { name })).join(' → '), tag: tagName(fight.tagId) })}
          </li>
        ))}
      </ul>
      <p className="help">{t('tagScreen.fight.why')}</p>
    </div>
  );
}
