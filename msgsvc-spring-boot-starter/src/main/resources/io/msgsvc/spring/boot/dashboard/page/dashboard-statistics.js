'use strict';

// The dashboard page's statistics; loaded before dashboard.js, which starts the page.

const STATISTICS_REFRESH_MS = 3000;
const RANGES = { '24h': 24 * 3600e3, '7d': 7 * 24 * 3600e3, '30d': 30 * 24 * 3600e3 };

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
