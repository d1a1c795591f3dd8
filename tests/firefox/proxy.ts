// Firefox has no --host-resolver-rules: it reaches the fake sites through this tiny HTTP proxy
// instead. Firefox (network.proxy.type = 1, see firefox.ts) sends `CONNECT github.com:443`; the
// proxy answers 200 and pipes the bytes to the fake's HTTPS port, so TLS (SNI, the self-signed
// certificate) and the Host header reach the fake as they would github.com. Any other host is
// refused, so nothing leaves the machine.

import { createServer, type IncomingMessage } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { FAKE_HOSTS, type FakeSites } from '../fake/server.ts';

export interface FakeProxy {
  port: number;
  /** Every CONNECT target asked for, allowed or not (`github.com:443`). */
  connects: string[];
  close(): Promise<void>;
}

const ALLOWED = new Set<string>(FAKE_HOSTS.map((host) => `${host}:443`));

export async function startFakeProxy(fake: FakeSites): Promise<FakeProxy> {
  const connects: string[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  // Plain-HTTP requests through the proxy (http://…) are not part of the fake: refuse them.
  const server = createServer((_req, res) => res.writeHead(403).end('fake proxy: CONNECT only'));
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const target = (req.url ?? '').toLowerCase();
    connects.push(target);
    track(client);
    if (!ALLOWED.has(target)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(fake.port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    connects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
