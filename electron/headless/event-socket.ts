import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { Api } from '../core/api/registry';
import type { EventBus } from '../core/events';
import { dispatch, parseEnvelope } from './envelope';
import { offeredTokenProtocols, TOKEN_PROTOCOL_PREFIX } from './guard';
import { tokensEqual } from './token';

export interface EventSocketOptions {
  api: Api;
  events: EventBus;
  token: string;
  maxPayload: number;
  log: (line: string) => void;
}

export interface EventSocket {
  /** The protocol to echo if the upgrade carries the right token, else null. */
  acceptedProtocol(req: IncomingMessage): string | null;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

/** A renderer that stops reading must not make the shell buffer events without bound. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * `/api/events`: pushes every core event as `{event, payload}` and answers calls sent as
 * `{id, name, args}`. Browsers cannot set headers on a WebSocket, so the token arrives as the
 * subprotocol `tanto.<token>`, which is echoed back as the handshake requires.
 */
export function createEventSocket(options: EventSocketOptions): EventSocket {
  const { api, events, token, log } = options;

  const matchingProtocol = (offered: Iterable<string>): string | null => {
    for (const protocol of offered) {
      if (!protocol.startsWith(TOKEN_PROTOCOL_PREFIX)) continue;
      if (tokensEqual(protocol.slice(TOKEN_PROTOCOL_PREFIX.length), token)) return protocol;
    }
    return null;
  };

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayload,
    clientTracking: true,
    handleProtocols: (protocols) => matchingProtocol(protocols) ?? false,
  });

  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.close(1003, 'Text frames only');
        return;
      }
      void answer(ws, data);
    });
    ws.on('error', (error) => log(`Event socket error: ${error.message}`));
  });

  async function answer(ws: WebSocket, data: RawData): Promise<void> {
    const parsed = parseEnvelope(rawText(data));
    const reply = parsed.ok ? await dispatch(api, parsed.envelope) : parsed.reply;
    send(ws, JSON.stringify(reply));
  }

  function send(ws: WebSocket, text: string): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.close(1013, 'Client is not reading');
      return;
    }
    ws.send(text);
  }

  const unsubscribe = events.onAny((event, payload) => {
    if (wss.clients.size === 0) return;
    let text: string;
    try {
      text = JSON.stringify({ event, payload });
    } catch (error) {
      log(`Event ${event} could not be serialised: ${(error as Error).message}`);
      return;
    }
    for (const ws of wss.clients) send(ws, text);
  });

  return {
    acceptedProtocol: (req) => matchingProtocol(offeredTokenProtocols(req.headers)),
    upgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      unsubscribe();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
