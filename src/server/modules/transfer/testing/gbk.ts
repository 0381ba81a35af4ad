let table: Map<string, number[]> | null = null;

/** Encodes text as GBK/GB18030 two-byte sequences (Node has a GB18030 decoder but no encoder), for test files. */
export function encodeGbk(text: string): Buffer {
  if (!table) {
    table = new Map();
    const dec = new TextDecoder('gb18030');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const ch = dec.decode(Uint8Array.of(hi, lo));
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`cannot encode ${ch} in GBK`);
      out.push(...b);
    }
  }
  return Buffer.from(out);
}
