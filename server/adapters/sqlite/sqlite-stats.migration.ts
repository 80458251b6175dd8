/**
 * Counters for the committee's statistics, kept on write by triggers on `cases` (as
 * `inbox_entries` is), so that no statistics query reads the cases themselves beyond a day
 * or two of them:
 * - stats_counts: cases by creation month, channel, category, status and outcome;
 * - stats_answers and stats_durations: answered cases by month (in time or late) and the
 *   histogram of how long the answer took (buckets of stats.port.ts BUCKET_STEPS);
 * - stats_unanswered: cases waiting for an answer, by the day their answer is due, so
 *   "overdue" at any moment is a sum over earlier days plus an exact look at today's;
 * - stats_open: open cases by creation day, so their ages are sums over days plus an exact
 *   look at the one day each age boundary falls in.
 * Months are integers YYYYMM and days integers (days since 1970-01-01), both UTC. A missing
 * outcome is stored as '' because key columns of a WITHOUT ROWID table are NOT NULL.
 * Each trigger runs only when a column it depends on changes.
 */
import { BUCKET_STEPS } from '../../ports/stats.port';

type Row = 'NEW' | 'OLD';
const DAY_MS = 86_400_000;
const month = (row: string): string => `CAST(strftime('%Y%m', ${row}.created_at / 1000, 'unixepoch') AS INTEGER)`;
/** the first answer to the reporter: a message, or the closing when it came first */
const feedbackAt = (row: string): string =>
  `(CASE WHEN ${row}.first_feedback_at IS NULL THEN ${row}.closed_at WHEN ${row}.closed_at IS NULL THEN ${row}.first_feedback_at
    ELSE MIN(${row}.first_feedback_at, ${row}.closed_at) END)`;

/** stats.port.ts durationBucketHours in SQL (integer division throughout) */
function bucket(at: string, row: string): string {
  const hours = `(MAX(0, ${at} - ${row}.created_at) / 3600000)`;
  const branches = BUCKET_STEPS.map((step, i) => {
    const value = `${step.from} + ((${hours} - ${step.from}) / ${step.width}) * ${step.width}`;
    const next = BUCKET_STEPS[i + 1];
    return next ? `WHEN ${hours} < ${next.from} THEN ${value}` : `ELSE ${value}`;
  });
  return `(CASE ${branches.join(' ')} END)`;
}

interface Metric {
  name: 'acknowledge' | 'feedback';
  at: (row: string) => string;
  due: string;
  depends: string[];
}
const METRICS: Metric[] = [
  { name: 'acknowledge', at: (row) => `${row}.acknowledged_at`, due: 'ack_due_at', depends: ['acknowledged_at'] },
  { name: 'feedback', at: feedbackAt, due: 'feedback_due_at', depends: ['first_feedback_at', 'closed_at'] },
];

/** +1 (upsert) or -1 on the counter row keyed by `key`, when `when` holds for the row */
function change(table: string, columns: string, key: string, when: string, delta: 1 | -1): string {
  return delta === 1
    ? `INSERT INTO ${table} (${columns}, n) SELECT ${key}, 1 WHERE ${when} ON CONFLICT DO UPDATE SET n = n + 1;`
    : `UPDATE ${table} SET n = n - 1 WHERE ${when} AND (${columns}) = (SELECT ${key});`;
}

function countChange(row: Row, delta: 1 | -1): string {
  return change('stats_counts', 'month, channel_id, category, status, outcome', `${month(row)}, ${row}.channel_id, ${row}.category, ${row}.status, COALESCE(${row}.outcome, '')`, 'true', delta);
}

function metricChange(metric: Metric, row: Row, delta: 1 | -1): string {
  const at = metric.at(row);
  const answered = `${at} IS NOT NULL`;
  const id = `'${metric.name}', ${month(row)}, ${row}.channel_id`;
  return [
    change('stats_answers', 'metric, month, channel_id, on_time', `${id}, ${at} <= ${row}.${metric.due}`, answered, delta),
    change('stats_durations', 'metric, month, channel_id, bucket', `${id}, ${bucket(at, row)}`, answered, delta),
    change('stats_unanswered', 'metric, month, channel_id, due_day', `${id}, ${row}.${metric.due} / ${DAY_MS}`, `${at} IS NULL`, delta),
  ].join('\n  ');
}

