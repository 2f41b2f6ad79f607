import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLeaveGuard } from '../components/leave-guard';
import { ConfigEditor } from './ConfigEditor';
import { ConfigList } from './ConfigList';
import './crosssell.css';

/** A line that says what just happened (saved, copied, deleted), in the current language. */
export interface Notice {
  key: string;
  params?: Record<string, unknown>;
}

type Target = number | 'new' | undefined;

/** クロスセル設定: the list of configs and their editor. */
export function CrosssellScreen() {
  const { t } = useTranslation();
  const [target, setTarget] = useState<Target>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const dirty = useRef(false);
  const onDirtyChange = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);
  useLeaveGuard(() => (dirty.current ? t('crosssell.editor.discard') : null));

  /** Another config, a new one or none: unsaved changes in the editor are given up only when staff say so. */
  function switchTo(next: Target): boolean {
    if (next === target) return true;
    if (dirty.current && !window.confirm(t('crosssell.editor.discard'))) return false;
    dirty.current = false;
    setTarget(next);
    return true;
  }

  return (
    <div className={`crosssell-screen${target === undefined ? '' : ' editing'}`}>
      <div className="crosssell-side">
        <ConfigList
          selectedId={typeof target === 'number' ? target : undefined}
          onOpen={(id) => {
            if (switchTo(id)) setNotice(undefined);
          }}
          onNew={() => {
            if (switchTo('new')) setNotice(undefined);
          }}
          onDuplicated={(copy) => {
            setNotice({ key: 'crosssell.list.duplicated', params: { name: copy.name } });
            // Seed 000 補足②: a copy is made to change its product, so it opens for editing.
            switchTo(copy.id);
          }}
          onDeleted={(config) => {
            setNotice({ key: 'crosssell.list.deleted', params: { name: config.name } });
            if (config.id === target) {
              dirty.current = false;
              setTarget(undefined);
            }
          }}
        />
        {notice && (
          <p className="notice" role="status" data-testid="crosssell-notice">
            {t(notice.key, notice.params)}
          </p>
        )}
      </div>
      {target !== undefined && (
        <ConfigEditor
          target={target}
          onSaved={(config) => {
            setNotice({ key: 'crosssell.editor.saved' });
            dirty.current = false;
            setTarget(config.id);
          }}
          onClose={() => switchTo(undefined)}
          onDirtyChange={onDirtyChange}
        />
      )}
    </div>
  );
}
