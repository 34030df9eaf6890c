/**
 * JSON.parse keeps the last of two equal keys, so `{"value":1,"value":"NaN"}` means whatever the
 * last parser in a chain decides (RFC 8259 §4 leaves it undefined; I-JSON, RFC 7493, forbids it).
 * We refuse such bodies instead of guessing which value the sender meant.
 */

/** The first key that repeats within one object of `text`, which must already be valid JSON; else null. */
export function firstDuplicateKey(text: string): string | null {
  // One entry per open container: the keys seen so far for an object, null for an array. A short
  // list is cheaper than a Set for the few keys most objects have; long ones switch to a Set.
  const open: (string[] | Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const start = i;
      // Jump to the closing quote: one preceded by an even number of backslashes.
      for (;;) {
        i = text.indexOf('"', i + 1);
        let backslashes = 0;
        while (text.charCodeAt(i - 1 - backslashes) === 0x5c) backslashes++;
        if (backslashes % 2 === 0) break;
      }
      if (!expectKey) continue;
      expectKey = false;
      const raw = text.slice(start + 1, i);
      const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
      const keys = open[open.length - 1]!;
      if (Array.isArray(keys)) {
        if (keys.includes(key)) return key;
        keys.push(key);
        if (keys.length > 32) open[open.length - 1] = new Set(keys);
      } else {
        if (keys.has(key)) return key;
        keys.add(key);
      }
    } else if (c === 0x7b) {
      open.push([]);
      expectKey = true;
    } else if (c === 0x5b) {
      open.push(null);
    } else if (c === 0x7d || c === 0x5d) {
      open.pop();
      expectKey = false;
    } else if (c === 0x2c) {
      expectKey = open[open.length - 1] != null;
    }
  }
  return null;
}
