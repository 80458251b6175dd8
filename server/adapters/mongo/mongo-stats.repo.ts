/**
 * Statistics on MongoDB: aggregation pipelines over the cases collection. Each pipeline
 * starts with a $match on the indexes declared for it in mongo-models.ts (creation time,
 * then channel; the unanswered and open cases through indexes led by the answer fields or
 * the status), so it reads the period asked for and nothing else. Months, buckets and
 * the feedback moment follow the definitions of stats.port.ts, as the SQLite triggers do.
 */
import type { FilterQuery, PipelineStage } from 'mongoose';
import type {
  AnsweredRow, CaseCountRow, DurationMetric, DurationRow, OpenAgeRow, PendingRow, StatsQuery, StatsRepo,
} from '../../ports/stats.port';
import { BUCKET_STEPS, DURATION_METRICS, OPEN_AGE_BOUNDS_DAYS, isMonthStart } from '../../ports/stats.port';
import type { CaseOutcome, CaseStatus } from '../../ports/store.port';
import type { CaseDoc, Models } from './mongo-models';

const DAY_MS = 24 * 60 * 60 * 1000;
const MONTH = { $dateToString: { format: '%Y-%m', date: '$createdAt', timezone: 'UTC' } };

/** the first answer to the reporter: a message, or the closing when it came first ($min skips nulls) */
const ANSWERED_AT: Record<DurationMetric, unknown> = { acknowledge: '$acknowledgedAt', feedback: { $min: ['$firstFeedbackAt', '$closedAt'] } };
const DUE_AT: Record<DurationMetric, string> = { acknowledge: '$ackDueAt', feedback: '$feedbackDueAt' };
/** cases not answered yet, in the shape the answer indexes serve */
const UNANSWERED: Record<DurationMetric, FilterQuery<CaseDoc>> = {
  acknowledge: { acknowledgedAt: null },
  feedback: { firstFeedbackAt: null, closedAt: null },
};

function period(query: StatsQuery): FilterQuery<CaseDoc> {
  if (!isMonthStart(query.from) || !isMonthStart(query.to)) throw new Error('statistics periods start and end on UTC month starts');
  return { createdAt: { $gte: query.from, $lt: query.to }, ...(query.channelId === null ? {} : { channelId: query.channelId }) };
}

/** stats.port.ts durationBucketHours as an aggregation expression */
function bucketOf(answeredAt: unknown): unknown {
  const hours = { $floor: { $divide: [{ $max: [0, { $subtract: [answeredAt, '$createdAt'] }] }, 3_600_000] } };
  const value = (step: { from: number; width: number }) => ({ $add: [step.from, { $multiply: [{ $floor: { $divide: [{ $subtract: [hours, step.from] }, step.width] } }, step.width] }] });
  const branches = BUCKET_STEPS.slice(0, -1).map((step, i) => ({ case: { $lt: [hours, BUCKET_STEPS[i + 1]?.from ?? 0] }, then: value(step) }));
  return { $switch: { branches, default: value(BUCKET_STEPS[BUCKET_STEPS.length - 1] ?? { from: 0, width: 1 }) } };
}

interface Grouped<K> {
  _id: K;
  count: number;
}

export class MongoStatsRepo implements StatsRepo {
  constructor(private readonly models: Models) {}

  async counts(query: StatsQuery): Promise<CaseCountRow[]> {
    const rows = await this.models.cases.aggregate<Grouped<{ month: string; channelId: string; category: string; status: string; outcome: string | null }>>([
      { $match: period(query) },
      { $group: { _id: { month: MONTH, channelId: '$channelId', category: '$category', status: '$status', outcome: '$outcome' }, count: { $sum: 1 } } },
    ]);
    // Only this store writes these fields, from the port's own enumerations.
    return rows.map(({ _id, count }) => ({
      month: _id.month, channelId: _id.channelId, category: _id.category, status: _id.status as CaseStatus,
      outcome: (_id.outcome ?? null) as CaseOutcome | null, count,
    }));
  }

  /** answered cases of one metric, with the answer's moment and due date */
  private answeredStages(query: StatsQuery, metric: DurationMetric): PipelineStage[] {
    return [
      { $match: period(query) },
      { $project: { createdAt: 1, channelId: 1, at: ANSWERED_AT[metric], due: DUE_AT[metric] } },
      { $match: { at: { $ne: null } } },
    ];
  }

  async answered(query: StatsQuery): Promise<AnsweredRow[]> {
    const perMetric = async (metric: DurationMetric): Promise<AnsweredRow[]> => {
      const rows = await this.models.cases.aggregate<Grouped<{ month: string; channelId: string; onTime: boolean }>>([
        ...this.answeredStages(query, metric),
        { $group: { _id: { month: MONTH, channelId: '$channelId', onTime: { $lte: ['$at', '$due'] } }, count: { $sum: 1 } } },
      ]);
      return rows.map(({ _id, count }) => ({ metric, month: _id.month, channelId: _id.channelId, onTime: _id.onTime, count }));
    };
    return (await Promise.all(DURATION_METRICS.map(perMetric))).flat();
  }

  async durations(query: StatsQuery): Promise<DurationRow[]> {
    const perMetric = async (metric: DurationMetric): Promise<DurationRow[]> => {
      const rows = await this.models.cases.aggregate<Grouped<{ channelId: string; bucket: number }>>([
        ...this.answeredStages(query, metric),
        { $group: { _id: { channelId: '$channelId', bucket: bucketOf('$at') }, count: { $sum: 1 } } },
      ]);
      return rows.map(({ _id, count }) => ({ metric, channelId: _id.channelId, bucketHours: _id.bucket, count }));
    };
    return (await Promise.all(DURATION_METRICS.map(perMetric))).flat();
  }

  async pending(query: StatsQuery, now: Date): Promise<PendingRow[]> {
    const perMetric = async (metric: DurationMetric): Promise<PendingRow[]> => {
      const rows = await this.models.cases.aggregate<Grouped<{ month: string; channelId: string; overdue: boolean }>>([
        { $match: { ...UNANSWERED[metric], ...period(query) } },
        { $group: { _id: { month: MONTH, channelId: '$channelId', overdue: { $lt: [DUE_AT[metric], now] } }, count: { $sum: 1 } } },
      ]);
      return rows.map(({ _id, count }) => ({ metric, month: _id.month, channelId: _id.channelId, overdue: _id.overdue, count }));
    };
    return (await Promise.all(DURATION_METRICS.map(perMetric))).flat();
  }

  async openByAge(query: StatsQuery, now: Date): Promise<OpenAgeRow[]> {
    const age = { $subtract: [now, '$createdAt'] };
    const branches = OPEN_AGE_BOUNDS_DAYS.map((days, i) => ({ case: { $lt: [age, days * DAY_MS] }, then: i }));
    const rows = await this.models.cases.aggregate<Grouped<{ channelId: string; bucket: number }>>([
      { $match: { status: { $ne: 'closed' }, ...period(query) } },
      { $group: { _id: { channelId: '$channelId', bucket: { $switch: { branches, default: OPEN_AGE_BOUNDS_DAYS.length } } }, count: { $sum: 1 } } },
    ]);
    return rows.map(({ _id, count }) => ({ channelId: _id.channelId, bucket: _id.bucket, count }));
  }
}
