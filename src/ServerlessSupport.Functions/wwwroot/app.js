// The agents' dashboard. Everything that came from an email (or any API field) reaches the page through textContent or
// createTextNode only, never innerHTML, so no markup from a customer can execute; the CSP forbids inline script as well.

import { api, ApiError, session } from './api.js';
import { countdownNode, learnClock, tick } from './clock.js';
import { $, el } from './dom.js';
import { bytes, csat, customer, duration, label, percent, when } from './format.js';
import { closeProfile, setupProfile } from './profile.js';
import {
  clearPromiseFields, learnPromiseClock, promiseCell, promiseFromFields, renderPromiseMetrics, renderPromises, setupPromiseFields,
  syncPromiseFields,
} from './promises.js';

const refreshSeconds = 30;
const pageSize = 50;

const state = {
  agent: null,
  languages: [],
  items: [],
  continuation: null,
  ticket: null,
  controlsDirty: false,
  refreshTimer: 0,
  tickTimer: 0,
};

function notify(message, kind = 'info') {
  const notice = $('notice');
  notice.textContent = message;
  notice.className = `notice notice-${kind}`;
  notice.hidden = !message;
}

function failed(error, what) {
  if (error instanceof ApiError && error.status === 401) {
    signOut('Your key is no longer accepted. Sign in again.');
    return;
  }
  notify(`${what}: ${error.message}`, 'error');
}

// ---- sign-in ----------------------------------------------------------------------------------------------------

async function start() {
  $('sign-in-form').addEventListener('submit', onSignIn);
  $('sign-out').addEventListener('click', () => signOut('Signed out.'));
  $('filters').addEventListener('change', () => loadQueue());
  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    loadQueue();
  });
  $('refresh').addEventListener('click', () => refreshAll());
  $('load-more').addEventListener('click', () => loadQueue(true));
  $('close-ticket').addEventListener('click', () => {
    window.location.hash = '';
  });
  $('controls').addEventListener('input', () => {
    state.controlsDirty = true;
  });
  $('controls').addEventListener('submit', onSaveControls);
  $('reply').addEventListener('submit', onReply);
  setupPromiseFields();
  setupProfile({ notify, failed });
  window.addEventListener('hashchange', route);

  if (session.key) {
    try {
      const me = await api.me();
      enter(me);
      return;
    } catch (error) {
      session.key = null;
      if (!(error instanceof ApiError && error.status === 401)) notify(`Could not reach the API: ${error.message}`, 'error');
    }
  }
  showSignIn();
}

function showSignIn() {
  $('app').hidden = true;
  $('who').hidden = true;
  $('sign-in').hidden = false;
  $('api-key').focus();
}

async function onSignIn(event) {
  event.preventDefault();
  const key = $('api-key').value.trim();
  const error = $('sign-in-error');
  error.hidden = true;
  if (!key) return;
  try {
    const me = await api.me(key);
    session.key = key;
    $('api-key').value = '';
    notify('');
    enter(me);
  } catch (e) {
    error.textContent = e instanceof ApiError && e.status === 401 ? 'That key was not accepted.' : `Sign-in failed: ${e.message}`;
    error.hidden = false;
  }
}

function enter(me) {
  const agent = me.agent;
  state.agent = agent;
  state.languages = me.languages ?? [];
  $('c-language').replaceChildren(...state.languages.map((l) =>
    el('option', { text: label('language', l), attrs: { value: l } })));
  $('agent-name').textContent = agent;
  $('who').hidden = false;
  $('sign-in').hidden = true;
  $('app').hidden = false;
  refreshAll();
  route();
  clearInterval(state.refreshTimer);
  clearInterval(state.tickTimer);
  state.refreshTimer = setInterval(refreshAll, refreshSeconds * 1000);
  state.tickTimer = setInterval(tick, 1000);
}

