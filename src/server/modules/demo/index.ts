export { loadDemoIfEmpty, registryEmpty, type DemoResult } from './demo.service.ts';
