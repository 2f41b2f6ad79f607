import { z } from 'zod';
import { ApiError } from '../../api/errors';
import { requireCloud, sendCloudEdit, syncUntil, type CloudEditPorts } from '../../crosssell/cloud-edit';
import type { Db } from '../../db/open';
import { isoNow, systemClock, type Clock } from '../../clock';
import { ruleDefinition, type RuleDefinition } from '../rules/rule-schema';
import { fightingRules, type RuleFight } from './rule-set-check';
import { getTagRule, listTagRules, type TagRuleView } from './tag-rule-queries';

export interface TagRuleEditPorts extends CloudEditPorts {
  db: Db;
  clock?: Clock;
}

/** A rule as staff save it: a new one without id, an existing one with its id. */
export const tagRuleInput = ruleDefinition.safeExtend({ id: z.number().int().positive().optional() });
export type TagRuleInput = z.output<typeof tagRuleInput>;

export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * Creates or replaces a rule in the cloud (the cloud owns settings and assigns ids) and returns
 * it as the replica then holds it. Refused before anything is sent when the rule names a tag the
 * replica does not know, or when the rule set with this rule in it would fight itself.
 */
export async function saveTagRule(ports: TagRuleEditPorts, input: TagRuleInput): Promise<TagRuleView> {
  requireCloud(ports, 'タグの自動設定を保存');
  const { id, ...definition } = input;
  const existing = id === undefined ? undefined : getTagRule(ports.db, id);
  if (id !== undefined && !existing) throw new ApiError('not_found', `タグの自動設定 ${id} は存在しません（削除された可能性があります）。`);

  const unknown = unknownTags(ports.db, definition);
  if (unknown.length > 0) {
    throw new ApiError('invalid_argument', `存在しないタグを指定しているため保存できません（${unknown.map((i) => i.message).join('、')}）。`, unknown);
  }

  const fights = fightingRules(listTagRules(ports.db), {
    ...definition,
    id: id ?? null,
    createdAt: existing?.createdAt ?? isoNow(ports.clock ?? systemClock),
  });
  if (fights.length > 0) throw refusedFights(ports.db, fights);

  const savedId = await sendCloudEdit(ports, 'tagRule.save', id === undefined ? definition : { ...definition, id }, 'タグの自動設定を保存');
  const ruleId = savedId ?? id;
  if (ruleId === undefined) throw new ApiError('internal', 'クラウドが保存したタグの自動設定の ID を返しませんでした。一覧を更新して確かめてください。');
  return syncUntil(ports, 'タグの自動設定', (lastTry) => {
    const rule = getTagRule(ports.db, ruleId);
    return rule && (lastTry || sameDefinition(rule, definition)) ? rule : undefined;
  });
}

export async function deleteTagRule(ports: TagRuleEditPorts, id: number): Promise<{ id: number; deleted: true }> {
  requireCloud(ports, 'タグの自動設定を削除');
  if (!getTagRule(ports.db, id)) throw new ApiError('not_found', `タグの自動設定 ${id} は存在しません（すでに削除されています）。`);
  await sendCloudEdit(ports, 'tagRule.delete', { id }, 'タグの自動設定を削除');
  return syncUntil(ports, 'タグの自動設定の削除', () => (getTagRule(ports.db, id) ? undefined : { id, deleted: true as const }));
}

/** The rule's own tag and every trigger tag must be in the replica; each miss is named with its field. */
export function unknownTags(db: Db, rule: RuleDefinition): FieldIssue[] {
  const exists = db.prepare('SELECT 1 FROM tags WHERE id = ?').pluck();
  const issues: FieldIssue[] = [];
  if (exists.get(rule.tagId) === undefined) issues.push({ path: 'tagId', message: `タグ ${rule.tagId}` });
  rule.groups.forEach((group, g) =>
    group.forEach((condition, c) => {
      if (condition.kind === 'triggerTag' && exists.get(condition.tagId) === undefined) {
        issues.push({ path: `groups.${g}.${c}.tagId`, message: `トリガータグ ${condition.tagId}` });
      }
    }),
  );
  return issues;
}

function refusedFights(db: Db, fights: RuleFight[]): ApiError {
  const tagName = db.prepare('SELECT name FROM tags WHERE id = ?').pluck();
  const described = fights.map((f) => {
    const tag = (tagName.get(f.tagId) as string | undefined) ?? `タグ ${f.tagId}`;
    return `${f.ruleNames.map((n) => `「${n}」`).join(' → ')}（${tag}）`;
  });
  return new ApiError(
    'conflict',
    `タグの自動設定が互いに打ち消し合うため保存できません: ${described.join('、')}。あるルールが付けたタグを別のルールが外すと、条件を満たす間くり返し付け外しされます。`,
    { fights },
  );
}

function sameDefinition(rule: TagRuleView, sent: RuleDefinition): boolean {
  const held: RuleDefinition = { name: rule.name, tagId: rule.tagId, action: rule.action, match: rule.match, groups: rule.groups, enabled: rule.enabled };
  return JSON.stringify(held) === JSON.stringify({ name: sent.name, tagId: sent.tagId, action: sent.action, match: sent.match, groups: sent.groups, enabled: sent.enabled });
}
