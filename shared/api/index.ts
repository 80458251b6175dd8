export * from './common.schema';
export * from './channel.schema';
export * from './report.schema';
export * from './staff.schema';
