/**
 * Opens GET <url> as an SSE stream and returns its first `count` frames. Without a `signal` it
 * disconnects afterwards; with one, the stream stays open until the caller aborts it.
 */
export async function readSseFrames(url: string, count: number, signal?: AbortSignal): Promise<string[]> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: signal ?? controller.signal });
  const reader = res.body!.getReader();
  const frames: string[] = [];
  let buffer = '';
  try {
    while (frames.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += new TextDecoder().decode(value);
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        frames.push(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  } finally {
    controller.abort();
  }
  return frames.slice(0, count);
}