function signOut(message) {
  session.key = null;
  closeProfile();
  clearInterval(state.refreshTimer);
  clearInterval(state.tickTimer);
  Object.assign(state, { agent: null, items: [], continuation: null, ticket: null });
  $('queue-body').replaceChildren();
  $('ticket').hidden = true;
  $('thread').replaceChildren();
  if (window.location.hash) history.replaceState(null, '', window.location.pathname);
  notify(message);
  showSignIn();
}

function refreshAll() {
  loadQueue();
  loadMetrics();
  loadIntake();
  if (state.ticket) loadTicket(state.ticket.ticket.id, { quiet: true });
}

// ---- deadlines --------------------------------------------------------------------------------------------------

function deadlineCell(summary) {
  if (summary.nextDeadline) {
    const cell = el('span', { className: 'deadline-cell' },
      el('span', { className: 'deadline-kind', text: label('deadline', summary.nextDeadline.kind) }),
      countdownNode(summary.nextDeadline.dueAt));
    if (summary.risk === 'atRisk') cell.append(el('span', { className: 'badge badge-atRisk', text: 'At risk' }));
    if (summary.risk === 'breached') cell.append(el('span', { className: 'badge badge-breached', text: 'Breached' }));
    return cell;
  }
  const text = { pendingCustomer: 'Paused (waiting on customer)', solved: 'Solved', closed: 'Closed' }[summary.status] ?? 'No deadline';
  return el('span', { className: 'muted no-deadline', text });
}

// ---- queue ------------------------------------------------------------------------------------------------------

function filters() {
  const form = new FormData($('filters'));
  return {
    status: form.get('status'),
    priority: form.get('priority'),
    assignee: String(form.get('assignee') ?? '').trim(),
    risk: form.get('risk'),
  };
}

async function loadQueue(more = false) {
  try {
    const page = await api.tickets({ ...filters(), pageSize, continuation: more ? state.continuation : undefined });
    const items = page.items ?? [];
    state.items = more ? state.items.concat(items) : items;
    state.continuation = page.continuation ?? null;
    for (const item of items) {
      learnClock(item.nextDeadline?.dueAt, item.nextDeadline?.remainingSeconds);
      learnPromiseClock(item.promise);
    }
    renderQueue();
    $('queue-updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    failed(error, 'Could not load the queue');
  }
}

function renderQueue() {
  const rows = state.items.map((item) => {
    const href = `#ticket/${encodeURIComponent(item.id)}`;
    const row = el('tr', { className: `risk-${item.risk ?? 'ok'}`, attrs: { 'data-ticket': item.id } },
      el('td', {}, el('a', { text: item.id, attrs: { href } })),
      el('td', { className: 'subject' }, el('a', { text: item.subject || '(no subject)', attrs: { href } })),
      el('td', { className: 'customer', text: item.customer?.name || item.customer?.address || '', attrs: { title: customer(item.customer) } }),
      el('td', {}, el('span', { className: 'lang', text: item.language ?? '', attrs: { title: label('language', item.language) } })),
      el('td', {}, el('span', { className: `priority priority-${item.priority}`, text: label('priority', item.priority) })),
      el('td', { text: label('status', item.status) }),
      el('td', { text: item.assignee || '—' }),
      el('td', { className: 'sla' }, deadlineCell(item)),
      el('td', { className: 'promise' }, promiseCell(item)));
    if (state.ticket?.ticket.id === item.id) row.classList.add('selected');
    return row;
  });
  $('queue-body').replaceChildren(...rows);
  $('queue-empty').hidden = rows.length > 0;
  $('load-more').hidden = !state.continuation;
}

// ---- ticket -----------------------------------------------------------------------------------------------------

function route() {
  const match = /^#ticket\/(.+)$/.exec(window.location.hash);
  if (match && state.agent) {
    loadTicket(decodeURIComponent(match[1]), { focus: true });
  } else {
    state.ticket = null;
    $('ticket').hidden = true;
    renderQueue();
  }
}

async function loadTicket(id, { focus = false, quiet = false } = {}) {
  try {
    const detail = await api.ticket(id);
    if (!quiet || state.ticket?.ticket.id === id) renderTicket(detail, { resetControls: !quiet || !state.controlsDirty });
    if (focus) $('ticket').focus();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      notify(`Ticket ${id} was not found.`, 'error');
      window.location.hash = '';
      return;
    }
    failed(error, 'Could not load the ticket');
  }
}

