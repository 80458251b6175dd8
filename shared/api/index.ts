export * from './common.schema';
export * from './channel.schema';
export * from './report.schema';
