export { methodsRoutes } from './methods.routes.ts';

// Template JSON types, validation and problem codes live in src/shared/method-template.ts (the editor uses them too).
export { ensurePresets, createDraft, publishTemplate, getTemplate, getTemplateByKey, listTemplates, checkTemplate, knownRoleKeys, startableTemplate, type TemplateView, type NewDraft } from './template.service.ts';
export { startInstance, startWithEvent, getInstance, listInstances, listOverdue, fireEvent, methodActor, updateRelations, type RelationsPatch, type InstanceView, type InstanceDetail, type NewInstance, type FireInput, type InstanceQuery } from './instance.service.ts';
export { uploadAttachment, openAttachment, type AttachmentView, type FileStore } from './attachment.service.ts';
export { findAttachments, attachToInstance, type AttachmentRecord } from './attachment.repository.ts';
/** An instance's timeline as stored, for modules that own the subject and show its history (no permission check). */
export { eventsOf } from './instance.repository.ts';
export { calendarAt, getCalendar, putCalendar } from './calendar.service.ts';

// The pure engine and the working-day calendar.
export { fire, availableEvents, mayFire, heldRelations, initialState, isTerminal, stageOf, transitionFor, type FireResult, type FiredEvent, type InstanceState, type MethodActor, type Relations, type AvailableEvent } from './method.ts';
export { addWorkingDays, addWorkingHours, addNaturalDays, addNaturalHours, dueAfter, makeCalendar, isWorkingDay, daysApplyingAt, DEFAULT_WORKING_HOURS, type WorkCalendar, type CalendarDay } from './calendar.ts';
export { PRESETS, WUYI, LIANSHOU, EXAMPLE_CALENDAR_2026 } from './presets/index.ts';
export type { EventRecord, InstanceRecord } from './instance.repository.ts';
export { pinnedTemplate, type TemplateRecord, type TemplateStatus, type PinnedTemplate } from './template.repository.ts';
