import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureRendererBuilt } from '../scripts/renderer-build';
import { demoLogLine } from './demo/log-lines';
import { DemoFolderError, startDemo } from './demo/start-demo';
import { demoSummary } from './demo/summary';
import { tapCrosssells, tapOutcome } from './demo/taps';

/**
 * `npm run demo -- [--members N] [--orders N] [--data DIR] [--fresh] [--port N] [--robot] [--taps N] [--exit-when-idle]`
 * The shop is kept in DIR (.demo in the project by default) and opened again at the next run;
 * --fresh throws it away and makes a new one. --taps N makes N customers tap a cross-sell (and
 * starts the robot); --exit-when-idle waits until the robot has worked everything, prints the
 * outcome as one JSON line and exits.
 */
const DEFAULT_FOLDER = fileURLToPath(new URL('../.demo', import.meta.url));

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      members: { type: 'string' },
      orders: { type: 'string' },
      data: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      port: { type: 'string' },
      robot: { type: 'boolean', default: false },
      taps: { type: 'string', default: '0' },
      'exit-when-idle': { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  fail(`${(error as Error).message}\n使えるオプション: --members N --orders N --data フォルダ --fresh --port N --robot --taps N --exit-when-idle`);
}

const members = values.members === undefined ? 10_000 : Number(values.members);
const orders = values.orders === undefined ? members * 5 : Number(values.orders);
const taps = Number(values.taps);
const port = values.port === undefined ? undefined : Number(values.port);
if (!Number.isInteger(members) || members < 1 || !Number.isInteger(orders) || orders < 0 || !Number.isInteger(taps) || taps < 0) {
  fail('--members は 1 以上の整数、--orders と --taps は 0 以上の整数で指定してください。');
}
if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) fail('--port は 0〜65535 のポート番号で指定してください。');

const log = (line: string) => {
  const shown = demoLogLine(line);
  if (shown !== null) console.log(shown);
};

ensureRendererBuilt();
const folder = path.resolve(values.data ?? DEFAULT_FOLDER);
console.log(`デモショップを準備しています（${folder}）…`);
const demo = await startDemo({
  members,
  orders,
  folder,
  fresh: values.fresh,
  log,
  ...(port === undefined ? {} : { port }),
  robot: values.robot || taps > 0,
}).catch((error: unknown) => {
  // A folder another demo has open, or one left unsaved: said as it is, without a stack.
  if (error instanceof DemoFolderError || (error as Error).name === 'DataDirInUseError') fail((error as Error).message);
  throw error;
});
if (demo.reopened && values.members !== undefined && demo.size.members !== members) {
  console.log(`このフォルダのショップは会員 ${demo.size.members.toLocaleString('ja-JP')} 人です。--members ${members} で作り直すには --fresh も付けてください。`);
}
// Before the summary is printed: whoever reads it may press Ctrl-C at once.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  console.log('デモを終了しています…');
  void demo.stop().then(
    () => {
      console.log(`終了しました。ショップは ${demo.folder} に保存してあり、次に同じフォルダで起動すると開きます。`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

console.log(demoSummary(demo, { folderArgs: values.data === undefined ? [] : ['--data', values.data] }));
const tapped = taps > 0 ? await tapCrosssells(demo, taps) : [];
if (taps > 0) console.log(`${taps} 人のお客様がクロスセルをタップしました。ロボットが処理しています（LOC ${tapped[0]}〜${tapped.at(-1)}）。`);

if (values['exit-when-idle']) {
  await demo.app.core.robot?.whenIdle();
  await demo.app.core.sync.now();
  const outcome = await tapOutcome(demo, tapped);
  await demo.stop();
  console.log(JSON.stringify(outcome));
  process.exit(0);
}
