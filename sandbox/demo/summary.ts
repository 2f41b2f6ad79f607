import type { Demo } from './start-demo';

const tables: Array<[label: string, table: string]> = [
  ['members', 'members'],
  ['cart customers', 'cart_customers'],
  ['products', 'products'],
  ['orders', 'orders'],
  ['subscriptions', 'subscriptions'],
  ['tags', 'tags'],
  ['member tags', 'member_tags'],
  ['cross-sell configs', 'crosssell_configs'],
  ['LOC requests', 'loc_requests'],
];

/** One screen: where everything listens and what the first sync brought into the replica. */
export function demoSummary(demo: Demo): string {
  const db = demo.app.core.db;
  const status = demo.app.core.sync.status();
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const width = Math.max(...tables.map(([label]) => label.length));
  return [
    '',
    'Tanto demo is running.',
    `  open            ${demo.app.shell.url}`,
    `  cloud sandbox   ${demo.cloud.url}`,
    `  LINE sandbox    ${demo.line.url}`,
    `  ecforce sandbox ${demo.ecforce.url}/admin  (${demo.ecforce.robotLogin.email})`,
    `  replica         ${demo.dataDir}`,
    '',
    `First sync: ${demo.firstSync.applied} changes in ${(demo.syncMs / 1000).toFixed(1)} s; cursor ${status.cursor}, lag ${status.lag}, ` +
      `pending ${status.pending}, quarantined ${status.quarantined.length}.`,
    ...tables.map(([label, table]) => `  ${label.padEnd(width)}  ${count(table).toLocaleString('en-US')}`),
    '',
    `Robot: ${demo.app.core.robot?.status().running ? 'working' : 'stopped (robot.start to begin)'}.`,
    'Press Ctrl-C to stop.',
  ].join('\n');
}
