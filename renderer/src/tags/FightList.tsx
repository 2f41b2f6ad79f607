import { useTranslation } from 'react-i18next';
import type { Fight } from './field-errors';
import { useTagName } from './use-tag-list';
import { isolated } from '../components/OutsideText';
import { useBringIntoView } from '../components/use-bring-into-view';

/** Rules that would undo each other's tag, each chain named rule by rule (seed 002 その他補足). */
export function FightList({ fights, testId }: { fights: Fight[]; testId: string }) {
  const { t } = useTranslation();
  const tagName = useTagName();
  // The chains named as text, so a new array with the same fights does not scroll again.
  const ref = useBringIntoView<HTMLDivElement>(fights.map((fight) => `${fight.tagId}:${fight.ruleNames.join('\u0000')}`).join('\n') || null);
  if (fights.length === 0) return null;
  return (
    <div ref={ref} className="tag-fights" role="alert" data-testid={testId}>
      <p className="error">{t('tagScreen.fight.title')}</p>
      <ul>
        {fights.map((fight) => (
          <li key={`${fight.tagId}:${fight.ruleNames.join('\u0000')}`} className="tag-fight" data-tag-id={fight.tagId}>
            {/* Rule and tag names are the shop's own text: isolated, so a direction override in one cannot turn the chain around. */}
            {t('tagScreen.fight.chain', {
              rules: fight.ruleNames.map((name) => t('tagScreen.fight.rule', { name: isolated(name) })).join(' → '),
              tag: isolated(tagName(fight.tagId)),
            })}
          </li>
        ))}
      </ul>
      <p className="help">{t('tagScreen.fight.why')}</p>
    </div>
  );
}
