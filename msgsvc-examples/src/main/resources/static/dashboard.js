'use strict';

// Lets a test tell a live update from a reload: a reload gives the page a new id.
window.__loadId = Date.now().toString(36) + Math.random().toString(36).slice(2);

const TERMINAL = new Set(['COMPLETED', 'PARTIALLY_FAILED', 'FAILED', 'REJECTED', 'CANCELLED']);
// every recipient has been sent to: only reports are awaited, nothing is left to cancel
const NOT_CANCELLABLE = new Set([...TERMINAL, 'AWAITING_RESULTS']);
// what may be paused (before or while sending); a paused one is resumed with the same button
const PAUSABLE = new Set(['SCHEDULED', 'DISPATCHING']);
const FIELD_INPUTS = { text: 'text', subject: 'subject', recipients: 'recipients', sendAt: 'send-at' };

const $ = (id) => document.getElementById(id);
const state = { apiKey: null, source: null, rows: new Map(), texts: new Map(), textRequests: new Set() };

function apiFetch(path, options = {}) {
  const headers = Object.assign({ 'X-Api-Key': state.apiKey }, options.headers || {});
  return fetch(path, Object.assign({}, options, { headers }));
}

function showConnection(kind, message) {
  const badge = $('connection');
  badge.dataset.state = kind;
  badge.textContent = message;
}

async function connect(event) {
  if (event) event.preventDefault();
  if (state.source) state.source.close();
  state.apiKey = $('api-key').value.trim();
  state.rows.clear();
  state.texts.clear();
  rowElements.clear();
  renderTable();
  showConnection('idle', 'connecting…');
  // EventSource hides the status of a refused stream, so check the key with an ordinary request first
  const check = await apiFetch('/api/billing').catch(() => null);
  if (!check || !check.ok) {
    showConnection('error', check && check.status === 401 ? 'unknown API key' : 'server not reachable');
    return;
  }
  const source = new EventSource('/api/dashboard/stream?apiKey=' + encodeURIComponent(state.apiKey));
  state.source = source;
  source.addEventListener('snapshot', (e) => applySnapshot(JSON.parse(e.data)));
  source.addEventListener('reservation', (e) => applyRow(JSON.parse(e.data)));
  source.addEventListener('totals', (e) => applyTotals(JSON.parse(e.data)));
  source.onopen = () => showConnection('live', 'live');
  // the browser reconnects by itself and the server then sends a fresh snapshot
  source.onerror = () => showConnection('error', source.readyState === EventSource.CLOSED ? 'disconnected' : 'reconnecting…');
}

function applySnapshot(snapshot) {
  state.rows.clear();
  Object.entries(snapshot.texts).forEach(([id, text]) => state.texts.set(id, text));
  snapshot.rows.forEach((row) => state.rows.set(row.reservationId, row));
  $('customer').textContent = 'of ' + snapshot.customerId;
  applyTotals(snapshot.totals);
  renderTable();
}

function applyRow(row) {
  const known = state.rows.get(row.reservationId);
  // a row already newer than this change stays as it is
  if (known && Date.parse(known.updatedAt) > Date.parse(row.updatedAt)) return;
  if (known) {
    state.rows.set(row.reservationId, row);
  } else {
    // newest first
    state.rows = new Map([[row.reservationId, row], ...state.rows]);
  }
  renderTable();
}

function applyTotals(totals) {
  const s = totals.statistics;
  $('stat-reservations').textContent = s.reservations;
  $('stat-sent').textContent = s.sent;
  $('stat-failed').textContent = s.failed;
  $('stat-rejected').textContent = s.rejected;
  $('stat-cancelled').textContent = s.cancelled;
  $('stat-submitted').textContent = s.submitted;
  $('stat-delivered').textContent = s.delivered;
  $('stat-undelivered').textContent = s.undelivered + s.expired;
  $('stat-unknown').textContent = s.unknown;
  $('bill-charges').textContent = totals.billing.charges;
  $('bill-amount').textContent = Number(totals.billing.amount).toFixed(2);
  $('bill-refunds').textContent = totals.billing.refunds;
  $('bill-net').textContent = (Number(totals.billing.amount) - Number(totals.billing.refundedAmount)).toFixed(2);
}

