// Promises to the customer: the queue's promise column, the ticket's list of promises, the reply box's promise fields
// and the metrics' kept and broken figures. Text from the API goes in as text nodes only (dom.js).

import { countdownNode, learnClock } from './clock.js';
import { $, el } from './dom.js';
import { label, promiseKinds, promisePeriod, when, withOffset } from './format.js';

export function learnPromiseClock(promise) {
  if (promise?.state === 'open') learnClock(promise.by, promise.remainingSeconds);
}

function kindText(promise) {
  return `${label('promise', promise.kind)}${promise.estimate ? ' (estimate)' : ''}`;
}

/** The queue's cell: the open promise with the nearest date, its kind and a countdown ("overdue …" once it passed). */
export function promiseCell(summary) {
  const p = summary.promise;
  if (!p) return el('span', { className: 'muted no-promise', text: '—' });
  return el('span', { className: 'deadline-cell promise-cell', attrs: { title: `Promised by ${when(p.by)} (${p.madeBy})` } },
    el('span', { className: 'deadline-kind', text: kindText(p) }),
    countdownNode(p.by));
}

const estimateTitle = "The team's estimate from its recent pace, not a person's word; the customer was told so.";

/** The ticket's promises, oldest first: state, kind, date (open ones count down), who made it and when, when settled. */
export function renderPromises(promises) {
  const list = $('promises');
  if (!promises?.length) {
    list.replaceChildren(el('li', { className: 'muted', text: 'No promises made.' }));
    return;
  }
  list.replaceChildren(...promises.map((p) => el('li', { className: `promise promise-${p.state}` },
    el('span', { className: `badge badge-promise-${p.state}`, text: label('promiseState', p.state) }), ' ',
    el('strong', { text: label('promise', p.kind) }), ' by ',
    el('time', { text: when(p.by), attrs: { datetime: p.by ?? '' } }),
    p.state === 'open' ? el('span', {}, ' · ', countdownNode(p.by)) : null,
    p.estimate ? el('span', { className: 'badge badge-estimate', text: 'estimate', attrs: { title: estimateTitle } }) : null,
    el('span', { className: 'muted', text: ` · made by ${p.madeBy} ${when(p.madeAt)}` }),
    p.settledAt ? el('span', { className: 'muted', text: ` · settled ${when(p.settledAt)}` }) : null)));
}

// ---- the reply box ----------------------------------------------------------------------------------------------

/**
 * A promise goes out with a public reply only (an internal note never reaches the customer): while a kind is chosen the
 * date is asked for and the note button is off.
 */
export function syncPromiseFields() {
  const promising = $('promise-kind').value !== '';
  $('promise-by').disabled = !promising;
  $('promise-by').required = promising;
  const note = $('add-note');
  note.disabled = promising || $('reply').getAttribute('aria-busy') === 'true';
  if (promising) note.title = 'A promise goes with a public reply only.';
  else note.removeAttribute('title');
}

export function setupPromiseFields() {
  $('promise-kind').addEventListener('change', syncPromiseFields);
  syncPromiseFields();
}

/** { promise } ({kind, by} in this browser's offset, or null for none), or { error } when the date is missing. */
export function promiseFromFields() {
  const kind = $('promise-kind').value;
  if (!kind) return { promise: null };
  const by = withOffset($('promise-by').value);
  return by ? { promise: { kind, by } } : { error: 'Choose the date and time of the promise.' };
}

export function clearPromiseFields() {
  $('promise-kind').value = '';
  $('promise-by').value = '';
  syncPromiseFields();
}

// ---- metrics ----------------------------------------------------------------------------------------------------

export function renderPromiseMetrics(periods) {
  $('m-promises').replaceChildren(el('span', { className: 'metric-periods' }, ...(periods ?? []).map((p) =>
    el('span', { text: promisePeriod(p), attrs: { title: promiseKinds(p.byKind) } }))));
}
