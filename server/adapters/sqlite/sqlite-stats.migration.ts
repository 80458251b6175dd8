/**
 * Counters for the committee's statistics, kept on write by triggers on `cases` (as
 * `inbox_entries` is): a dashboard over a year of a million-case store then reads a few
 * thousand counter rows instead of scanning a third of the cases. What depends on the
 * time of the query (cases not answered yet, open cases by age) is read from `cases`
 * through partial indexes that hold only those cases, which are few.
 *
 * Months are integers YYYYMM of the creation date (UTC). The durations histogram uses the
 * buckets of stats.port.ts durationBucketHours: one hour below 336 hours, one day above.
 * A missing outcome is stored as '' because key columns of a WITHOUT ROWID table are NOT NULL.
 */

const month = (row: string): string => `CAST(strftime('%Y%m', ${row}.created_at / 1000, 'unixepoch') AS INTEGER)`;
/** the first answer to the reporter: a message, or the closing when it came first */
const feedbackAt = (row: string): string =>
  `(CASE WHEN ${row}.first_feedback_at IS NULL THEN ${row}.closed_at WHEN ${row}.closed_at IS NULL THEN ${row}.first_feedback_at
    ELSE MIN(${row}.first_feedback_at, ${row}.closed_at) END)`;
const bucket = (at: string, row: string): string =>
  `(CASE WHEN MAX(0, ${at} - ${row}.created_at) / 3600000 < 336 THEN MAX(0, ${at} - ${row}.created_at) / 3600000
    ELSE (MAX(0, ${at} - ${row}.created_at) / 86400000) * 24 END)`;

interface Metric {
  name: 'acknowledge' | 'feedback';
  at: (row: string) => string;
  due: string;
}
const METRICS: Metric[] = [
  { name: 'acknowledge', at: (row) => `${row}.acknowledged_at`, due: 'ack_due_at' },
  { name: 'feedback', at: feedbackAt, due: 'feedback_due_at' },
];

function countChange(row: 'NEW' | 'OLD', delta: 1 | -1): string {
  const key = `${month(row)}, ${row}.channel_id, ${row}.category, ${row}.status, COALESCE(${row}.outcome, '')`;
  return delta === 1
    ? `INSERT INTO stats_counts (month, channel_id, category, status, outcome, n) VALUES (${key}, 1) ON CONFLICT DO UPDATE SET n = n + 1;`
    : `UPDATE stats_counts SET n = n - 1 WHERE (month, channel_id, category, status, outcome) = (${key});`;
}

function durationChange(metric: Metric, row: 'NEW' | 'OLD', delta: 1 | -1): string {
  const at = metric.at(row);
  const key = `'${metric.name}', ${month(row)}, ${row}.channel_id, ${bucket(at, row)}, ${at} <= ${row}.${metric.due}`;
  return delta === 1
    ? `INSERT INTO stats_durations (metric, month, channel_id, bucket, on_time, n) SELECT ${key}, 1 WHERE ${at} IS NOT NULL
       ON CONFLICT DO UPDATE SET n = n + 1;`
    : `UPDATE stats_durations SET n = n - 1 WHERE ${at} IS NOT NULL AND (metric, month, channel_id, bucket, on_time) = (SELECT ${key});`;
}

function durationTriggers(metric: Metric): string {
  const changed = ['created_at', 'channel_id', metric.due, 'first_feedback_at', 'closed_at', 'acknowledged_at']
    .map((column) => `OLD.${column} IS NOT NEW.${column}`)
    .join(' OR ');
  return `
CREATE TRIGGER stats_${metric.name}_inserted AFTER INSERT ON cases BEGIN
  ${durationChange(metric, 'NEW', 1)}
END;
CREATE TRIGGER stats_${metric.name}_changed AFTER UPDATE ON cases WHEN ${changed} BEGIN
  ${durationChange(metric, 'OLD', -1)}
  ${durationChange(metric, 'NEW', 1)}
END;`;
}

const backfillDurations = (metric: Metric): string => `
INSERT INTO stats_durations (metric, month, channel_id, bucket, on_time, n)
SELECT '${metric.name}', ${month('c')}, c.channel_id, ${bucket(metric.at('c'), 'c')}, ${metric.at('c')} <= c.${metric.due}, COUNT(*)
FROM cases c WHERE ${metric.at('c')} IS NOT NULL GROUP BY 1, 2, 3, 4, 5;`;

export const statsMigrationSql = `
CREATE TABLE stats_counts (
  month INTEGER NOT NULL,
  channel_id TEXT NOT NULL,
  category TEXT NOT NULL,
  status TEXT NOT NULL,
  outcome TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (month, channel_id, category, status, outcome)
) WITHOUT ROWID;

CREATE TABLE stats_durations (
  metric TEXT NOT NULL CHECK (metric IN ('acknowledge','feedback')),
  month INTEGER NOT NULL,
  channel_id TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  on_time INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (month, channel_id, metric, bucket, on_time)
) WITHOUT ROWID;

-- Only the cases still waiting for an answer, or still open: a small part of the store.
CREATE INDEX cases_unacknowledged ON cases(created_at, channel_id, ack_due_at) WHERE acknowledged_at IS NULL;
CREATE INDEX cases_no_feedback ON cases(created_at, channel_id, feedback_due_at) WHERE first_feedback_at IS NULL AND closed_at IS NULL;
CREATE INDEX cases_open ON cases(created_at, channel_id) WHERE status <> 'closed';

CREATE TRIGGER stats_counts_inserted AFTER INSERT ON cases BEGIN
  ${countChange('NEW', 1)}
END;
CREATE TRIGGER stats_counts_changed AFTER UPDATE ON cases
WHEN OLD.created_at IS NOT NEW.created_at OR OLD.channel_id IS NOT NEW.channel_id OR OLD.category IS NOT NEW.category
  OR OLD.status IS NOT NEW.status OR OLD.outcome IS NOT NEW.outcome
BEGIN
  ${countChange('OLD', -1)}
  ${countChange('NEW', 1)}
END;
${METRICS.map(durationTriggers).join('\n')}

INSERT INTO stats_counts (month, channel_id, category, status, outcome, n)
SELECT ${month('c')}, c.channel_id, c.category, c.status, COALESCE(c.outcome, ''), COUNT(*) FROM cases c GROUP BY 1, 2, 3, 4, 5;
${METRICS.map(backfillDurations).join('\n')}

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
`;
