import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLeaveGuard } from '../components/leave-guard';
import type { Rule } from './rule-form';
import { RuleEditor } from './RuleEditor';
import { RuleList } from './RuleList';
import { RuleProgress } from './RuleProgress';
import { TagHistory } from './TagHistory';
import { TagList } from './TagList';
import { useTagRefresh } from './use-tag-refresh';
import './tags.css';

type View = 'rules' | 'tags';
type Target = number | 'new' | undefined;

/** A line that says what just happened (saved, deleted), in the current language. */
interface Notice {
  key: string;
  params?: Record<string, unknown>;
}

/** タグ: the tag auto-setting rules with their editor, and the tags with their history. */
export function TagsScreen() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('rules');
  const [target, setTarget] = useState<Target>();
  const [tagId, setTagId] = useState<number | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const dirty = useRef(false);
  const onDirtyChange = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);
  useTagRefresh();
  useLeaveGuard(() => (dirty.current ? t('tagScreen.editor.discard') : null));

  /** Unsaved changes in the editor are given up only when staff say so. */
  function mayDiscard(): boolean {
    if (dirty.current && !window.confirm(t('tagScreen.editor.discard'))) return false;
    dirty.current = false;
    return true;
  }

  function switchTo(next: Target): boolean {
    if (next === target) return true;
    if (!mayDiscard()) return false;
    setTarget(next);
    setNotice(undefined);
    return true;
  }

  function showView(next: View) {
    if (next === view || !mayDiscard()) return;
    setTarget(undefined);
    setNotice(undefined);
    setView(next);
  }

  return (
    <div className="tags-screen">
      <div className="tag-views" role="tablist" aria-label={t('tagScreen.views.label')}>
        {(['rules', 'tags'] as const).map((v) => (
          <button key={v} type="button" role="tab" data-view={v} aria-selected={view === v} onClick={() => showView(v)}>
            {t(`tagScreen.views.${v}`)}
          </button>
        ))}
      </div>
      <RuleProgress />
      {view === 'rules' && (
        <div className={`tag-rules-view${target === undefined ? '' : ' editing'}`}>
          <div className="tag-side">
            <RuleList
              selectedId={typeof target === 'number' ? target : undefined}
              onOpen={(id) => switchTo(id)}
              onNew={() => switchTo('new')}
              onDeleted={(rule) => {
                setNotice({ key: 'tagScreen.rules.deleted', params: { name: rule.name } });
                if (rule.id === target) {
                  dirty.current = false;
                  setTarget(undefined);
                }
              }}
            />
            {notice && (
              <p className="notice" role="status" data-testid="tag-rule-notice">
                {t(notice.key, notice.params)}
              </p>
            )}
          </div>
          {target !== undefined && (
            <RuleEditor
              target={target}
              onSaved={(rule: Rule) => {
                setNotice({ key: 'tagScreen.editor.saved', params: { name: rule.name } });
                dirty.current = false;
                setTarget(rule.id);
              }}
              onClose={() => switchTo(undefined)}
              onDirtyChange={onDirtyChange}
            />
          )}
        </div>
      )}
      {view === 'tags' && (
        <div className={`tag-list-view${tagId === undefined ? '' : ' with-history'}`}>
          <TagList selectedId={tagId} onOpen={setTagId} />
          {tagId !== undefined && <TagHistory key={tagId} tagId={tagId} onClose={() => setTagId(undefined)} />}
        </div>
      )}
    </div>
  );
}
