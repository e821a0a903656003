'use strict';

// Lets a test tell a live update from a reload: a reload gives the page a new id.
window.__loadId = Date.now().toString(36) + Math.random().toString(36).slice(2);

// every path is relative to the page, which lives at <base-path>/
const API = 'api/';
const PAGE_SIZE = 50;
const DELIVERY_SLICE = 100;
const STATISTICS_REFRESH_MS = 3000;
const RANGES = { '24h': 24 * 3600e3, '7d': 7 * 24 * 3600e3, '30d': 30 * 24 * 3600e3 };

const $ = (id) => document.getElementById(id);
const state = {
  me: null,
  customerId: null, // the customer shown; null: the viewer's own, or every customer for an operator
  source: null,
  page: 0,
  totalPages: 0,
  totalItems: 0,
  rows: new Map(), // reservationId -> row of the API (progress replaced by live updates)
  open: null, // reservationId whose drill-down is open
  loads: 0, // list reads in flight: live updates wait in pending until they are done, then apply on the new list
  loadSeq: 0, // only the latest list read is shown
  pending: new Map(), // reservationId -> newest live update that came while the list was being read
  statisticsDue: false,
};

function query(params) {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => { if (v !== null && v !== undefined && v !== '') q.set(k, v); });
  const text = q.toString();
  return text ? '?' + text : '';
}

async function api(path, params = {}) {
  return answer(await fetch(API + path + query(params),
    { headers: { Accept: 'application/json' }, credentials: 'same-origin' }));
}

// a change, as form fields; the host's Spring Security checks the CSRF token of its XSRF-TOKEN cookie
async function post(path, fields = {}) {
  const body = new URLSearchParams();
  Object.entries(fields).forEach(([k, v]) => { if (v !== null && v !== undefined && v !== '') body.set(k, v); });
  const headers = { Accept: 'application/json' };
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  if (cookie) headers['X-XSRF-TOKEN'] = decodeURIComponent(cookie.slice('XSRF-TOKEN='.length));
  return answer(await fetch(API + path + query({ customerId: state.customerId }),
    { method: 'POST', headers, body, credentials: 'same-origin' }));
}

async function answer(response) {
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = body || {};
    const title = problem.title || 'Error ' + response.status;
    const error = new Error(title + (problem.detail ? ': ' + problem.detail : ''));
    error.status = response.status;
    error.field = problem.field;
    throw error;
  }
  return body;
}

function showConnection(kind, message) {
  const badge = $('connection');
  badge.dataset.state = kind;
  badge.textContent = message;
}

const time = (iso) => (iso ? new Date(iso).toLocaleString() : '');
const words = (constant) => (constant ? constant.replaceAll('_', ' ').toLowerCase() : '');

function money(amount, currency) {
  const value = Number(amount);
  if (currency && currency !== 'XXX') {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
    } catch (e) { /* an unknown code: shown plainly below */ }
  }
  return value.toFixed(2) + (currency && currency !== 'XXX' ? ' ' + currency : '');
}

async function start() {
  try {
    state.me = await api('me');
  } catch (e) {
    showConnection('error', e.status === 401 || e.status === 403 ? 'not signed in' : 'server not reachable');
    return;
  }
  $('viewer').textContent = state.me.name + (state.me.operator ? ' (operator)' : '');
  if (state.me.operator) {
    $('customer-form').hidden = false;
    state.customerId = new URLSearchParams(location.search).get('customerId') || null;
    $('customer-id').value = state.customerId || '';
  }
  if (state.me.actions) $('actions-head').hidden = false;
  resetRange();
  connect();
}

// the stream first, then the list: from its ready event on no change is missed
function connect() {
  if (state.source) state.source.close();
  state.rows.clear();
  state.pending.clear();
  state.open = null;
  rowElements.clear();
  renderTable();
  showConnection('idle', 'connecting…');
  const source = new EventSource(API + 'stream' + query({ customerId: state.customerId }));
  state.source = source;
  source.addEventListener('ready', () => {
    showConnection('live', 'live');
    loadPage(state.page);
    loadStatistics();
  });
  source.addEventListener('reservation', (e) => applyProgress(JSON.parse(e.data)));
  // the browser reconnects by itself, and the ready event then reloads the list
  source.onerror = () =>
    showConnection('error', source.readyState === EventSource.CLOSED ? 'disconnected' : 'reconnecting…');
}

