import { describe, expect, it } from 'vitest';
import { idNumberProblem, phoneProblem } from './validate.ts';

describe('dispute party checks', () => {
  it('lets empty optional fields pass and names a mistyped phone or ID number in the UI language', () => {
    expect(phoneProblem('', 'zh-CN')).toBeNull();
    expect(phoneProblem('138 0013 8000', 'zh-CN')).toBeNull();
    expect(phoneProblem('1380013800', 'zh-CN')).toBe('手机号应为 11 位，以 13–19 开头');
    expect(idNumberProblem(undefined, '2026-11-27', 'en')).toBeNull();
    expect(idNumberProblem('11010519491231002X', '2026-11-27', 'zh-CN')).toBeNull();
    expect(idNumberProblem('110105194912310021', '2026-11-27', 'en')).toBe('The check character does not match; the number is probably mistyped');
  });
});
