/**
 * Test support: starts the core-process entry under plain Node, with `process.parentPort`
 * supplied by Node's child-process IPC in the shape Electron gives a utility process (`message`
 * events carrying `{data}`, `postMessage`). Tests fork this file to run the real entry in a
 * separate process and talk to it as the main process does.
 */
const send = process.send?.bind(process);
if (!send) throw new Error('Start this file with child_process.fork.');

const parentPort = {
  on(event: 'message', listener: (message: { data: unknown }) => void) {
    if (event === 'message') process.on('message', (data) => listener({ data }));
    return parentPort;
  },
  postMessage(message: unknown) {
    send(message);
  },
};
Object.defineProperty(process, 'parentPort', { value: parentPort });

await import('./main');

export {};