function listedCustomer() {
  return state.me.operator ? state.customerId : state.me.customerId;
}

// with actions on, one more column: each row's buttons
const columns = () => (state.me && state.me.actions ? 13 : 12);

async function loadPage(page) {
  $('list-error').textContent = '';
  $('customer').textContent = listedCustomer() ? 'of ' + listedCustomer() : '';
  $('new-card').hidden = !(state.me.actions && listedCustomer());
  $('new-customer').textContent = state.me.operator && listedCustomer() ? 'for ' + listedCustomer() : '';
  if (!listedCustomer()) {
    state.rows.clear();
    state.totalPages = 0;
    state.totalItems = 0;
    renderTable('Name a customer to list its reservations.');
    renderPaging();
    return;
  }
  const load = ++state.loadSeq;
  state.loads += 1;
  try {
    const result = await api('reservations', { customerId: state.customerId, page, size: PAGE_SIZE });
    if (load !== state.loadSeq) return; // a later read replaces this one
    state.page = result.page;
    state.totalPages = result.totalPages;
    state.totalItems = result.totalItems;
    const open = state.open;
    const shown = state.rows;
    state.rows = new Map(result.items.map((row) => {
      // a row the stream updated after the list was read keeps its newer progress
      const known = shown.get(row.reservationId);
      if (known && newer(known.progress, row.progress)) row.progress = known.progress;
      return [row.reservationId, row];
    }));
    renderTable();
    renderPaging();
    if (open && state.rows.has(open)) loadDrilldown(open);
  } catch (e) {
    $('list-error').textContent = e.message;
  } finally {
    state.loads -= 1;
    if (state.loads === 0) applyPending();
  }
}

// the changes that came while the list was read, on the list as read (new reservations join page 0)
function applyPending() {
  const waiting = [...state.pending.values()];
  state.pending.clear();
  waiting.forEach(applyProgress);
}

function newer(a, b) {
  return Date.parse(a.updatedAt) > Date.parse(b.updatedAt);
}

function renderPaging() {
  $('newer').disabled = state.page === 0;
  $('older').disabled = state.page + 1 >= state.totalPages;
  $('page-info').textContent = state.totalPages > 0 ? 'page ' + (state.page + 1) + ' of ' + state.totalPages : '';
}

function applyProgress(progress) {
  state.statisticsDue = true;
  if (state.loads > 0) {
    // the list being read may not have this change yet: it applies once the list is in
    const waiting = state.pending.get(progress.reservationId);
    if (!waiting || !newer(waiting, progress)) state.pending.set(progress.reservationId, progress);
    return;
  }
  const row = state.rows.get(progress.reservationId);
  if (row) {
    // a row already newer than this change stays as it is
    if (Date.parse(row.progress.updatedAt) > Date.parse(progress.updatedAt)) return;
    const statusChanged = row.progress.status !== progress.status;
    row.progress = progress;
    renderTable();
    // the cost and the status reason move with the status; the recipients of an open drill-down with every change
    if (statusChanged) refreshRow(progress.reservationId);
    if (state.open === progress.reservationId) scheduleDrilldown(progress.reservationId);
  } else if (state.page === 0 && progress.customerId === listedCustomer()) {
    // a new reservation: its text and times come from the API; newest first
    refreshRow(progress.reservationId, progress);
  }
}

async function refreshRow(id, progress) {
  try {
    const row = await api('reservations/' + id, { customerId: state.customerId });
    const known = state.rows.get(id);
    // whichever progress is newer stays: the stream may have overtaken this answer
    if (known && newer(known.progress, row.progress)) row.progress = known.progress;
    if (!known && progress && newer(progress, row.progress)) row.progress = progress;
    state.rows = known
      ? new Map([...state.rows].map(([k, v]) => [k, k === id ? row : v]))
      : new Map([[id, row], ...state.rows]);
    if (!known) {
      // page 0 grows while it is watched; the older pages behind it move on by one
      state.totalItems += 1;
      state.totalPages = Math.max(state.totalPages, Math.ceil(state.totalItems / PAGE_SIZE));
      renderPaging();
    }
    renderTable();
  } catch (e) {
    $('list-error').textContent = e.message;
  }
}