function textOf(id) {
  if (!state.texts.has(id) && !state.textRequests.has(id)) {
    // rows pushed live carry counts only; the text is fetched once
    state.textRequests.add(id);
    apiFetch('/api/reservations/' + id)
      .then((response) => (response.ok ? response.json() : null))
      .then((details) => {
        if (details) {
          state.texts.set(id, details.reservation.text);
          renderTable();
        }
      })
      .finally(() => state.textRequests.delete(id));
  }
  return state.texts.get(id) || '…';
}

const rowElements = new Map();

function renderTable() {
  const body = $('reservations');
  const rows = [...state.rows.values()];
  if (rows.length === 0) {
    rowElements.clear();
    body.replaceChildren(el('tr', { className: 'empty' }, el('td', { colSpan: 10 }, 'No reservations yet.')));
    return;
  }
  // the same elements are updated and reordered, so the bars animate instead of being redrawn
  body.replaceChildren(...rows.map((row) => {
    let tr = rowElements.get(row.reservationId);
    if (!tr) {
      tr = createRow(row.reservationId);
      rowElements.set(row.reservationId, tr);
    }
    updateRow(tr, row);
    return tr;
  }));
}

function createRow(id) {
  const tr = el('tr', {},
    el('td', { className: 'text', title: id }),
    el('td', {}, el('div', { className: 'progress', role: 'progressbar' },
      el('span', { className: 'sent' }), el('span', { className: 'awaiting' }), el('span', { className: 'undelivered' }),
      el('span', { className: 'failed' }), el('span', { className: 'cancelled' }),
      el('span', { className: 'label' }))),
    el('td', { className: 'sent-count' }),
    el('td', { className: 'awaiting-count' }),
    el('td', { className: 'delivered-count' }),
    el('td', { className: 'failed-count' }),
    el('td', { className: 'pending-count' }),
    el('td', { className: 'finish' }),
    el('td', {}, el('span', { className: 'status' })),
    el('td', { className: 'actions' },
      el('button', { className: 'secondary pause', type: 'button', onclick: () => pauseOrResume(id, tr) }, 'Pause'),
      el('button', { className: 'secondary cancel', type: 'button', onclick: () => cancel(id) }, 'Cancel')));
  tr.dataset.reservationId = id;
  const bar = tr.querySelector('.progress');
  bar.setAttribute('aria-valuemin', '0');
  bar.setAttribute('aria-valuemax', '100');
  return tr;
}

function updateRow(tr, row) {
  const share = (n) => (row.total === 0 ? 0 : (n * 100) / row.total) + '%';
  tr.dataset.status = row.status;
  tr.querySelector('.text').textContent = textOf(row.reservationId);
  const bar = tr.querySelector('.progress');
  bar.setAttribute('aria-valuenow', String(row.progressPercent));
  // sent splits into reached (delivered, or final without reports), still awaiting a report, and not delivered
  bar.querySelector('.sent').style.width = share(row.sent - row.awaiting - row.undelivered);
  bar.querySelector('.awaiting').style.width = share(row.awaiting);
  bar.querySelector('.undelivered').style.width = share(row.undelivered);
  bar.querySelector('.failed').style.width = share(row.failed);
  bar.querySelector('.cancelled').style.width = share(row.cancelled);
  bar.querySelector('.label').textContent = row.progressPercent + ' %';
  tr.querySelector('.sent-count').textContent = row.sent;
  tr.querySelector('.awaiting-count').textContent = row.awaiting;
  tr.querySelector('.delivered-count').textContent =
    row.delivered + row.undelivered === 0 ? row.delivered : row.delivered + ' (' + row.deliveredPercent + ' %)';
  tr.querySelector('.failed-count').textContent = row.failed + row.undelivered;
  tr.querySelector('.pending-count').textContent = row.pending;
  // at the rate measured since its dispatch began: only while it is being sent
  tr.querySelector('.finish').textContent =
    row.expectedFinishAt ? new Date(row.expectedFinishAt).toLocaleTimeString() : '';
  const status = tr.querySelector('.status');
  status.dataset.status = row.status;
  status.textContent = row.status.replaceAll('_', ' ').toLowerCase();
  tr.querySelector('button.cancel').hidden = NOT_CANCELLABLE.has(row.status);
  const pause = tr.querySelector('button.pause');
  pause.hidden = !PAUSABLE.has(row.status) && row.status !== 'PAUSED';
  pause.textContent = row.status === 'PAUSED' ? 'Resume' : 'Pause';
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'role') node.setAttribute(key, value);
    else node[key] = value;
  }
  node.append(...children);
  return node;
}

