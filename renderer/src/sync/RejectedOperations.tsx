import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../electron/core/api/types';
import { isolated } from '../components/OutsideText';
import { ZoneLabel } from '../components/ShopTime';
import { formatTokyoTime } from '../format';
import { TechnicalDetail } from './TechnicalDetail';
import { rejectionText } from './refusal-text';

type RejectedOperation = SyncStatus['rejected'][number];

/** Operation kinds carry dots, which the catalogs would read as nesting. */
const kindKey = (kind: string) => `syncScreen.kind.${kind.replaceAll('.', '_')}`;

/**
 * What the operation was, in the shop's words: which LOC request, member and tag it concerned.
 * A kind this screen does not know, or a payload without its ids, falls back to the kind's name.
 */
function describe(op: RejectedOperation, t: TFunction): string {
  const s = op.subject;
  const plain = t(kindKey(op.kind), { defaultValue: op.kind });
  const sub = (kind: string) => `syncScreen.subject.${kind.replace('.', '_')}`;
  switch (op.kind) {
    case 'loc.setStatus':
      if (s.requestId === null) return plain;
      return s.status
        ? t('syncScreen.subject.loc_setStatus_to', { requestId: s.requestId, status: t(`loc.status.${s.status}`, { defaultValue: s.status }) })
        : t('syncScreen.subject.loc_setStatus', { requestId: s.requestId });
    case 'loc.reopen':
    case 'robot.runResult':
      return s.requestId === null ? plain : t(sub(op.kind), { requestId: s.requestId });
    case 'memberTag.add':
    case 'memberTag.remove': {
      if (s.memberId === null || s.tagId === null) return plain;
      // Names from outside are isolated in the sentence: data to the reader and to the language checks.
      const member = s.memberName ? t('syncScreen.subject.memberNamed', { name: isolated(s.memberName), id: s.memberId }) : t('syncScreen.subject.member', { id: s.memberId });
      const tag = s.tagName === null ? t('syncScreen.subject.tag', { id: s.tagId }) : isolated(s.tagName);
      return t(sub(op.kind), { member, tag });
    }
    case 'crosssellConfig.save':
    case 'tagRule.save':
      return s.entityName === null ? plain : t(sub(op.kind), { name: isolated(s.entityName) });
    case 'crosssellConfig.delete':
    case 'tagRule.delete':
      return s.entityId === null ? plain : t(sub(op.kind), { id: s.entityId });
    case 'usage.increment':
      return s.period === null || s.count === null ? plain : t('syncScreen.subject.usage_increment', { period: s.period, count: s.count });
    default:
      return plain;
  }
}

export function RejectedOperations({ operations }: { operations: RejectedOperation[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <section className="panel sync-list" aria-labelledby="sync-rejected-title">
      <h2 id="sync-rejected-title">
        {t('syncScreen.rejected.title')} <span className="sync-count">{operations.length}</span>
      </h2>
      {operations.length === 0 ? (
        <p className="muted">{t('syncScreen.rejected.none')}</p>
      ) : (
        <>
          <p className="muted">{t('syncScreen.rejected.explain')}</p>
          <table className="compact sync-rejected">
            <thead>
              <tr>
                <th scope="col">
                  {t('syncScreen.rejected.at')} <ZoneLabel />
                </th>
                <th scope="col">{t('syncScreen.rejected.kind')}</th>
                <th scope="col">{t('syncScreen.rejected.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {operations.map((op) => (
                <tr key={op.opId} data-op-id={op.opId}>
                  <td>{formatTokyoTime(op.rejectedAt, lng)}</td>
                  <td data-kind={op.kind}>{describe(op, t)}</td>
                  <td className="error" data-code={op.code ?? undefined}>
                    <span className="sync-why">{rejectionText(t, op)}</span>
                    <TechnicalDetail text={op.reason} more={`${t('syncScreen.rejected.opId')}: ${op.opId}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
