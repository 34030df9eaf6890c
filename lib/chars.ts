/**
 * Characters outside Latin-1 that server code puts in its output, built at run time.
 *
 * Turbopack emits the server code most routes share as one chunk per group of routes (two dozen
 * copies of the same 400 kB file), and V8 keeps the source of every chunk it loaded. A single
 * character outside Latin-1 in a chunk makes V8 keep that whole source as UTF-16, twice the
 * memory. The minifier turns escapes such as '\u2026' back into the character, so these are
 * made with String.fromCharCode. tests/integration/server-chunks.test.ts checks the build.
 */
export const ELLIPSIS = String.fromCharCode(0x2026);
/** Also what a view shows for no value. */
export const EN_DASH = String.fromCharCode(0x2013);
export const BULLET = String.fromCharCode(0x2022);
export const GREATER_OR_EQUAL = String.fromCharCode(0x2265);
export const LESS_OR_EQUAL = String.fromCharCode(0x2264);
export const RIGHT_ARROW = String.fromCharCode(0x2192);
