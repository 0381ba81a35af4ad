import { describe, expect, it, vi } from 'vitest';
import { newId } from './ids.ts';

describe('record ids', () => {
  it('are UUIDs of version 7 carrying the time they were made', () => {
    const before = Date.now();
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });

  it('sort in the order they were made, thousands within one millisecond and after the clock steps back', () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(1_800_000_000_000);
    try {
      const ids = Array.from({ length: 10_000 }, () => newId());
      now.mockReturnValue(1_799_999_999_000);
      ids.push(...Array.from({ length: 10 }, () => newId()));
      expect([...ids].sort()).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      now.mockRestore();
    }
  });
});
