// Pure formatting helpers: no DOM, no network.

const labels = {
  status: { open: 'Open', pendingCustomer: 'Pending on customer', solved: 'Solved', closed: 'Closed' },
  priority: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
  deadline: { firstResponse: 'First response', nextUpdate: 'Next update', resolution: 'Resolution' },
  direction: { inbound: 'Customer', outbound: 'Agent reply', note: 'Internal note' },
  language: { en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español' },
  rating: { good: 'Good', bad: 'Bad' },
  promise: { firstResponse: 'First response', update: 'Update', resolution: 'Resolution' },
  promiseState: { open: 'Open', kept: 'Kept', broken: 'Broken', replaced: 'Replaced' },
};

export function label(kind, value) {
  return labels[kind]?.[value] ?? value ?? '';
}

/** "2d 3h", "2h 14m", "14m", "45s" — the two largest units, rounded down. */
export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m`;
  return `${s % 60}s`;
}

/** "2h 14m left" or "overdue 35m". */
export function countdown(remainingSeconds) {
  return remainingSeconds >= 0 ? `${duration(remainingSeconds)} left` : `overdue ${duration(-remainingSeconds)}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function when(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : dateTime.format(date);
}

export function bytes(length) {
  if (typeof length !== 'number') return '';
  if (length < 1024) return `${length} B`;
  if (length < 1024 * 1024) return `${(length / 1024).toFixed(1)} KiB`;
  return `${(length / (1024 * 1024)).toFixed(1)} MiB`;
}

export function percent(fraction) {
  return typeof fraction === 'number' ? `${Math.round(fraction * 1000) / 10}%` : '–';
}

export function customer(c) {
  if (!c) return '';
  return c.name ? `${c.name} <${c.address}>` : c.address ?? '';
}

/** "80% good · 12 answers" for one CSAT period, or "no answers". */
export function csat(period) {
  if (!period || !period.answered) return `${period?.days ?? '?'} days: no answers`;
  return `${period.days} days: ${percent(period.goodShare)} good (${period.answered} answer${period.answered === 1 ? '' : 's'})`;
}

/** "7 days: 3 kept, 1 broken (75% kept)" for one promise period, or "7 days: none kept or broken". */
export function promisePeriod(period) {
  const settled = (period?.kept ?? 0) + (period?.broken ?? 0);
  if (!settled) return `${period?.days ?? '?'} days: none kept or broken`;
  return `${period.days} days: ${period.kept} kept, ${period.broken} broken (${percent(period.keptShare)} kept)`;
}

/** "First response 2/1 · Update 1/0 · Resolution 0/0 (kept/broken)". */
export function promiseKinds(byKind) {
  const kinds = Object.keys(labels.promise).map((kind) =>
    `${label('promise', kind)} ${byKind?.[kind]?.kept ?? 0}/${byKind?.[kind]?.broken ?? 0}`);
  return `${kinds.join(' · ')} (kept/broken)`;
}

/**
 * A datetime-local value ("2026-12-11T17:00") as ISO 8601 with this browser's offset at that time
 * ("2026-12-11T17:00:00+01:00"); null when it is not one. A time the clocks skip is moved on as Date moves it.
 */
export function withOffset(local) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(local ?? '');
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const date = new Date(year, month - 1, day, hour, minute, second);
  if (Number.isNaN(date.getTime())) return null;
  const pad = (n, width = 2) => String(n).padStart(width, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const ymd = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return `${ymd}T${time}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}