function renderTicket(detail, { resetControls = true } = {}) {
  state.ticket = detail;
  const t = detail.ticket;
  learnClock(t.nextDeadline?.dueAt, t.nextDeadline?.remainingSeconds);
  learnPromiseClock(t.promise);
  $('ticket').hidden = false;
  $('ticket-title').textContent = `#${t.id} · ${t.subject || '(no subject)'}`;

  const meta = [
    `From ${customer(t.customer)}`,
    `${label('status', t.status)}`,
    `${label('priority', t.priority)} priority`,
    t.assignee ? `assigned to ${t.assignee}` : 'unassigned',
    `writes in ${label('language', t.language)}`,
    `opened ${when(t.createdAt)}`,
  ];
  if (t.firstRespondedAt) meta.push(`first response ${when(t.firstRespondedAt)}`);
  if (t.solvedAt) meta.push(`solved ${when(t.solvedAt)}`);
  $('ticket-meta').textContent = meta.join(' · ');
  const people = (t.participants ?? []).map(customer);
  $('ticket-people').textContent = people.length
    ? `Participants (copied by the customer; may write in, copied on replies): ${people.join(', ')}`
    : 'No participants.';
  if (t.customerUtcOffset) $('ticket-people').textContent += ` · Customer's time: UTC${t.customerUtcOffset}`;

  const survey = $('ticket-survey');
  survey.hidden = !t.survey;
  if (t.survey) {
    survey.className = `survey survey-${t.survey.rating}`;
    survey.replaceChildren(
      el('strong', { text: `Survey: ${label('rating', t.survey.rating)}` }),
      ` (resolution ${t.survey.resolution}, ${when(t.survey.answeredAt)})`,
      t.survey.comment ? el('span', { className: 'survey-comment', text: ` “${t.survey.comment}”` }) : null);
  }

  const deadline = $('ticket-deadline');
  deadline.className = `deadline risk-${t.risk ?? 'ok'}`;
  deadline.replaceChildren(t.nextDeadline
    ? el('span', {}, `${label('deadline', t.nextDeadline.kind)} due ${when(t.nextDeadline.dueAt)}: `, countdownNode(t.nextDeadline.dueAt))
    : deadlineCell(t));
  renderPromises(t.promises);

  if (resetControls) {
    $('c-status').value = t.status;
    $('c-priority').value = t.priority;
    $('c-assignee').value = t.assignee ?? '';
    $('c-language').value = t.language;
    state.controlsDirty = false;
  }

  $('thread').replaceChildren(...(detail.messages ?? []).map(messageNode));
  $('events').replaceChildren(...(detail.events ?? []).map((e) =>
    el('li', {}, el('time', { text: when(e.at), attrs: { datetime: e.at ?? '' } }), ' ',
      el('strong', { text: e.kind }), e.actor ? ` by ${e.actor}` : '', e.detail ? ` — ${e.detail}` : '')));
  $('outbox').replaceChildren(...(detail.outbox ?? []).map((o) =>
    el('li', { className: o.error ? 'outbox-error' : '' },
      el('strong', { text: o.kind }), ` · ${o.state} · to ${[].concat(o.to ?? []).join(', ')}`,
      o.subject ? ` · “${o.subject}”` : '', o.sentAt ? ` · sent ${when(o.sentAt)}` : '', o.error ? ` · ${o.error}` : '')));

  for (const row of document.querySelectorAll('#queue-body tr')) {
    row.classList.toggle('selected', row.dataset.ticket === t.id);
  }
}