const openChange = (row: Row, delta: 1 | -1): string =>
  change('stats_open', 'day, channel_id', `${row}.created_at / ${DAY_MS}, ${row}.channel_id`, `${row}.status <> 'closed'`, delta);

const changed = (columns: string[]): string => columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

function triggers(name: string, columns: string[], body: (row: Row, delta: 1 | -1) => string): string {
  return `
CREATE TRIGGER stats_${name}_inserted AFTER INSERT ON cases BEGIN
  ${body('NEW', 1)}
END;
CREATE TRIGGER stats_${name}_changed AFTER UPDATE ON cases WHEN ${changed(columns)} BEGIN
  ${body('OLD', -1)}
  ${body('NEW', 1)}
END;`;
}

/** The same counters computed from the cases already stored (a store migrated from version 2). */
function backfill(): string {
  const perMetric = (m: Metric): string => `
INSERT INTO stats_answers (metric, month, channel_id, on_time, n)
SELECT '${m.name}', ${month('c')}, c.channel_id, ${m.at('c')} <= c.${m.due}, COUNT(*) FROM cases c WHERE ${m.at('c')} IS NOT NULL GROUP BY 1, 2, 3, 4;
INSERT INTO stats_durations (metric, month, channel_id, bucket, n)
SELECT '${m.name}', ${month('c')}, c.channel_id, ${bucket(m.at('c'), 'c')}, COUNT(*) FROM cases c WHERE ${m.at('c')} IS NOT NULL GROUP BY 1, 2, 3, 4;
INSERT INTO stats_unanswered (metric, month, channel_id, due_day, n)
SELECT '${m.name}', ${month('c')}, c.channel_id, c.${m.due} / ${DAY_MS}, COUNT(*) FROM cases c WHERE ${m.at('c')} IS NULL GROUP BY 1, 2, 3, 4;`;
  return `
INSERT INTO stats_counts (month, channel_id, category, status, outcome, n)
SELECT ${month('c')}, c.channel_id, c.category, c.status, COALESCE(c.outcome, ''), COUNT(*) FROM cases c GROUP BY 1, 2, 3, 4, 5;
${METRICS.map(perMetric).join('\n')}
INSERT INTO stats_open (day, channel_id, n)
SELECT c.created_at / ${DAY_MS}, c.channel_id, COUNT(*) FROM cases c WHERE c.status <> 'closed' GROUP BY 1, 2;`;
}

export const statsMigrationSql = `
CREATE TABLE stats_counts (
  month INTEGER NOT NULL, channel_id TEXT NOT NULL, category TEXT NOT NULL, status TEXT NOT NULL, outcome TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (month, channel_id, category, status, outcome)
) WITHOUT ROWID;
CREATE TABLE stats_answers (
  metric TEXT NOT NULL CHECK (metric IN ('acknowledge','feedback')), month INTEGER NOT NULL, channel_id TEXT NOT NULL,
  on_time INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (month, channel_id, metric, on_time)
) WITHOUT ROWID;
CREATE TABLE stats_durations (
  metric TEXT NOT NULL CHECK (metric IN ('acknowledge','feedback')), month INTEGER NOT NULL, channel_id TEXT NOT NULL,
  bucket INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (month, channel_id, metric, bucket)
) WITHOUT ROWID;
CREATE TABLE stats_unanswered (
  metric TEXT NOT NULL CHECK (metric IN ('acknowledge','feedback')), month INTEGER NOT NULL, channel_id TEXT NOT NULL,
  due_day INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (month, channel_id, metric, due_day)
) WITHOUT ROWID;
CREATE TABLE stats_open (
  day INTEGER NOT NULL, channel_id TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (day, channel_id)
) WITHOUT ROWID;

-- The exact looks at one day: unanswered cases due that day, open cases created that day.
CREATE INDEX cases_unacknowledged_due ON cases(ack_due_at) WHERE acknowledged_at IS NULL;
CREATE INDEX cases_no_feedback_due ON cases(feedback_due_at) WHERE first_feedback_at IS NULL AND closed_at IS NULL;
CREATE INDEX cases_open ON cases(created_at) WHERE status <> 'closed';
${triggers('counts', ['created_at', 'channel_id', 'category', 'status', 'outcome'], countChange)}
${METRICS.map((m) => triggers(m.name, ['created_at', 'channel_id', m.due, ...m.depends], (row, delta) => metricChange(m, row, delta))).join('\n')}
${triggers('open', ['created_at', 'channel_id', 'status'], openChange)}
${backfill()}

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
`;
