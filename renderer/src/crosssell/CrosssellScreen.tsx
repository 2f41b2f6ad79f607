import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLeaveGuard } from '../components/leave-guard';
import { ConfigEditor, type EditorTarget } from './ConfigEditor';
import { ConfigList } from './ConfigList';
import './crosssell.css';

type Target = EditorTarget | undefined;

/** クロスセル設定: the list of configs and their editor. */
export function CrosssellScreen() {
  const { t } = useTranslation();
  const [target, setTarget] = useState<Target>();
  /** Said where the action was taken, in the language on screen: a delete above the list, a save beside the save button. */
  const [deletedName, setDeletedName] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const dirty = useRef(false);
  const onDirtyChange = useCallback((value: boolean) => {
    dirty.current = value;
    if (value) setSaved(false);
  }, []);
  useLeaveGuard(() => (dirty.current ? t('crosssell.editor.discard') : null));

  /** Another config, a new one, a copy or none: unsaved changes in the editor are given up only when staff say so. */
  function switchTo(next: Target): boolean {
    if (next === target) return true;
    if (dirty.current && !window.confirm(t('crosssell.editor.discard'))) return false;
    dirty.current = false;
    setSaved(false);
    setDeletedName(undefined);
    setTarget(next);
    return true;
  }

  return (
    <div className={`crosssell-screen${target === undefined ? '' : ' editing'}`}>
      <div className="crosssell-side">
        <ConfigList
          selectedId={typeof target === 'number' ? target : undefined}
          notice={deletedName === undefined ? undefined : t('crosssell.list.deleted', { name: deletedName })}
          onOpen={(id) => switchTo(id)}
          onNew={() => switchTo('new')}
          // Seed 000 補足②: a copy is made to change its product, so it opens for editing and is saved only when staff save it.
          onDuplicate={(source) => switchTo({ copyOf: source })}
          onDeleted={(config) => {
            setDeletedName(config.name);
            if (config.id === target) {
              dirty.current = false;
              setTarget(undefined);
            }
          }}
        />
      </div>
      {target !== undefined && (
        <ConfigEditor
          target={target}
          status={saved ? t('crosssell.editor.saved') : undefined}
          onSaved={(config) => {
            dirty.current = false;
            setTarget(config.id);
            setSaved(true);
          }}
          onClose={() => switchTo(undefined)}
          onDirtyChange={onDirtyChange}
        />
      )}
    </div>
  );
}