function messageNode(m) {
  const classes = ['message', `message-${m.direction}`];
  if (m.automatic) classes.push('message-automatic');
  if (m.unverifiedSender) classes.push('message-unverified');
  const who = m.authorName && m.authorName !== m.author ? `${m.authorName}${m.author ? ` <${m.author}>` : ''}` : (m.author ?? '');
  const header = el('header', { className: 'message-head' },
    el('span', { className: 'direction', text: label('direction', m.direction) }),
    el('span', { className: 'author', text: who }),
    el('time', { text: when(m.at), attrs: { datetime: m.at ?? '' } }));
  if (m.automatic) header.append(el('span', { className: 'badge badge-automatic', text: `Automatic mail: ${m.automatic}` }));
  if (m.unverifiedSender) {
    header.append(el('span', { className: 'badge badge-unverified', text: 'Unverified sender: neither the customer nor a participant; changed nothing' }));
  }

  const item = el('li', { className: classes.join(' ') }, header);
  if (m.subject) item.append(el('p', { className: 'message-subject', text: m.subject }));
  item.append(el('div', { className: 'message-body', text: m.text ?? '' }));
  if (m.fullText && m.fullText !== m.text) {
    item.append(el('details', { className: 'quoted' },
      el('summary', { text: 'Show the full message' }),
      el('div', { className: 'message-body', text: m.fullText })));
  }
  if (m.attachments?.length) {
    item.append(el('ul', { className: 'attachments', attrs: { 'aria-label': 'Attachments' } },
      ...m.attachments.map((a) => el('li', { text: `${a.fileName} (${a.contentType}, ${bytes(a.length)})` }))));
  }
  return item;
}

async function onReply(event) {
  event.preventDefault();
  if (!state.ticket) return;
  const isPublic = event.submitter?.value !== 'note';
  const textarea = $('reply-text');
  const text = textarea.value;
  if (!text.trim()) {
    notify('Write something first.', 'error');
    textarea.focus();
    return;
  }
  const { promise, error: promiseError } = isPublic ? promiseFromFields() : { promise: null };
  if (promiseError) {
    notify(promiseError, 'error');
    $('promise-by').focus();
    return;
  }
  const { id, version } = state.ticket.ticket;
  setBusy('reply', true);
  try {
    const detail = await api.reply(id, text, isPublic, version, promise);
    textarea.value = '';
    clearPromiseFields();
    if (detail?.ticket) renderTicket(detail, { resetControls: !state.controlsDirty });
    else await loadTicket(id);
    notify(isPublic ? `Reply sent to the customer${promise ? ', with the promise' : ''}.` : 'Internal note added.', 'success');
    loadQueue();
    loadMetrics();
  } catch (error) {
    await handleChangeError(error, id, 'Your text is kept: check the thread and send again.');
  } finally {
    setBusy('reply', false);
    syncPromiseFields();
  }
}

async function onSaveControls(event) {
  event.preventDefault();
  if (!state.ticket) return;
  const t = state.ticket.ticket;
  const changes = {};
  if ($('c-status').value !== t.status) changes.status = $('c-status').value;
  if ($('c-priority').value !== t.priority) changes.priority = $('c-priority').value;
  const assignee = $('c-assignee').value.trim();
  if (assignee !== (t.assignee ?? '')) changes.assignee = assignee;
  if ($('c-language').value && $('c-language').value !== t.language) changes.language = $('c-language').value;
  if (Object.keys(changes).length === 0) {
    notify('Nothing to change.');
    return;
  }
  setBusy('controls', true);
  try {
    const detail = await api.update(t.id, changes, t.version);
    if (detail?.ticket?.id) renderTicket(detail);
    else await loadTicket(t.id);
    notify('Ticket updated.', 'success');
    loadQueue();
    loadMetrics();
  } catch (error) {
    await handleChangeError(error, t.id, 'Check its state and make your change again.');
  } finally {
    setBusy('controls', false);
  }
}

async function handleChangeError(error, id, advice) {
  if (error instanceof ApiError && error.status === 409) {
    await loadTicket(id);
    notify(`Someone else changed this ticket meanwhile; it has been reloaded. ${advice}`, 'error');
    return;
  }
  failed(error, 'The change was not saved');
}

