// Record ids: UUID version 7 (RFC 9562), time-ordered, from the server and from the browser alike.

let lastMs = -1;
let counter = 0;
// Random bytes are drawn 4 KB at a time: one draw per id cost more than the rest of making it.
const pool = new Uint8Array(4096);
let used = pool.length;

function randomBytes16(): Uint8Array {
  if (used === pool.length) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  used += 16;
  return pool.slice(used - 16, used);
}

/**
 * A new UUIDv7: 48 bits of Unix milliseconds, a 12-bit counter that orders ids made in the same millisecond, and 62
 * random bits. Ids of rows written together sort together, so a new row's index entries land on the few index pages
 * its neighbours just changed instead of a random page each (random UUIDs made a report write about 50 pages to the
 * log); they remain unguessable. crypto.getRandomValues works in Node.js and in browsers over plain http.
 */
export function newId(): string {
  const b = randomBytes16();
  let ms = Date.now();
  if (ms <= lastMs) {
    counter++;
    // 4,096 ids in one millisecond, or a clock set back: borrow the next millisecond, so ids stay in order.
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    counter = b[7] & 0x1ff; // a random start leaves room to count up within the millisecond
  }
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = (b[8] & 0x3f) | 0x80;
  let h = '';
  for (const x of b) h += x.toString(16).padStart(2, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