async function pauseOrResume(id, tr) {
  const action = tr.dataset.status === 'PAUSED' ? 'resume' : 'pause';
  const response = await apiFetch('/api/reservations/' + id + '/' + action, { method: 'POST' });
  if (!response.ok) showResult(await problemText(response), true);
}

async function cancel(id) {
  const response = await apiFetch('/api/reservations/' + id + '/cancel', { method: 'POST' });
  if (!response.ok) showResult(await problemText(response), true);
}

// one key per intended reservation: a double click or a retried request does not book twice
let idempotencyKey = newIdempotencyKey();
function newIdempotencyKey() {
  return 'web-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
}

async function reserve(event) {
  event.preventDefault();
  document.querySelectorAll('.invalid').forEach((input) => input.classList.remove('invalid'));
  if (!state.apiKey) await connect();
  const sendAt = $('send-at').value;
  const body = {
    text: $('text').value,
    subject: $('subject').value.trim() || null,
    recipients: $('recipients').value.split(/[\n,]+/).map((r) => r.trim()).filter((r) => r !== ''),
    sendAt: sendAt ? new Date(sendAt).toISOString() : null,
  };
  $('submit').disabled = true;
  try {
    const response = await apiFetch('/api/reservations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
      body: JSON.stringify(body),
    });
    if (response.status === 201) {
      const reservation = await response.json();
      state.texts.set(reservation.id, reservation.text);
      idempotencyKey = newIdempotencyKey();
      showResult('Reserved ' + reservation.recipients + ' recipients: ' + reservation.id, false);
      $('form-result').dataset.reservationId = reservation.id;
    } else {
      showResult(await problemText(response), true);
    }
  } catch (e) {
    showResult('Server not reachable.', true);
  } finally {
    $('submit').disabled = false;
  }
}

async function problemText(response) {
  const problem = await response.json().catch(() => ({}));
  const field = problem.field ? problem.field.replace(/\[\d+\]$/, '') : null;
  if (field && FIELD_INPUTS[field]) $(FIELD_INPUTS[field]).classList.add('invalid');
  return (problem.title || 'Error ' + response.status) + (problem.detail ? ': ' + problem.detail : '');
}

function showResult(message, isError) {
  const result = $('form-result');
  result.textContent = message;
  result.classList.toggle('error', isError);
  delete result.dataset.reservationId;
}

$('key-form').addEventListener('submit', connect);
$('reservation-form').addEventListener('submit', reserve);

// the demo profile hands out its customer's key; anywhere else the page waits for one
fetch('/demo.json')
  .then((response) => (response.ok ? response.json() : null))
  .catch(() => null)
  .then((demo) => {
    if (demo && demo.apiKey) {
      $('api-key').value = demo.apiKey;
      connect();
    } else {
      showConnection('idle', 'enter an API key');
    }
  });
