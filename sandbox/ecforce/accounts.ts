import { randomBytes } from 'node:crypto';
import { PERMISSIONS, type Account, type Permission } from './model';

export interface AccountInput {
  email: string;
  /** A random one when not given; read it back from the sandbox handle. */
  password?: string;
  name?: string;
  role?: string;
  permissions?: Permission[];
}

/**
 * The members (メンバー) a fresh sandbox has: the robot's login with every right ECAI asks for,
 * and one login lacking each of 受注管理 / 受注作成 / 定期受注管理.
 */
export const DEFAULT_ACCOUNTS: readonly AccountInput[] = [
  { email: 'robot@example.jp', name: 'ロボット用', role: 'admin', permissions: [...PERMISSIONS] },
  { email: 'no-create@example.jp', name: '閲覧担当', role: '受注閲覧', permissions: ['受注管理', '定期受注管理'] },
  { email: 'no-orders@example.jp', name: '定期担当', role: '定期のみ', permissions: ['受注作成', '定期受注管理'] },
  { email: 'no-subs@example.jp', name: '受注担当', role: '受注のみ', permissions: ['受注管理', '受注作成'] },
];

export interface AccountBook {
  list(): Account[];
  byEmail(email: string): Account | undefined;
  byId(id: number): Account | undefined;
  /** Constant-time enough for a sandbox; real sites compare hashes. */
  authenticate(email: string, password: string): Account | null;
}

export function createAccountBook(inputs: readonly AccountInput[]): AccountBook {
  const accounts: Account[] = inputs.map((input, index) => ({
    id: index + 1,
    email: input.email,
    password: input.password ?? `Sb-${randomBytes(9).toString('base64url')}`,
    name: input.name ?? input.email,
    role: input.role ?? 'admin',
    permissions: input.permissions ?? [...PERMISSIONS],
  }));
  const byEmail = (email: string) => accounts.find((a) => a.email.toLowerCase() === email.trim().toLowerCase());
  return {
    list: () => accounts.map((a) => ({ ...a, permissions: [...a.permissions] })),
    byEmail,
    byId: (id) => accounts.find((a) => a.id === id),
    authenticate(email, password) {
      const account = byEmail(email);
      return account && account.password === password ? account : null;
    },
  };
}
