export { loadDemoIfEmpty, type DemoResult } from './demo.service.ts';
