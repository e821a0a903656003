'use strict';

// The drill-down and the actions of the dashboard page; loaded before dashboard.js, which starts the page.

const DELIVERY_SLICE = 100;

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
