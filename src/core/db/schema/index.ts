export * from './calls';
export * from './campaigns';
export * from './compliance';
export * from './customers';
export * from './settings';
export * from './simulator';
export * from './webhooks';
