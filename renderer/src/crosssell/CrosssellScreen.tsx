import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfigEditor } from './ConfigEditor';
import { ConfigList } from './ConfigList';
import './crosssell.css';

/** A line that says what just happened (saved, copied, deleted), in the current language. */
export interface Notice {
  key: string;
  params?: Record<string, unknown>;
}

/** クロスセル設定: the list of configs and their editor. */
export function CrosssellScreen() {
  const { t } = useTranslation();
  const [target, setTarget] = useState<number | 'new' | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();

  return (
    <div className={`crosssell-screen${target === undefined ? '' : ' editing'}`}>
      <div className="crosssell-side">
        <ConfigList
          selectedId={typeof target === 'number' ? target : undefined}
          onOpen={(id) => {
            setNotice(undefined);
            setTarget(id);
          }}
          onNew={() => {
            setNotice(undefined);
            setTarget('new');
          }}
          onDeleted={(id) => setTarget((current) => (current === id ? undefined : current))}
          onNotice={setNotice}
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
            setTarget(config.id);
          }}
          onClose={() => setTarget(undefined)}
        />
      )}
    </div>
  );
}
