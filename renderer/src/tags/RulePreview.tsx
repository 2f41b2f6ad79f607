import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../api/client';
import { formatCount } from '../format';
import { OutsideText } from '../components/OutsideText';
import { useBringIntoView } from '../components/use-bring-into-view';
import { MemberLink } from '../members/MemberLink';
import { FightList } from './FightList';

type Preview = ResultOf<'tagRules.preview'>;

/**
 * What saving would do now: members the rule adds its tag to or removes it from, the first of them
 * by id with a link to each one's page, and how many more there are.
 */
export function RulePreview({ preview }: { preview: Preview }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const ref = useBringIntoView<HTMLElement>(preview);
  return (
    <section ref={ref} className="tag-rule-preview" aria-labelledby="tag-rule-preview-title" data-testid="tag-rule-preview">
      <h3 id="tag-rule-preview-title">{t('tagScreen.preview.title')}</h3>
      <dl className="facts">
        <dt>{t('tagScreen.preview.add')}</dt>
        <dd data-count="add">{t('tagScreen.preview.members', { count: formatCount(preview.add, lng) })}</dd>
        <dt>{t('tagScreen.preview.remove')}</dt>
        <dd data-count="remove">{t('tagScreen.preview.members', { count: formatCount(preview.remove, lng) })}</dd>
        <dt>{t('tagScreen.preview.matched')}</dt>
        <dd data-count="matched">{t('tagScreen.preview.members', { count: formatCount(preview.matched, lng) })}</dd>
        <dt>{t('tagScreen.preview.others')}</dt>
        <dd data-count="others">{t('tagScreen.preview.changes', { count: formatCount(preview.otherChanges, lng) })}</dd>
      </dl>
      {preview.sampleAdd.length > 0 && (
        <Sample title={t('tagScreen.preview.sampleAdd', { count: preview.sampleAdd.length })} members={preview.sampleAdd} total={preview.add} side="add" />
      )}
      {preview.sampleRemove.length > 0 && (
        <Sample
          title={t('tagScreen.preview.sampleRemove', { count: preview.sampleRemove.length })}
          members={preview.sampleRemove}
          total={preview.remove}
          side="remove"
        />
      )}
      <FightList fights={preview.cycles} testId="tag-rule-preview-fights" />
    </section>
  );
}

function Sample({ title, members, total, side }: { title: string; members: Preview['sampleAdd']; total: number; side: 'add' | 'remove' }) {
  const { t, i18n } = useTranslation();
  const rest = total - members.length;
  return (
    <>
      <h4>{title}</h4>
      <ul className="tag-preview-sample" data-side={side}>
        {members.map((m) => (
          <li key={m.id} data-id={m.id}>
            <MemberLink id={m.id} label={t('tagScreen.preview.openMember', { id: m.id, name: m.displayName })}>
              <span className="tag-preview-id">{t('tagScreen.preview.memberId', { id: m.id })}</span>{' '}
              <OutsideText text={m.displayName} />
            </MemberLink>
          </li>
        ))}
      </ul>
      {rest > 0 && (
        <p className="muted" data-testid={`tag-preview-rest-${side}`}>
          {t('tagScreen.preview.rest', { count: formatCount(rest, i18n.language) })}
        </p>
      )}
    </>
  );
}