const rowElements = new Map();

function renderTable(emptyText) {
  const body = $('reservations');
  const rows = [...state.rows.values()];
  if (rows.length === 0) {
    rowElements.clear();
    const text = emptyText || 'No reservations yet.';
    body.replaceChildren(el('tr', { className: 'empty' }, el('td', { colSpan: columns() }, text)));
    return;
  }
  // the same elements are updated and reordered, so the bars animate instead of being redrawn
  const children = [];
  rows.forEach((row) => {
    let entry = rowElements.get(row.reservationId);
    if (!entry) {
      entry = { tr: createRow(row.reservationId), drilldown: null };
      rowElements.set(row.reservationId, entry);
    }
    updateRow(entry.tr, row);
    children.push(entry.tr);
    entry.tr.classList.toggle('open', state.open === row.reservationId);
    if (state.open === row.reservationId && entry.drilldown) children.push(entry.drilldown);
  });
  body.replaceChildren(...children);
}

function createRow(id) {
  const tr = el('tr', { className: 'row', onclick: () => toggleDrilldown(id) },
    el('td', { className: 'text', title: id }),
    el('td', { className: 'created' }),
    el('td', { className: 'send-at' }),
    el('td', {}, el('div', { className: 'progress', role: 'progressbar' },
      el('span', { className: 'sent' }), el('span', { className: 'awaiting' }),
      el('span', { className: 'undelivered' }),
      el('span', { className: 'failed' }), el('span', { className: 'cancelled' }),
      el('span', { className: 'label' }))),
    el('td', { className: 'sent-count' }),
    el('td', { className: 'awaiting-count' }),
    el('td', { className: 'delivered-count' }),
    el('td', { className: 'failed-count' }),
    el('td', { className: 'pending-count' }),
    el('td', { className: 'finish' }),
    el('td', { className: 'cost' }),
    el('td', {}, el('span', { className: 'status' })),
    state.me.actions ? actionCell(id) : null);
  tr.dataset.reservationId = id;
  const bar = tr.querySelector('.progress');
  bar.setAttribute('aria-valuemin', '0');
  bar.setAttribute('aria-valuemax', '100');
  return tr;
}

function updateRow(tr, row) {
  const p = row.progress;
  const share = (n) => (p.total === 0 ? 0 : (n * 100) / p.total) + '%';
  tr.dataset.status = p.status;
  tr.querySelector('.text').textContent = row.text;
  tr.querySelector('.created').textContent = time(row.createdAt);
  tr.querySelector('.send-at').textContent = row.sendAt ? time(row.sendAt) : 'at once';
  const bar = tr.querySelector('.progress');
  bar.setAttribute('aria-valuenow', String(p.progressPercent));
  // sent splits into reached (delivered, or final without reports), still awaiting a report, and not delivered
  bar.querySelector('.sent').style.width = share(p.sent - p.awaiting - p.undelivered);
  bar.querySelector('.awaiting').style.width = share(p.awaiting);
  bar.querySelector('.undelivered').style.width = share(p.undelivered);
  bar.querySelector('.failed').style.width = share(p.failed);
  bar.querySelector('.cancelled').style.width = share(p.cancelled);
  bar.querySelector('.label').textContent = p.progressPercent + ' %';
  tr.querySelector('.sent-count').textContent = p.sent;
  tr.querySelector('.awaiting-count').textContent = p.awaiting;
  tr.querySelector('.delivered-count').textContent =
    p.delivered + p.undelivered === 0 ? p.delivered : p.delivered + ' (' + p.deliveredPercent + ' %)';
  tr.querySelector('.failed-count').textContent = p.failed + p.undelivered;
  tr.querySelector('.pending-count').textContent = p.pending;
  // at the rate measured since its dispatch began: only while it is being sent
  tr.querySelector('.finish').textContent = p.expectedFinishAt ? new Date(p.expectedFinishAt).toLocaleTimeString() : '';
  tr.querySelector('.cost').textContent = money(row.cost.net, row.cost.currency);
  const status = tr.querySelector('.status');
  status.dataset.status = p.status;
  status.textContent = words(p.status);
  status.title = row.statusReason || '';
  if (state.me.actions) {
    const pause = tr.querySelector('button.pause');
    pause.textContent = p.status === 'PAUSED' ? 'Resume' : 'Pause';
    pause.hidden = !CHANGEABLE.includes(p.status);
    tr.querySelector('button.cancel').hidden = !CHANGEABLE.includes(p.status);
  }
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'role') node.setAttribute(key, value);
    else node[key] = value;
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

