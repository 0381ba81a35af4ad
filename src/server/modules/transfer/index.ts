export { transferRoutes } from './transfer.routes.ts';
export { dryRunImport, commitImport, MAX_IMPORT_ROWS } from './import.service.ts';
export { exportToXlsx, prepareExport, writePreparedExport, registerExportSource, exportEntities, MAX_EXPORT_ROWS, type ExportSource, type PreparedExport } from './export.service.ts';
export type { ImportReport } from './import.types.ts';
export type { ImportProblem } from './transfer.ts';
export type { ExportColumn } from './transfer.xlsx.ts';
export { ENTITY_SPECS, IMPORT_ENTITIES, type ImportEntity, type EntitySpec, type ColumnSpec } from './transfer.columns.ts';
