import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local HTTP server on 127.0.0.1 that answers each request with the next scripted step, so
// tests can serve real-format files and the faults a real publisher gives (429, 503, silence,
// a body cut off mid-way). The last step repeats.

export type Step =
  | { status: number; body?: string; headers?: Record<string, string> }
  | { hang: true }
  | { partial: string }
  | { slow: string; chunkSize: number; delayMs: number };

export interface FixtureServer {
  url: string;
  requests: Array<{ method: string; path: string; at: number }>;
  close(): Promise<void>;
}

async function answer(step: Step, res: ServerResponse): Promise<void> {
  if ('hang' in step) return; // never answers; the client's timeout must fire
  if ('partial' in step) {
    res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(step.partial.length * 2) });
    res.write(step.partial);
    setTimeout(() => res.destroy(), 20);
    return;
  }
  if ('slow' in step) {
    res.writeHead(200, { 'content-type': 'text/csv' });
    for (let i = 0; i < step.slow.length; i += step.chunkSize) {
      if (res.destroyed) return;
      res.write(step.slow.slice(i, i + step.chunkSize));
      await new Promise((r) => setTimeout(r, step.delayMs));
    }
    res.end();
    return;
  }
  res.writeHead(step.status, { 'content-type': 'text/csv', ...step.headers });
  res.end(step.body ?? '');
}

export async function startFixtureServer(steps: Step[]): Promise<FixtureServer> {
  const requests: FixtureServer['requests'] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', at: Date.now() });
    const step = steps[Math.min(requests.length - 1, steps.length - 1)] as Step;
    void answer(step, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
