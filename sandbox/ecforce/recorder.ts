/**
 * Every POST the admin received (the sandbox's own /_sandbox routes aside), so a test can tell
 * that a failed robot step changed nothing. Password fields are masked the way Rails filters
 * them from its logs.
 */
export interface RecordedPost {
  at: string;
  path: string;
  /** The form's fields; a field sent more than once keeps every value. */
  fields: Record<string, string | string[]>;
  /** E-mail of the signed-in member, or null. */
  account: string | null;
  status: number;
  /** True when the request changed the shop's data (an order, a memo, a subscription). */
  mutated: boolean;
}

export const MAX_RECORDED_POSTS = 5_000;
export const FILTERED = '[FILTERED]';

export interface PostRecorder {
  record(entry: RecordedPost): void;
  list(): RecordedPost[];
  reset(): void;
}

export function maskFields(form: URLSearchParams): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key).map((value) => (/password/i.test(key) ? FILTERED : value));
    fields[key] = values.length === 1 ? values[0]! : values;
  }
  return fields;
}

export function createPostRecorder(): PostRecorder {
  let posts: RecordedPost[] = [];
  return {
    record(entry) {
      posts.push(entry);
      if (posts.length > MAX_RECORDED_POSTS) posts = posts.slice(-MAX_RECORDED_POSTS);
    },
    list: () => posts.map((p) => ({ ...p, fields: { ...p.fields } })),
    reset() {
      posts = [];
    },
  };
}
