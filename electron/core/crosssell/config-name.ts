/**
 * Staff tell configs apart by their management name (the list, the dashboard's filter, the delete
 * confirmation), so no two may share one. Names are compared as staff read them: NFKC folds
 * full-width letters, digits and spaces into their half-width forms, then surrounding spaces and
 * case are ignored, so 「化粧水Ａ」 and 「化粧水a 」 are the same name.
 */
export function configNameKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

/** The config (other than `exceptId`) already using the name, if any. */
export function configNamedLike<T extends { id: number; name: string }>(configs: Iterable<T>, name: string, exceptId?: number): T | undefined {
  const key = configNameKey(name);
  for (const config of configs) {
    if (config.id !== exceptId && configNameKey(config.name) === key) return config;
  }
  return undefined;
}

/** The field issue for a name another config has: words for the core's log, a code and values for the screen to word itself. */
export function nameTakenIssue(taken: { id: number; name: string }): { path: 'name'; message: string; params: { code: 'duplicateName'; name: string; id: number } } {
  return {
    path: 'name',
    message: `クロスセル管理名「${taken.name}」はほかの設定（ID ${taken.id}）で使われています。別の名前にしてください`,
    params: { code: 'duplicateName', name: taken.name, id: taken.id },
  };
}