// --- drill-down: one reservation's facts, cost and every recipient's result ---

function toggleDrilldown(id) {
  state.open = state.open === id ? null : id;
  renderTable();
  if (state.open) loadDrilldown(id);
}

// a reservation being sent changes many times a second: its open recipients are read again at most once a second
let drilldownTimer = null;
function scheduleDrilldown(id) {
  if (drilldownTimer) return;
  drilldownTimer = setTimeout(() => {
    drilldownTimer = null;
    if (state.open === id) loadDrilldown(id);
  }, 1000);
}

async function loadDrilldown(id) {
  const entry = rowElements.get(id);
  if (!entry) return;
  try {
    const [row, first] = await Promise.all([
      api('reservations/' + id, { customerId: state.customerId }),
      api('reservations/' + id + '/deliveries', { customerId: state.customerId, limit: DELIVERY_SLICE }),
    ]);
    const deliveries = el('tbody', {});
    first.items.forEach((d) => deliveries.append(deliveryRow(d)));
    const more = el('button', { className: 'secondary more', type: 'button' }, 'More recipients');
    let next = first.nextSequence;
    more.hidden = next === null;
    more.onclick = async () => {
      const slice = await api('reservations/' + id + '/deliveries',
        { customerId: state.customerId, fromSequence: next, limit: DELIVERY_SLICE });
      slice.items.forEach((d) => deliveries.append(deliveryRow(d)));
      next = slice.nextSequence;
      more.hidden = next === null;
    };
    const td = el('td', { colSpan: columns() },
      el('dl', { className: 'facts' },
        fact('Status', words(row.progress.status)),
        fact('Reason', row.statusReason || '–', 'reason'),
        fact('Created', time(row.createdAt)),
        fact('Send at', row.sendAt ? time(row.sendAt) : 'at once'),
        fact('Sending began', time(row.progress.dispatchStartedAt) || '–'),
        fact('Subject', row.subject || '–'),
        fact('Charged', money(row.cost.charged, row.cost.currency) + ' (' + row.cost.charges + ')'),
        fact('Refunded', money(row.cost.refunded, row.cost.currency) + ' (' + row.cost.refunds + ')'),
        fact('Cost', money(row.cost.net, row.cost.currency), 'net')),
      state.me.actions && RESCHEDULABLE.includes(row.progress.status) ? rescheduleForm(id) : null,
      el('table', { className: 'deliveries' },
        el('thead', {}, el('tr', {}, ...['#', 'Recipient', 'Result', 'Attempts', 'Sent', 'Provider reference',
          'Report', 'Reported', 'Reason'].map((h) => el('th', {}, h)))),
        deliveries),
      more);
    const drilldown = el('tr', { className: 'drilldown' }, td);
    drilldown.dataset.reservationId = id;
    entry.drilldown = drilldown;
    renderTable();
  } catch (e) {
    $('list-error').textContent = e.message;
  }
}

function fact(label, value, className) {
  return el('div', { className: className || '' }, el('dt', {}, label), el('dd', {}, value));
}

