import type { MethodTemplateBody } from '../../../../shared/method-template.ts';
import { LIANSHOU } from './lianshou.ts';
import { WUYI } from './wuyi.ts';

/** Methods shipped with Gongzhi, loaded as published version 1 at the national scope ('/'). */
export const PRESETS: readonly MethodTemplateBody[] = [WUYI, LIANSHOU];

export { WUYI, LIANSHOU };
export { EXAMPLE_CALENDAR_2026 } from './calendar-2026.example.ts';
