import type { MethodTemplateBody } from '../../../../shared/method-template.ts';
import { CLOSED_LOOP } from './closed-loop.ts';
import { LIANSHOU } from './lianshou.ts';
import { WUYI } from './wuyi.ts';

/** Methods shipped with Gongzhi, loaded as published version 1 at the national scope ('/'). */
export const PRESETS: readonly MethodTemplateBody[] = [WUYI, LIANSHOU, CLOSED_LOOP];

export { WUYI, LIANSHOU, CLOSED_LOOP };
export { EXAMPLE_CALENDAR_2026 } from './calendar-2026.example.ts';