function deliveryRow(d) {
  const tr = el('tr', {},
    el('td', {}, String(d.sequence + 1)),
    el('td', { className: 'recipient' }, d.recipient),
    el('td', {}, el('span', { className: 'status state' }, words(d.state))),
    el('td', {}, String(d.attempts)),
    el('td', {}, time(d.completedAt)),
    el('td', {}, d.providerReference || ''),
    el('td', { className: 'report-status' }, words(d.reportStatus)),
    el('td', {}, time(d.reportedAt)),
    el('td', { className: 'reason' }, d.failureReason || ''));
  tr.dataset.sequence = String(d.sequence);
  tr.dataset.state = d.state;
  tr.querySelector('.state').dataset.status = d.state;
  return tr;
}

// --- actions (msgsvc.dashboard.actions-enabled): register, pause, resume, cancel, reschedule ---

const CHANGEABLE = ['SCHEDULED', 'DISPATCHING', 'PAUSED'];
const RESCHEDULABLE = ['SCHEDULED', 'PAUSED'];
const isoOf = (local) => (local ? new Date(local).toISOString() : null);

function actionCell(id) {
  const button = (className, label, action) => el('button', {
    className: 'secondary ' + className,
    type: 'button',
    onclick: (e) => {
      e.stopPropagation(); // a button is not a click on the row, which opens its drill-down
      change(e.target, id, action);
    },
  }, label);
  return el('td', { className: 'actions' },
    button('pause', 'Pause', () => (state.rows.get(id).progress.status === 'PAUSED' ? 'resume' : 'pause')),
    button('cancel', 'Cancel', () => (confirm('Cancel the recipients not sent yet?') ? 'cancel' : null)));
}

async function change(button, id, action, fields) {
  const name = action();
  if (!name) return;
  button.disabled = true;
  $('list-error').textContent = '';
  try {
    await post('reservations/' + id + '/' + name, fields);
    await refreshRow(id);
    if (state.open === id) loadDrilldown(id);
  } catch (e) {
    $('list-error').textContent = e.message;
  } finally {
    button.disabled = false;
  }
}

function rescheduleForm(id) {
  const at = el('input', { className: 'reschedule-at', type: 'datetime-local', step: 1, required: true });
  const button = el('button', { className: 'secondary', type: 'submit' }, 'Reschedule');
  return el('form', {
    className: 'reschedule',
    onsubmit: (e) => {
      e.preventDefault();
      change(button, id, () => 'reschedule', { sendAt: isoOf(at.value) });
    },
  }, el('label', {}, 'New send time'), at, button);
}

const FIELDS = { text: 'text', recipients: 'recipients', sendAt: 'send-at' };

async function register(e) {
  e.preventDefault();
  const result = $('form-result');
  delete result.dataset.reservationId;
  result.className = '';
  result.textContent = 'Registering…';
  Object.values(FIELDS).forEach((input) => $(input).removeAttribute('aria-invalid'));
  $('submit').disabled = true;
  try {
    const row = await post('reservations',
      { text: $('text').value, recipients: $('recipients').value, sendAt: isoOf($('send-at').value) });
    result.dataset.reservationId = row.reservationId;
    result.textContent = 'Registered for ' + row.progress.total + ' recipients.';
    $('new-form').reset();
  } catch (error) {
    result.className = 'error';
    result.textContent = error.message;
    // recipients[2] is the recipients field
    const input = error.field && FIELDS[error.field.replace(/\[.*$/, '')];
    if (input) $(input).setAttribute('aria-invalid', 'true');
  } finally {
    $('submit').disabled = false;
  }
}

// --- statistics over a chosen range, with a chart drawn here (no library, works offline) ---

function localInput(date) {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60e3);
  return shifted.toISOString().slice(0, 19);
}

function resetRange() {
  const preset = $('range-preset').value;
  const custom = preset === 'custom';
  $('range-from').disabled = !custom;
  $('range-to').disabled = !custom;
  if (!custom) {
    const now = new Date();
    $('range-to').value = localInput(now);
    $('range-from').value = localInput(new Date(now.getTime() - RANGES[preset]));
  }
}

