// Every call to the service goes through this module, so the API key only ever travels as an
// Authorization header: never in a URL, where logs, history and Referer headers would keep it.

const keyName = 'postergen.api_key';

/** The key lives in sessionStorage: gone when the tab closes, never sent anywhere but this origin. */
export const apiKey = {
  get: () => sessionStorage.getItem(keyName) ?? '',
  set: key => (key ? sessionStorage.setItem(keyName, key) : sessionStorage.removeItem(keyName)),
};

/** A refused request, with the RFC 7807 problem the service answered. */
export class ApiError extends Error {
  constructor(status, problem) {
    super([problem?.title, problem?.detail].filter(Boolean).join(' ') || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function headers(extra = {}) {
  const key = apiKey.get();
  return key ? { ...extra, Authorization: `Bearer ${key}` } : extra;
}

async function problemOf(response) {
  try { return await response.json(); } catch { return null; }
}

async function send(path, { method = 'GET', accept = 'application/json', signal, extraHeaders } = {}) {
  const response = await fetch(path, { method, headers: headers({ Accept: accept, ...extraHeaders }), signal, cache: 'no-store' });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response;
}

export async function getJson(path, signal) {
  return (await send(path, { signal })).json();
}

/** A POST without a body; the answer's JSON, or null when it has none. */
export async function post(path) {
  const response = await send(path, { method: 'POST' });
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export async function getBlob(path, signal) {
  return (await send(path, { accept: '*/*', signal })).blob();
}

/** Fetches a file with the key and hands it to the browser as a download. */
export async function download(path, fallbackName) {
  const response = await send(path, { accept: '*/*' });
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: decodeURIComponent(name) });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Reads a text/event-stream response over fetch, because EventSource cannot send a header.
 * Yields { type, id, data } with data parsed as JSON; ends when the server closes the stream.
 */
export async function* serverSentEvents(path, { lastEventId, signal } = {}) {
  const response = await send(path, {
    accept: 'text/event-stream', signal, extraHeaders: lastEventId ? { 'Last-Event-ID': lastEventId } : {},
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { type: 'message', id: null, data: [] };
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end).replace(/\r$/, '');
        buffer = buffer.slice(end + 1);
        if (line === '') {
          if (event.data.length > 0) yield { type: event.type, id: event.id, data: JSON.parse(event.data.join('\n')) };
          event = { type: 'message', id: null, data: [] };
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event.type = text;
        else if (field === 'id') event.id = text;
        else if (field === 'data') event.data.push(text);
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