function setBusy(formId, busy) {
  for (const button of $(formId).querySelectorAll('button')) button.disabled = busy;
  $(formId).setAttribute('aria-busy', String(busy));
}

// ---- metrics and intake -----------------------------------------------------------------------------------------

async function loadMetrics() {
  try {
    const m = await api.metrics();
    const ack = m.ackLatency ?? {};
    $('m-ack').textContent = ack.samples ? `${duration(ack.p50Seconds)} (${ack.samples} tickets)` : 'no samples yet';
    const first = m.firstResponse ?? {};
    const total = (first.met ?? 0) + (first.missed ?? 0);
    $('m-first').textContent = total ? `${percent(first.attainment)} (${first.met} met, ${first.missed} missed)` : 'no samples yet';
    const open = m.openByPriority ?? {};
    $('m-open').replaceChildren(...['urgent', 'high', 'normal', 'low'].map((p) =>
      el('span', { className: `priority priority-${p}`, text: `${label('priority', p)} ${open[p] ?? 0}` })));
    $('m-esc').textContent = String(m.escalationsToday ?? 0);
    $('m-csat').replaceChildren(el('span', { className: 'metric-periods' }, ...(m.csat ?? []).map((p) => el('span', { text: csat(p) }))));
    renderPromiseMetrics(m.promises);
  } catch (error) {
    failed(error, 'Could not load the metrics');
  }
}

async function loadIntake() {
  try {
    const data = await api.intakeRecords(50);
    const records = Array.isArray(data) ? data : (data?.items ?? data?.records ?? []);
    const list = $('intake-list');
    if (records.length === 0) {
      list.replaceChildren(el('li', { className: 'muted', text: 'Nothing here.' }));
      return;
    }
    list.replaceChildren(...records.map(intakeNode));
  } catch (error) {
    failed(error, 'Could not load the intake records');
  }
}

function intakeNode(r) {
  const item = el('li', { className: `intake-${r.kind}` },
    el('span', { className: 'badge', text: r.kind }), ' ',
    el('time', { text: when(r.at), attrs: { datetime: r.at ?? '' } }), ' ',
    r.from ? `${r.from} · ` : '', r.subject ? `“${r.subject}” · ` : '', r.reason ?? '');
  if (r.outcome) {
    const what = r.outcome === 'recovered' ? `recovered into #${r.ticket}` : 'dismissed';
    item.append(' ', el('span', { className: 'intake-outcome', text: `— ${what} by ${r.outcomeBy} ${when(r.outcomeAt)}` }));
    if (r.outcome === 'recovered' && r.ticket) item.append(' ', el('a', { text: 'open', attrs: { href: `#ticket/${encodeURIComponent(r.ticket)}` } }));
  }
  if (r.outcome !== 'recovered') {
    const actions = el('span', { className: 'intake-actions' });
    if (r.recoverable) {
      const recover = el('button', { text: 'Turn into ticket', attrs: { type: 'button' } });
      recover.addEventListener('click', () => decideIntake(r, 'recover'));
      actions.append(recover);
    }
    if (!r.outcome) {
      const dismiss = el('button', { className: 'secondary', text: 'Dismiss', attrs: { type: 'button' } });
      dismiss.addEventListener('click', () => decideIntake(r, 'dismiss'));
      actions.append(dismiss);
    }
    item.append(actions);
  }
  return item;
}

async function decideIntake(record, what) {
  try {
    const result = what === 'recover' ? await api.recoverIntake(record.id) : await api.dismissIntake(record.id);
    notify(what === 'recover' ? `Recovered into ticket ${result.ticket}.` : 'Intake record dismissed.', 'success');
    loadIntake();
    loadQueue();
  } catch (error) {
    failed(error, what === 'recover' ? 'Could not recover the record' : 'Could not dismiss the record');
  }
}

start();
