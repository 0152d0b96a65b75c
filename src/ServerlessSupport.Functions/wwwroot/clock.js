// Live countdowns that follow the server's clock rather than this browser's.

import { el } from './dom.js';
import { countdown } from './format.js';

// Server clock minus this browser's clock, from the last response with a countdown.
let clockOffsetMs = 0;

/** Learns the server's clock from a due date and the seconds the server said were left then. */
export function learnClock(dueAt, remaining) {
  if (dueAt && typeof remaining === 'number') {
    const serverNow = Date.parse(dueAt) - remaining * 1000;
    if (!Number.isNaN(serverNow)) clockOffsetMs = serverNow - Date.now();
  }
}

export function remainingSeconds(dueAtMs) {
  return (dueAtMs - (Date.now() + clockOffsetMs)) / 1000;
}

/** A live countdown to dueAt (ISO 8601): tick() rewrites every element holding data-due once a second. */
export function countdownNode(dueAt) {
  const due = Date.parse(dueAt);
  const remaining = remainingSeconds(due);
  const node = el('span', { className: remaining < 0 ? 'countdown overdue' : 'countdown', attrs: { 'data-due': String(due) } });
  node.textContent = countdown(remaining);
  return node;
}

export function tick() {
  for (const node of document.querySelectorAll('[data-due]')) {
    const remaining = remainingSeconds(Number(node.dataset.due));
    node.textContent = countdown(remaining);
    node.classList.toggle('overdue', remaining < 0);
    // An SLA deadline passing breaches the ticket: its row turns red before the next refresh says so. A promise's
    // date passing shows in its own cell.
    const row = node.closest('td.sla')?.closest('tr');
    if (row && remaining < 0) row.classList.add('risk-breached');
  }
}
