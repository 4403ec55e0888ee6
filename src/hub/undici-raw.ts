// The default transport where the raw-socket path cannot go (a proxy applies, or the fast path is off): undici's
// request API, wrapped as a fetch Response. Unlike undici's fetch it leaves Content-Encoding alone, so a compressed
// answer reaches http.ts as sent and is undone there in small pieces under the JSON cap — undici's fetch inflates
// eagerly (a 58 KB gzip body became 60 MB in memory before the first read returned).
import { request, type Dispatcher } from 'undici';

/** Statuses whose Response must have a null body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

export async function undiciRawFetch(url: string, init: RequestInit & { dispatcher?: Dispatcher }): Promise<Response> {
  const { statusCode, headers, body } = await request(url, {
    method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
    headers: init.headers as Record<string, string>,
    ...(init.signal ? { signal: init.signal } : {}),
    ...(init.dispatcher ? { dispatcher: init.dispatcher } : {})
  });
  const out = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.append(name, v);
  }
  if (NULL_BODY.has(statusCode)) {
    body.destroy();
    return new Response(null, { status: statusCode, headers: out });
  }
  return new Response(pulled(body), { status: statusCode, headers: out });
}

/**
 * The body as a web stream that reads one chunk per pull (no read-ahead beyond undici's own buffer). Readable.toWeb
 * is not used: it enqueues into a controller that a cancelled reader has already closed, and throws.
 */
function pulled(body: Dispatcher.ResponseData['body']): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let cancelled = false;
  // Destroying a body nobody is iterating emits 'error' (aborted); the reader already knows it cancelled.
  body.on('error', () => undefined);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await chunks.next();
          if (cancelled) return;
          if (done) controller.close();
          else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        } catch (err) {
          if (!cancelled) controller.error(err);
        }
      },
      cancel() {
        cancelled = true;
        body.destroy();
      }
    },
    { highWaterMark: 0 }
  );
}
