import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { OutsideText } from '../components/OutsideText';
import { formatCount } from '../format';
import { useTagList } from './use-tag-list';

interface Props {
  selectedId: number | undefined;
  onOpen: (tagId: number) => void;
}

/** Every tag with how many members hold it and how many rules set or remove it. */
export function TagList({ selectedId, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const tags = useTagList();
  return (
    <section className="panel tag-list" aria-labelledby="tag-list-title">
      <h2 id="tag-list-title">{t('tagScreen.tags.title')}</h2>
      <ErrorMessage error={tags.error} />
      {tags.data?.length === 0 && <p className="muted">{t('tagScreen.tags.empty')}</p>}
      {tags.data && tags.data.length > 0 && (
        <table className="compact tag-table">
          <thead>
            <tr>
              <th scope="col">{t('tagScreen.tags.col.name')}</th>
              <th scope="col">{t('tagScreen.tags.col.folder')}</th>
              <th scope="col">{t('tagScreen.tags.col.members')}</th>
              <th scope="col">{t('tagScreen.tags.col.rules')}</th>
            </tr>
          </thead>
          <tbody>
            {tags.data.map((tag) => (
              <tr key={tag.id} data-id={tag.id} className={tag.id === selectedId ? 'selected' : undefined}>
                <td>
                  <button type="button" className="tag-open" translate="no" aria-label={t('tagScreen.tags.open', { name: tag.name })} onClick={() => onOpen(tag.id)}>
                    <OutsideText text={tag.name} />
                  </button>
                </td>
                <td>
                  <OutsideText text={tag.folder} />
                </td>
                <td className="count" data-count="members">
                  {formatCount(tag.memberCount, lng)}
                </td>
                <td className="count" data-count="rules">
                  {formatCount(tag.ruleCount, lng)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