async function loadStatistics() {
  state.statisticsDue = false;
  const custom = $('range-preset').value === 'custom';
  if (!custom) resetRange();
  const from = $('range-from').value ? new Date($('range-from').value).toISOString() : null;
  // a preset range ends now: a moment ahead, so what was just counted is inside it
  const to = custom ? new Date($('range-to').value).toISOString() : new Date(Date.now() + 60e3).toISOString();
  $('stats-error').textContent = '';
  $('stats-scope').textContent = listedCustomer() ? 'of ' + listedCustomer() : 'of every customer';
  try {
    const statistics = await api('statistics', { customerId: state.customerId, from, to });
    showTotals(statistics.totals);
    drawChart(statistics.buckets);
  } catch (e) {
    $('stats-error').textContent = e.message;
  }
}

function awaitingReport(c) {
  return Math.max(0, c.submitted - c.delivered - c.undelivered - c.expired - c.unknown);
}

function showTotals(t) {
  $('stat-reservations').textContent = t.reservations;
  $('stat-accepted').textContent = t.sent + t.submitted; // by gateways without and with reports
  $('stat-delivered').textContent = t.delivered;
  $('stat-awaiting').textContent = awaitingReport(t);
  $('stat-failed').textContent = t.failed;
  $('stat-undelivered').textContent = t.undelivered + t.expired;
  $('stat-unknown').textContent = t.unknown;
  $('stat-rejected').textContent = t.rejected;
  $('stat-cancelled').textContent = t.cancelled;
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, String(v)));
  if (text !== undefined) node.textContent = text;
  return node;
}

function drawChart(buckets) {
  const chart = $('chart');
  const width = 800;
  const height = 220;
  const bottom = 22;
  // submitted counts every send accepted by a gateway that reports; its reports are counted again as they come
  const series = (c) => [
    ['sent', c.sent + c.delivered],
    ['submitted', awaitingReport(c)],
    ['failed', c.failed + c.undelivered + c.expired],
    ['unknown', c.unknown],
  ];
  const max = Math.max(1, ...buckets.map((b) => series(b.counters).reduce((sum, [, n]) => sum + n, 0)));
  const slot = width / Math.max(buckets.length, 1);
  const barWidth = Math.max(2, Math.min(60, slot * 0.7));
  const nodes = [];
  if (buckets.length === 0) {
    nodes.push(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'Nothing counted in this range.'));
  }
  const labelEvery = Math.ceil(buckets.length / 10);
  buckets.forEach((bucket, i) => {
    const x = i * slot + (slot - barWidth) / 2;
    let y = height - bottom;
    const group = svg('g', { class: 'bucket', 'data-period-start': bucket.periodStart });
    series(bucket.counters).forEach(([name, n]) => {
      if (n === 0) return;
      const h = (n * (height - bottom - 10)) / max;
      y -= h;
      const rect = svg('rect', { class: name, x, y, width: barWidth, height: h });
      rect.append(svg('title', {}, time(bucket.periodStart) + ': ' + n + ' ' + name));
      group.append(rect);
    });
    nodes.push(group);
    if (i % labelEvery === 0) {
      nodes.push(svg('text', { x: x + barWidth / 2, y: height - 6, 'text-anchor': 'middle' },
        new Date(bucket.periodStart).toLocaleDateString()));
    }
  });
  nodes.push(svg('text', { x: 4, y: 12 }, String(max)));
  chart.replaceChildren(...nodes);
}

// live changes move the counters too: read them again now and then while the range reaches now
setInterval(() => {
  if (state.statisticsDue && $('range-preset').value !== 'custom') loadStatistics();
}, STATISTICS_REFRESH_MS);

$('range-preset').addEventListener('change', () => { resetRange(); loadStatistics(); });
$('range-form').addEventListener('submit', (e) => { e.preventDefault(); loadStatistics(); });
$('new-form').addEventListener('submit', register);
$('older').addEventListener('click', () => loadPage(state.page + 1));
$('newer').addEventListener('click', () => loadPage(Math.max(0, state.page - 1)));
$('customer-form').addEventListener('submit', (e) => {
  e.preventDefault();
  state.customerId = $('customer-id').value.trim() || null;
  state.page = 0;
  history.replaceState(null, '', state.customerId ? '?customerId=' + encodeURIComponent(state.customerId) : './');
  connect();
});

start();
