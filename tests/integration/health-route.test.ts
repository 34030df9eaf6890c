/**
 * GET /api/health through its route handler, with the app's own configuration pointing at a
 * PostgreSQL server that does not answer.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: net.Server;

beforeAll(async () => {
  // Accepts connections and closes them at once: a database that is there but unusable.
  server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  process.env.DATABASE_URL = `postgresql://obs:pw@127.0.0.1:${port}/obs`;
  process.env.REDIS_URL = '';
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('GET /api/health', () => {
  it('answers 503 with the report when the database cannot be reached', async () => {
    const { GET } = await import('@/app/api/health/route');
    const res = await GET(new Request('http://localhost/api/health'));
    expect(res.status).toBe(503);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-response-time')).toMatch(/ms$/);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'unavailable', db: 'unreachable', provider: 'postgresql', redis: 'disabled' });
    expect(JSON.stringify(body)).not.toContain('pw');
  });
});
