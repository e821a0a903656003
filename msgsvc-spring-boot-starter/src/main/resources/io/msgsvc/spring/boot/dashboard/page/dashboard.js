'use strict';

// Lets a test tell a live update from a reload: a reload gives the page a new id.
window.__loadId = Date.now().toString(36) + Math.random().toString(36).slice(2);

// every path is relative to the page, which lives at <base-path>/
const API = 'api/';
const PAGE_SIZE = 50;

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
  // at the rate measured since its dispatch began: only while it is being sent; while it waits (for its send
  // time or its delivery window), when it is due next
  const finish = tr.querySelector('.finish');
  finish.textContent = p.expectedFinishAt ? new Date(p.expectedFinishAt).toLocaleTimeString()
    : p.nextSendAt ? 'next send ' + new Date(p.nextSendAt).toLocaleString() : '';
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
