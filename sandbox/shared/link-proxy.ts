import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * One workstation's link to a sandbox, which a test can cut and restore: a TCP proxy on 127.0.0.1
 * in front of the target. Give the workstation `url` instead of the target's.
 */
export interface LinkProxy {
  url: string;
  port: number;
  readonly isCut: boolean;
  /** Resets every open connection and each new one at once, so clients see a network error quickly, not a timeout. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startLinkProxy(target: string): Promise<LinkProxy> {
  const upstream = new URL(target);
  const upstreamPort = Number(upstream.port || (upstream.protocol === 'https:' ? 443 : 80));
  const open = new Set<net.Socket>();
  let isCut = false;

  const track = (socket: net.Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };
  const server = net.createServer({ noDelay: true }, (client) => {
    if (isCut) {
      client.resetAndDestroy();
      return;
    }
    track(client);
    const remote = net.connect({ host: upstream.hostname, port: upstreamPort, noDelay: true });
    track(remote);
    // Either side failing ends both, as a dropped link would: no half-open connection lingers.
    const drop = () => {
      if (!client.destroyed) client.resetAndDestroy();
      if (!remote.destroyed) remote.destroy();
    };
    client.on('error', drop);
    remote.on('error', drop);
    client.on('close', drop);
    remote.on('close', drop);
    client.pipe(remote);
    remote.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    url: url.toString().replace(/\/$/, ''),
    port,
    get isCut() {
      return isCut;
    },
    cut() {
      isCut = true;
      for (const socket of open) socket.resetAndDestroy();
    },
    restore() {
      isCut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
