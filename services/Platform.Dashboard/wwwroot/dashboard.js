// Order platform dashboard: polls api/snapshot every second, keeps the last 120 samples per
// series in memory and draws them as SVG line charts. Values from Kafka headers are shown with
// textContent only, never parsed as HTML.
'use strict';
(() => {
  const HISTORY = 120;
  const POLL_MS = 1000;
  const SVG = 'http://www.w3.org/2000/svg';
  const KEY_STORAGE = 'platform.apiKey';
  const $ = (id) => document.getElementById(id);
  const fmt = (n) => (n === null || n === undefined ? '' : Number(n).toLocaleString('en-US', { maximumFractionDigits: 1 }));
  const bytes = (n) => {
    if (n === null || n === undefined) return '';
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = Number(n);
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${units[unit]}`;
  };
  const history = () => ({ length: 0, series: new Map() });
  const histories = { orders: history(), rate: history(), slots: history(), consumers: history() };
  let deadLetterRows = '';

  const keyInput = $('api-key');
  keyInput.value = sessionStorage.getItem(KEY_STORAGE) || '';
  keyInput.addEventListener('input', () => sessionStorage.setItem(KEY_STORAGE, keyInput.value));

  // Adds one sample (name -> value) to a history; a series seen for the first time starts empty.
  function push(h, values) {
    for (const name of values.keys()) {
      if (!h.series.has(name)) h.series.set(name, new Array(h.length).fill(null));
    }
    for (const [name, points] of h.series) {
      points.push(values.has(name) ? values.get(name) : null);
      if (points.length > HISTORY) points.shift();
    }
    h.length = Math.min(h.length + 1, HISTORY);
  }

  function niceCeil(value) {
    const step = Math.pow(10, Math.floor(Math.log10(value)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= value) return m * step;
    return 10 * step;
  }

  function svgEl(parent, name, attributes, text) {
    const el = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    parent.appendChild(el);
    return el;
  }

  // Draws every series of a history, newest sample at the right edge; y from 0 to a round maximum.
  function draw(svgId, legendId, h, format) {
    const svg = $(svgId);
    const [W, H, L, R, T, B] = [600, 180, 64, 8, 8, 18];
    let max = 0;
    for (const points of h.series.values()) for (const v of points) if (v !== null && v > max) max = v;
    const top = max > 0 ? niceCeil(max) : 1;
    svg.replaceChildren();
    for (let i = 0; i <= 3; i++) {
      const y = T + ((H - T - B) * i) / 3;
      svgEl(svg, 'line', { x1: L, y1: y, x2: W - R, y2: y, class: 'grid' });
      svgEl(svg, 'text', { x: L - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, format((top * (3 - i)) / 3));
    }
    svgEl(svg, 'text', { x: L, y: H - 4, class: 'axis' }, `-${HISTORY} s`);
    svgEl(svg, 'text', { x: W - R, y: H - 4, class: 'axis', 'text-anchor': 'end' }, 'now');
    const legend = $(legendId);
    legend.replaceChildren();
    let index = 0;
    for (const [name, points] of h.series) {
      const colour = 'c' + (index++ % 8);
      const coordinates = [];
      points.forEach((v, k) => {
        if (v === null) return;
        const x = L + ((W - L - R) * (k + HISTORY - points.length)) / (HISTORY - 1);
        const y = T + (H - T - B) * (1 - v / top);
        coordinates.push(`${x.toFixed(1)},${y.toFixed(1)}`);
      });
      svgEl(svg, 'polyline', { class: colour, points: coordinates.join(' '), 'data-series': name });
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch ' + colour;
      item.append(swatch, `${name} ${format(points[points.length - 1])}`);
      legend.appendChild(item);
    }
    svg.dataset.max = String(max);
    svg.dataset.samples = String(h.length);
  }

  function cell(row, value, attributes) {
    const td = document.createElement('td');
    td.textContent = value === null || value === undefined ? '' : String(value);
    for (const [k, v] of Object.entries(attributes || {})) td.setAttribute(k, v);
    row.appendChild(td);
    return td;
  }

  function fill(tableId, items, columns, rowClass) {
    const body = $(tableId).tBodies[0];
    body.replaceChildren();
    for (const item of items) {
      const row = body.insertRow();
      if (rowClass) row.className = rowClass(item);
      for (const column of columns) column(row, item);
    }
  }

  function renderOrders(orders) {
    const box = $('orders-figures');
    if (!orders) return;
    for (const [status, count] of Object.entries(orders)) {
      let figure = $('orders-' + status);
      if (!figure) {
        const wrap = document.createElement('div');
        const label = document.createElement('span');
        label.className = 'label';
        label.textContent = status;
        figure = document.createElement('span');
        figure.className = 'figure';
        figure.id = 'orders-' + status;
        figure.dataset.testid = 'orders-' + status;
        wrap.append(label, figure);
        box.appendChild(wrap);
      }
      figure.textContent = fmt(count);
      figure.dataset.value = String(count);
    }
    push(histories.orders, new Map(Object.entries(orders).filter(([status]) => status !== 'total')));
    draw('chart-orders', 'legend-orders', histories.orders, fmt);
  }

  function renderDeadLetters(dead) {
    const total = $('dlq-total');
    total.textContent = fmt(dead.total);
    total.dataset.value = String(dead.total);
    total.className = dead.total > 0 ? 'badge bad' : 'badge';
    // Rebuilt only when the rows change, so a button is not replaced under the pointer.
    const rows = JSON.stringify(dead.latest);
    if (rows === deadLetterRows) return;
    deadLetterRows = rows;
    fill('dead-letters', dead.latest, [
      (r, e) => cell(r, e.consumer),
      (r, e) => cell(r, `${e.partition}/${e.offset}`),
      (r, e) => cell(r, e.original),
      (r, e) => cell(r, e.eventType),
      (r, e) => cell(r, e.eventId),
      (r, e) => cell(r, e.reason),
      (r, e) => cell(r, e.parkedAt),
      (r, e) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = 'Redrive';
        button.dataset.testid = `redrive-${e.consumer}-${e.partition}-${e.offset}`;
        button.addEventListener('click', () => redrive(e, button));
        r.insertCell().appendChild(button);
      },
    ]);
  }

  function render(s) {
    const status = $('status');
    status.textContent = 'updated ' + new Date(s.at).toLocaleTimeString('en-GB');
    status.className = s.errors.length ? 'status down' : 'status ok';
    const errors = $('errors');
    errors.replaceChildren(...s.errors.map((text) => Object.assign(document.createElement('li'), { textContent: text })));

    renderOrders(s.orders);

    fill('topics', s.topics, [
      (r, t) => cell(r, t.topic),
      (r, t) => cell(r, fmt(t.endOffset), { class: 'num', 'data-testid': 'topic-end-' + t.topic, 'data-value': t.endOffset }),
      (r, t) => cell(r, fmt(t.ratePerSecond), { class: 'num' }),
    ]);
    push(histories.rate, new Map(s.topics.map((t) => [t.topic, t.ratePerSecond ?? 0])));
    draw('chart-rate', 'legend-rate', histories.rate, (n) => `${fmt(n)}/s`);

    fill('slots', s.slots, [
      (r, x) => cell(r, x.slot),
      (r, x) => cell(r, x.database),
      (r, x) => cell(r, x.active ? 'yes' : 'no'),
      (r, x) => cell(r, bytes(x.lagBytes), { class: 'num' }),
      (r, x) => cell(r, bytes(x.retainedBytes), { class: 'num' }),
      (r, x) => cell(r, x.walStatus),
    ]);
    push(histories.slots, new Map(s.slots.map((x) => [x.slot, x.lagBytes ?? 0])));
    draw('chart-slots', 'legend-slots', histories.slots, bytes);

    // One row per group and topic (the snapshot has every partition): total lag and the worst partition.
    const rows = new Map();
    for (const c of s.consumers) {
      const key = `${c.group} ${c.topic}`;
      const row = rows.get(key) || { group: c.group, topic: c.topic, partitions: 0, lag: 0, worst: null };
      row.partitions++;
      row.lag += c.lag;
      if (c.lag > 0 && (row.worst === null || c.lag > row.worst.lag)) row.worst = c;
      rows.set(key, row);
    }
    fill('consumer-lag', [...rows.values()], [
      (r, c) => cell(r, c.group),
      (r, c) => cell(r, c.topic),
      (r, c) => cell(r, c.partitions, { class: 'num' }),
      (r, c) => cell(r, fmt(c.lag), { class: 'num', 'data-testid': `lag-${c.group}-${c.topic}`, 'data-value': c.lag }),
      (r, c) => cell(r, c.worst ? `${c.worst.partition}: ${fmt(c.worst.lag)}` : ''),
    ], (c) => (c.lag > 0 ? 'lagging' : ''));
    const byGroup = new Map();
    for (const c of s.consumers) byGroup.set(c.group, (byGroup.get(c.group) || 0) + c.lag);
    push(histories.consumers, byGroup);
    draw('chart-consumers', 'legend-consumers', histories.consumers, fmt);

    renderDeadLetters(s.deadLetters);
  }

  function problemText(problem) {
    const details = Object.entries(problem.errors || {}).map(([field, messages]) => `${field}: ${messages.join(' ')}`);
    return [problem.title, problem.detail, ...details].filter(Boolean).join(' ');
  }

  async function redrive(entry, button) {
    const out = $('redrive-result');
    button.disabled = true;
    out.className = 'result';
    out.textContent = `Redriving ${entry.consumer}.dlq ${entry.partition}/${entry.offset}...`;
    try {
      const response = await fetch('api/dead-letters/redrive', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Api-Key': keyInput.value },
        body: JSON.stringify({ consumer: entry.consumer, partition: entry.partition, offset: entry.offset }),
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        out.className = 'result ok';
        out.dataset.replayId = body.replayId;
        out.textContent = `Redriven: ${body.published} record(s) of ${entry.consumer}.dlq ${entry.partition}/${entry.offset} ` +
          `re-published to ${entry.original.split('/')[0]} (replay id ${body.replayId}).`;
      } else {
        out.className = 'result bad';
        out.textContent = `Redrive refused (${response.status}): ${problemText(body)}`;
      }
    } catch (error) {
      out.className = 'result bad';
      out.textContent = 'Redrive failed: ' + error.message;
    } finally {
      button.disabled = false;
    }
  }

  async function poll() {
    try {
      const response = await fetch('api/snapshot', { cache: 'no-store' });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      render(await response.json());
    } catch (error) {
      const status = $('status');
      status.textContent = 'dashboard unreachable: ' + error.message;
      status.className = 'status down';
    } finally {
      setTimeout(poll, POLL_MS);
    }
  }

  poll();
})();
