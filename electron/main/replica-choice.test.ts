import { describe, expect, it } from 'vitest';
import type { ReplicaRecovery } from '../core/db/replica-refusal';
import { answerWhileDamaged } from './replica-choice';

const withBackup = { damage: 'empty' as const, backup: { takenAt: '2026-12-03T18:30:00.000Z', unsent: 2 } };
const withoutBackup = { damage: 'not_sqlite' as const, backup: null };

describe('the calls answered while the core refuses a damaged replica', () => {
  it('says what the core found, and hands a valid choice on to the supervisor', () => {
    const chosen: ReplicaRecovery[] = [];
    expect(answerWhileDamaged('replica.status', {}, withBackup, (c) => chosen.push(c))).toEqual({ result: { damaged: withBackup } });
    expect(answerWhileDamaged('replica.recover', { choice: 'restore-backup' }, withBackup, (c) => chosen.push(c))).toEqual({ result: { restarting: true } });
    expect(chosen).toEqual(['restore-backup']);
  });

  it('refuses to restore a backup there is not, and a choice it does not know', () => {
    const chosen: ReplicaRecovery[] = [];
    expect(answerWhileDamaged('replica.recover', { choice: 'restore-backup' }, withoutBackup, (c) => chosen.push(c))).toMatchObject({ error: { kind: 'conflict' } });
    expect(answerWhileDamaged('replica.recover', { choice: 'delete' }, withoutBackup, (c) => chosen.push(c))).toMatchObject({ error: { kind: 'invalid_argument' } });
    expect(answerWhileDamaged('replica.recover', { choice: 'start-fresh' }, withoutBackup, (c) => chosen.push(c))).toEqual({ result: { restarting: true } });
    expect(chosen).toEqual(['start-fresh']);
  });

  it('leaves every other call to its unavailable answer', () => {
    expect(answerWhileDamaged('sync.status', {}, withBackup, () => undefined)).toBeNull();
  });
});
