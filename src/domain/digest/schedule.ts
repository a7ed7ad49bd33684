import { parse, validateDetailed } from "node-cron";
import { EXIT_USAGE, UserError } from "../errors.js";

/** Mondays at 09:00 in the subscription's timezone. */
export const DEFAULT_DIGEST_SCHEDULE = "0 9 * * 1";

/** A schedule or timezone a digest cannot run on; the message says which and gives an example. */
export class ScheduleError extends UserError {
  constructor(message: string) {
    super(message, "digest_schedule", EXIT_USAGE);
  }
}

/** A subscription's schedule: a five-field cron expression (minute hour day-of-month month day-of-week),
 * checked with node-cron's parser when it is saved, firing at most once a day (one minute of one hour: each
 * digest covers the time since the one before, so more would only repeat itself in the channel), and a real
 * IANA timezone. */
export function validateSchedule(expression: string, timezone: string): string {
  const expr = expression.trim().replace(/\s+/g, " ");
  if (expr.split(" ").length !== 5)
    throw new ScheduleError(
      `"${expr}" is not a five-field cron expression (minute hour day month weekday), e.g. "0 9 * * 1" for Mondays at 09:00`,
    );
  const check = validateDetailed(expr);
  if (!check.valid)
    throw new ScheduleError(
      `"${expr}" is not a valid schedule: ${check.errors.map((e) => e.message).join("; ")}`,
    );
  const fields = parse(expr);
  if (fields.minute.length !== 1 || fields.hour.length !== 1)
    throw new ScheduleError(
      `"${expr}" would post more than once a day: a digest goes out at most daily, at one minute of one hour (e.g. "0 9 * * 1-5" for weekdays at 09:00)`,
    );
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
  } catch {
    throw new ScheduleError(`"${timezone}" is not a timezone such as Europe/Berlin or America/New_York`);
  }
  return expr;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "short",
    });
    formatters.set(timezone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The wall-clock fields of an instant in a timezone. */
export function localTime(at: Date, timezone: string) {
  const parts = Object.fromEntries(
    formatter(timezone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    minute: Number(parts.minute),
    hour: Number(parts.hour),
    day: Number(parts.day),
    month: Number(parts.month),
    weekday: WEEKDAYS[parts.weekday as string] as number,
  };
}

type Matcher = (at: Date) => boolean;

function matcher(expression: string, timezone: string): Matcher {
  const f = parse(expression);
  const minutes = new Set(f.minute);
  const hours = new Set(f.hour);
  const days = new Set(f.dayOfMonth.map(Number));
  const months = new Set(f.month);
  const weekdays = new Set(f.dayOfWeek.map((d) => Number(d) % 7));
  // Cron's rule: when both day fields are restricted, either may match.
  const dayRestricted = days.size < 31;
  const weekdayRestricted = weekdays.size < 7;
  return (at) => {
    const t = localTime(at, timezone);
    if (!minutes.has(t.minute) || !hours.has(t.hour) || !months.has(t.month)) return false;
    const dayOk = days.has(t.day);
    const weekdayOk = weekdays.has(t.weekday);
    if (dayRestricted && weekdayRestricted) return dayOk || weekdayOk;
    return dayOk && weekdayOk;
  };
}

const MINUTE = 60_000;

/** The latest scheduled minute in (now − graceMs, now], if any: the digest that is due now, or the one the
 * app missed while it was down (never an older one). Minutes whose local minute-of-hour cannot match are
 * skipped without a timezone conversion. */
export function latestOccurrence(
  expression: string,
  timezone: string,
  now: Date,
  graceMs: number,
): Date | undefined {
  const matches = matcher(expression, timezone);
  const minutes = new Set(parse(expression).minute);
  const end = Math.floor(now.getTime() / MINUTE) * MINUTE;
  const start = end - graceMs;
  for (let t = end; t > start; t -= MINUTE) {
    const at = new Date(t);
    // Offsets are whole quarter hours; the local minute is the UTC minute shifted by the zone's offset.
    const local = localTime(at, timezone).minute;
    if (!minutes.has(local)) {
      t -= MINUTE * (((local - nextBelow(minutes, local) + 60) % 60) - 1);
      continue;
    }
    if (matches(at)) return at;
  }
  return undefined;
}

/** The nearest allowed minute at or below `m` (wrapping round the hour). */
function nextBelow(allowed: ReadonlySet<number>, m: number): number {
  for (let i = 1; i <= 60; i++) {
    const c = (m - i + 60) % 60;
    if (allowed.has(c)) return c;
  }
  return m;
}

/** The period key of an occurrence: its minute in UTC. One digest per channel and key. */
export function periodKey(occurrence: Date): string {
  return occurrence.toISOString().slice(0, 16);
}
