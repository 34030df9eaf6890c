import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, forbidden } from '@/lib/http/errors';
import { projectPath, projectRecordPath } from '@/lib/http/params';
import { route } from '@/lib/http/route';

const body = z.object({ name: z.string().min(1).max(50), count: z.number().int().min(0) });
const query = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  tag: z.array(z.string()).optional(),
});

const echo = route({ auth: 'public', body, query }, ({ body, query }) => ({ body, query }));

function post(
  payload: BodyInit | null,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  url = 'http://x/api',
) {
  return new Request(url, { method: 'POST', body: payload, headers, duplex: 'half' } as RequestInit);
}

async function errorOf(res: Response) {
  const json = (await res.json()) as { error: { code: string; message: string; details?: unknown } };
  return json.error;
}

describe('route()', () => {
  it('passes validated body and query to the handler and stamps X-Response-Time', async () => {
    const res = await echo(
      post(JSON.stringify({ name: 'checkout', count: 3 }), undefined, 'http://x/api?limit=5&tag=a&tag=b'),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ body: { name: 'checkout', count: 3 }, query: { limit: 5, tag: ['a', 'b'] } });
    expect(res.headers.get('x-response-time')).toMatch(/^\d+\.\dms$/);
  });

  it('answers 415 to a body that is not JSON', async () => {
    const res = await echo(post('name=x', { 'content-type': 'application/x-www-form-urlencoded' }));
    expect(res.status).toBe(415);
    expect(await errorOf(res)).toMatchObject({ code: 'unsupported_media_type' });
    expect(res.headers.get('x-response-time')).toBeTruthy();
  });

  it.each([
    ['{"name":', /not valid JSON/],
    ['', /empty/],
  ])('answers 400 to the malformed body %j', async (payload, message) => {
    const res = await echo(post(payload));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(message);
  });

  it.each(['application/json-patch+json', 'application/jsonp', 'text/json'])(
    'answers 415 to the look-alike content type %s',
    async (type) => {
      const res = await echo(post(JSON.stringify({ name: 'x', count: 1 }), { 'content-type': type }));
      expect(res.status).toBe(415);
    },
  );

  it('accepts application/json with parameters', async () => {
    const res = await echo(
      post(JSON.stringify({ name: 'x', count: 1 }), { 'content-type': 'Application/JSON ; charset=utf-8' }),
    );
    expect(res.status).toBe(200);
  });

  it('answers 415 naming a content encoding it does not decode', async () => {
    const res = await echo(
      post(JSON.stringify({ name: 'x', count: 1 }), { 'content-type': 'application/json', 'content-encoding': 'br' }),
    );
    expect(res.status).toBe(415);
    expect((await errorOf(res)).message).toBe('Content-Encoding br is not supported; send the body uncompressed');
  });

  it('answers 400 to duplicate keys instead of keeping the last one', async () => {
    const res = await echo(post('{"name":"x","count":1,"count":-1}'));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toBe('request body is not valid JSON: duplicate key "count" in one object');
  });

  it('answers 400 to invalid UTF-8', async () => {
    const res = await echo(post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/UTF-8/);
  });

  it('answers 422 naming the path and reason of each problem', async () => {
    const res = await echo(post(JSON.stringify({ name: '', count: -1.5 })));
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid');
    expect(error.message).toMatch(/^invalid body: name: /);
    expect(error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'name' }), expect.objectContaining({ path: 'count' })]),
    );
  });

  it('answers 422 to a bad query parameter', async () => {
    const res = await echo(post(JSON.stringify({ name: 'a', count: 1 }), undefined, 'http://x/api?limit=1000'));
    expect(res.status).toBe(422);
    expect((await errorOf(res)).message).toMatch(/^invalid query: limit/);
  });

  it.each([
    ['a JSON array', '[1,2,3]'],
    ['a bare string', '"name"'],
    ['null', 'null'],
    [
      'a prototype-pollution attempt',
      '{"__proto__":{"admin":true},"name":"a","count":1,"constructor":{"prototype":{"x":1}}}',
    ],
  ])('handles %s without crashing', async (_what, payload) => {
    const res = await echo(post(payload));
    expect(res.status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('accepts unicode and rejects oversized strings by the schema', async () => {
    const ok = await echo(post(JSON.stringify({ name: 'ünïcødé 🚀 <script>', count: 0 })));
    expect(ok.status).toBe(200);
    const long = await echo(post(JSON.stringify({ name: 'x'.repeat(10_000), count: 0 })));
    expect(long.status).toBe(422);
  });

  it('answers 413 when Content-Length announces too much', async () => {
    const small = route({ auth: 'public', body, maxBodyBytes: 100 }, () => ({}));
    const res = await small(
      post(JSON.stringify({ name: 'x'.repeat(200), count: 1 }), {
        'content-type': 'application/json',
        'content-length': '250',
      }),
    );
    expect(res.status).toBe(413);
    expect((await errorOf(res)).message).toBe('request body exceeds 100 bytes');
  });

  it('answers 413 to a streamed body that grows past the limit, without a Content-Length', async () => {
    const small = route({ auth: 'public', body, maxBodyBytes: 1024 }, () => ({}));
    const chunk = new TextEncoder().encode('x'.repeat(512));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 1000) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await small(post(stream));
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(10); // stopped reading early
  });

  it('turns ApiError into the error shape with its status', async () => {
    const denied = route({ auth: 'public' }, () => {
      throw forbidden('not your project');
    });
    const res = await denied(new Request('http://x/'));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'forbidden', message: 'not your project' } });
  });

  it('passes headers of an ApiError through (e.g. Retry-After)', async () => {
    const busy = route({ auth: 'public' }, () => {
      throw new ApiError(503, 'unavailable', 'busy', undefined, { 'Retry-After': '2' });
    });
    const res = await busy(new Request('http://x/'));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
  });

  it('hides unexpected errors behind a generic 500', async () => {
    const original = console.error;
    console.error = () => {};
    try {
      const broken = route({ auth: 'public' }, () => {
        throw new Error('connection string postgresql://u:secret@h/db failed');
      });
      const res = await broken(new Request('http://x/'));
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toContain('secret');
      expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal error' } });
      expect(res.headers.get('x-response-time')).toBeTruthy();
    } finally {
      console.error = original;
    }
  });

  it('returns a handler-made Response as it is, stamped', async () => {
    const custom = route({ auth: 'public' }, () => new Response('pong', { status: 202 }));
    const res = await custom(new Request('http://x/'));
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('pong');
    expect(res.headers.get('x-response-time')).toBeTruthy();
  });

  it('resolves Next.js route params through their schema', async () => {
    const withParams = route({ auth: 'public', params: projectRecordPath('ruleId', 'alert rule') }, ({ params }) => ({
      project: params.id,
      rule: params.ruleId,
    }));
    const res = await withParams(new Request('http://x/'), {
      params: Promise.resolve({ id: 'shop', ruleId: 'cmabc123def456' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ project: 'shop', rule: 'cmabc123def456' });
  });

  it.each([
    ['a path-like id', '../../etc/passwd'],
    ['an oversized id', 'a'.repeat(65)],
    ['an empty id', ''],
    ['control characters', 'abc\u0000def'],
    ['a right-to-left override', 'abc\u202edef'],
    ['a catch-all array', ['a', 'b']],
    ['SQL', "x' OR '1'='1"],
  ])('answers 404 to %s in the path, without calling the handler', async (_label, ruleId) => {
    let called = false;
    const handler = route({ auth: 'public', params: projectRecordPath('ruleId', 'alert rule') }, () => {
      called = true;
      return {};
    });
    const res = await handler(new Request('http://x/'), { params: Promise.resolve({ id: 'shop', ruleId }) });
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ code: 'not_found', message: 'no such alert rule in this project' });
    expect(called).toBe(false);
  });

  it('answers 404 naming the project when the project part cannot be one', async () => {
    const handler = route({ auth: 'public', params: projectPath }, () => ({}));
    const res = await handler(new Request('http://x/'), { params: Promise.resolve({ id: 'a/b' }) });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).message).toBe('no such project');
  });
});
