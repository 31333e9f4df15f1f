// The order page: a list of orders, one order on its BPMN diagram, and the process as a heat map. It reads only the
// application's public REST API (GET /orders, /orders/stats, /orders/{id}, /orders/{id}/path, /process-definitions…)
// and places demo orders with POST /orders. Every value from the API is put into the page as text (textContent, DOM
// attributes), never as HTML: an order's data cannot inject markup or script. No inline script or style attribute
// is used, so the Content-Security-Policy can forbid inline scripts.

const STATES = ['OrderCreated', 'InventoryChecked', 'PaymentProcessed', 'OrderShipped', 'OrderFailed', 'CompensationFailed'];
const FINAL_STATES = new Set(['OrderShipped', 'OrderFailed']);
const REFRESH_MS = 1000;
const PAGE_SIZE = 20;
const main = document.getElementById('main');
const xmlCache = new Map();
let leaveView = () => {};

/** An element with attributes and children; strings become text nodes (never HTML). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { Accept: 'application/json, application/problem+json', ...options.headers } });
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    throw new ApiError(response.status, typeof body === 'object' ? body : null);
  }
  return body;
}

/** ISO time with up to nanoseconds, as the browser's local date and time. */
function time(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso.replace(/(\.\d{3})\d+/, '$1'));
  return date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

function millis(iso) {
  return iso ? Date.parse(iso.replace(/(\.\d{3})\d+/, '$1')) : NaN;
}

function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) {
    return '';
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  if (ms < 60000) {
    return `${(ms / 1000).toFixed(1)} s`;
  }
  return `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`;
}

function stateBadge(state) {
  return h('span', { class: `badge state-${state ?? 'none'}` }, state ?? 'no state yet');
}

function problemView(error) {
  const errors = error.problem?.errors ?? [];
  return h('div', { class: 'problem', role: 'alert' },
    h('p', {}, error.problem?.title ? `${error.problem.title}: ${error.problem.detail ?? ''}` : error.message),
    errors.length ? h('ul', {}, errors.map((e) => h('li', {}, `${e.field}: ${e.message}`))) : null);
}

function safeLink(url, text) {
  return /^https?:\/\//i.test(url ?? '') ? h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, text) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Routing: #/orders?filters, #/orders/{id}, #/process
// ---------------------------------------------------------------------------------------------------------------

function route() {
  leaveView();
  leaveView = () => {};
  const hash = location.hash || '#/orders';
  const [path, query] = hash.slice(1).split('?');
  const params = new URLSearchParams(query ?? '');
  document.querySelectorAll('[data-nav]').forEach((link) => {
    const current = path.startsWith(`/${link.dataset.nav}`);
    if (current) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  });
  const order = /^\/orders\/([^/]+)$/.exec(path);
  if (order) {
    leaveView = orderView(decodeURIComponent(order[1]));
  } else if (path === '/process') {
    leaveView = processView(params);
  } else {
    leaveView = ordersView(params);
  }
}


// ---------------------------------------------------------------------------------------------------------------
// Orders: counts per state, filters, the list with paging, and the demo order form
// ---------------------------------------------------------------------------------------------------------------

const FILTERS = ['state', 'customerId', 'createdFrom', 'createdTo', 'stuckFor'];

function ordersView(params) {
  const counts = h('ul', { class: 'counts', 'aria-label': 'Orders per state' });
  const list = h('div', { class: 'list' }, h('p', {}, 'Loading…'));
  main.replaceChildren(
    h('h1', {}, 'Orders'),
    counts,
    filterForm(params),
    list,
    demoForm(params));
  loadCounts(counts).catch((e) => counts.replaceChildren(h('li', {}, problemView(e))));
  loadList(list, params).catch((e) => list.replaceChildren(problemView(e)));
  return () => {};
}

async function loadCounts(counts) {
  const stats = await api('/orders/stats');
  counts.replaceChildren(
    h('li', {}, h('a', { href: '#/orders', 'data-count': 'total' }, h('span', { class: 'count' }, stats.total), ' all')),
    ...STATES.map((state) => h('li', {},
      h('a', { href: `#/orders?state=${state}`, 'data-count': state, class: `state-${state}` },
        h('span', { class: 'count' }, stats.byState?.[state] ?? 0), ` ${state}`))));
}

function filterForm(params) {
  const field = (id, label, control) => h('div', { class: 'field' }, h('label', { for: id }, label), control);
  const localValue = (iso) => (iso ? new Date(iso).toISOString().slice(0, 16) : '');
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter orders' },
    field('f-state', 'State', h('select', { id: 'f-state', name: 'state' },
      h('option', { value: '' }, 'any'),
      STATES.map((s) => h('option', { value: s, selected: params.get('state') === s }, s)))),
    field('f-customer', 'Customer', h('input', { id: 'f-customer', name: 'customerId', value: params.get('customerId') ?? '', autocomplete: 'off' })),
    field('f-from', 'Created from (UTC)', h('input', { id: 'f-from', name: 'createdFrom', type: 'datetime-local', value: localValue(params.get('createdFrom')) })),
    field('f-to', 'Created before (UTC)', h('input', { id: 'f-to', name: 'createdTo', type: 'datetime-local', value: localValue(params.get('createdTo')) })),
    field('f-stuck', 'Stuck for more than', h('select', { id: 'f-stuck', name: 'stuckFor' },
      [['', 'any time'], ['PT1M', '1 minute'], ['PT5M', '5 minutes'], ['PT1H', '1 hour'], ['P1D', '1 day']]
        .map(([value, text]) => h('option', { value, selected: (params.get('stuckFor') ?? '') === value }, text)))),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, 'Filter'),
      h('a', { href: '#/orders', class: 'button secondary' }, 'Clear')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = form.elements[name].value.trim();
      if (value) {
        next.set(name, name.startsWith('created') ? `${value}:00Z` : value);
      }
    }
    location.hash = `#/orders?${next}`;
  });
  return form;
}

async function loadList(list, params) {
  const query = new URLSearchParams();
  FILTERS.forEach((name) => params.get(name) && query.set(name, params.get(name)));
  const page = Number.parseInt(params.get('page') ?? '0', 10) || 0;
  query.set('page', page);
  query.set('size', PAGE_SIZE);
  const result = await api(`/orders?${query}`);
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const pageLink = (n, text) => {
    const next = new URLSearchParams(params);
    next.set('page', n);
    return h('a', { href: `#/orders?${next}`, class: 'button secondary' }, text);
  };
  list.replaceChildren(
    h('p', { class: 'summary', 'data-total': result.total }, `${result.total} order(s) match`),
    h('div', { class: 'table-wrap' }, h('table', { class: 'orders' },
      h('caption', { class: 'visually-hidden' }, 'Orders, newest first'),
      h('thead', {}, h('tr', {}, ['Order', 'State', 'Customer', 'Total', 'Created', 'Updated'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, result.orders.map((order) => h('tr', { 'data-order-id': order.orderId },
        h('td', {}, h('a', { href: `#/orders/${encodeURIComponent(order.orderId)}` }, order.orderId)),
        h('td', {}, stateBadge(order.state), order.incident ? h('span', { class: 'badge incident' }, 'incident') : null),
        h('td', {}, order.customerId ?? ''),
        h('td', { class: 'number' }, order.total === undefined ? '' : `${order.total} ${order.currency ?? ''}`),
        h('td', {}, time(order.createdAt)),
        h('td', {}, time(order.updatedAt))))))),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      page > 0 ? pageLink(page - 1, '← Newer') : null,
      h('span', {}, `Page ${page + 1} of ${pages}`),
      page + 1 < pages ? pageLink(page + 1, 'Older →') : null));
}

function demoForm() {
  const field = (id, label, control, hint) => h('div', { class: 'field' }, h('label', { for: id }, label), control,
    hint ? h('small', { id: `${id}-hint` }, hint) : null);
  const skus = Array.from({ length: 10 }, (_, i) => `book-${String(i + 1).padStart(4, '0')}`);
  const countries = [['DE', 'Germany'], ['FR', 'France'], ['GB', 'United Kingdom'], ['US', 'United States'], ['AQ', 'Antarctica (not served: the shipment fails)']];
  const result = h('div', { class: 'placed', 'aria-live': 'polite' });
  const form = h('form', { class: 'demo', 'aria-labelledby': 'demo-title' },
    h('h2', { id: 'demo-title' }, 'Place a demo order'),
    h('p', {}, 'Each SKU has 10,000 units (order more to fail the inventory step); each customer has 10,000.00 EUR of credit '
      + '(a larger total fails the payment); country AQ fails the shipment. A failure rolls the completed steps back.'),
    h('div', { class: 'grid' },
      field('d-customer', 'Customer id', h('input', { id: 'd-customer', name: 'customerId', value: 'demo-customer', required: true, maxlength: 100 })),
      field('d-name', 'Name', h('input', { id: 'd-name', name: 'name', value: 'Ann Example', required: true, maxlength: 200 })),
      field('d-email', 'E-mail', h('input', { id: 'd-email', name: 'email', type: 'email', value: 'ann@example.com', required: true })),
      field('d-sku', 'SKU', h('select', { id: 'd-sku', name: 'sku' }, skus.map((s) => h('option', { value: s }, s)))),
      field('d-quantity', 'Quantity', h('input', { id: 'd-quantity', name: 'quantity', type: 'number', min: 1, max: 100000, value: 2, required: true })),
      field('d-price', 'Unit price (EUR)', h('input', { id: 'd-price', name: 'unitPrice', inputmode: 'decimal', value: '12.50', required: true, pattern: '\\d+(\\.\\d{1,2})?' })),
      field('d-country', 'Country', h('select', { id: 'd-country', name: 'country' }, countries.map(([code, name]) => h('option', { value: code }, `${code} – ${name}`))))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Place order')),
    result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => form.elements[name].value.trim();
    const body = {
      customerId: value('customerId'),
      email: value('email'),
      items: [{ sku: value('sku'), quantity: Number(value('quantity')), unitPrice: value('unitPrice') }],
      shippingAddress: { name: value('name'), street: 'Main Street 1', city: 'Berlin', postalCode: '10115', country: value('country') },
    };
    result.replaceChildren(h('p', {}, 'Placing…'));
    try {
      const placed = await api('/orders', { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
      result.replaceChildren(h('p', { 'data-placed': placed.orderId }, 'Placed order ',
        h('a', { href: `#/orders/${encodeURIComponent(placed.orderId)}` }, placed.orderId), ': follow it on its diagram.'));
      refreshUntilListed(placed.orderId);
    } catch (e) {
      result.replaceChildren(problemView(e));
    }
  });
  return form;
}

/** The list is a search (refreshed every second): reload it until the new order shows. */
function refreshUntilListed(orderId, attempt = 0) {
  if (document.querySelector(`tr[data-order-id="${CSS.escape(orderId)}"]`) || attempt > 20 || !document.querySelector('.list')) {
    return;
  }
  const params = new URLSearchParams((location.hash.split('?')[1]) ?? '');
  const list = document.querySelector('.list');
  Promise.all([loadList(list, params), loadCounts(document.querySelector('.counts'))])
    .catch((e) => list.replaceChildren(problemView(e)))
    .finally(() => setTimeout(() => refreshUntilListed(orderId, attempt + 1), 500));
}

// ---------------------------------------------------------------------------------------------------------------
// One order on its diagram
// ---------------------------------------------------------------------------------------------------------------

const MARKERS = ['path-completed', 'path-active', 'path-failed', 'path-compensated', 'path-compensation', 'path-incident', 'path-taken'];

function newViewer(container) {
  // The bpmn.io watermark that the viewer adds stays visible (bpmn-js licence).
  return new window.BpmnJS({ container });
}

/** The whole diagram in view, with room for the badges above its top row. */
function fit(viewer) {
  const canvas = viewer.get('canvas');
  canvas.zoom(canvas.zoom('fit-viewport', 'auto') * 0.94, 'auto');
}

async function diagramXml(key) {
  if (!xmlCache.has(key)) {
    xmlCache.set(key, await api(`/process-definitions/${encodeURIComponent(key)}/xml`, { headers: { Accept: 'text/xml, application/problem+json' } }));
  }
  return xmlCache.get(key);
}

function orderView(orderId) {
  const header = h('div', { class: 'order-header' }, h('h1', {}, 'Order ', h('span', { class: 'mono' }, orderId)));
  const canvas = h('div', { class: 'diagram', id: 'diagram', role: 'img', 'aria-label': `The order's path on the BPMN diagram of its process` });
  const legend = h('ul', { class: 'legend', 'aria-label': 'Legend' },
    [['completed', 'completed'], ['active', 'here now'], ['failed', 'failed'], ['compensation', 'compensation (in order)'],
      ['compensated', 'rolled back'], ['incident', 'incident']].map(([kind, text]) => h('li', {}, h('span', { class: `swatch swatch-${kind}` }), text)));
  const details = h('div', { class: 'details' });
  const timeline = h('section', { class: 'timeline', 'aria-labelledby': 'timeline-title' }, h('h2', { id: 'timeline-title' }, 'Timeline'));
  const status = h('p', { class: 'refresh', 'aria-live': 'polite' });
  main.replaceChildren(h('p', {}, h('a', { href: '#/orders' }, '← All orders')), header, status, canvas, legend,
    h('div', { class: 'columns' }, timeline, details));
  let viewer = null;
  let shownKey = null;
  let timer = null;
  let stopped = false;

  async function refresh() {
    try {
      const [order, path] = await Promise.all([api(`/orders/${encodeURIComponent(orderId)}`), api(`/orders/${encodeURIComponent(orderId)}/path`)]);
      if (stopped) {
        return;
      }
      renderHeader(header, orderId, order);
      renderDetails(details, order);
      renderTimeline(timeline, order);
      if (path.processDefinitionKey && path.processDefinitionKey !== shownKey) {
        viewer?.destroy();
        viewer = newViewer(canvas);
        await viewer.importXML(await diagramXml(path.processDefinitionKey));
        fit(viewer);
        shownKey = path.processDefinitionKey;
        canvas.dataset.processDefinitionKey = shownKey;
      } else if (!path.processDefinitionKey) {
        canvas.replaceChildren(h('p', {}, 'The history of this order names no process version yet, so it cannot be drawn.'));
      }
      if (viewer) {
        markPath(viewer, path);
      }
      const finished = path.finished;
      canvas.dataset.finished = String(finished);
      status.textContent = finished ? `Finished: ${order.state}.` : 'Running: this page updates itself every second.';
      if (!finished) {
        timer = setTimeout(refresh, REFRESH_MS);
      }
    } catch (e) {
      if (stopped) {
        return;
      }
      status.replaceChildren(problemView(e));
      if (!(e instanceof ApiError) || e.status >= 500 || e.status === 404) {
        timer = setTimeout(refresh, REFRESH_MS * 2);
      }
    }
  }

  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
    viewer?.destroy();
  };
}

function renderHeader(header, orderId, order) {
  header.replaceChildren(
    h('h1', {}, 'Order ', h('span', { class: 'mono' }, orderId)),
    h('p', {}, stateBadge(order.state), order.incident ? h('span', { class: 'badge incident' }, 'incident') : null,
      order.operateUrl ? h('span', {}, ' ', safeLink(order.operateUrl, 'Open in Operate')) : null));
}

function markPath(viewer, path) {
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  registry.forEach((element) => MARKERS.forEach((marker) => canvas.removeMarker(element.id, marker)));
  overlays.remove({ type: 'path' });
  for (const element of path.elements) {
    if (!registry.get(element.elementId)) {
      continue;
    }
    canvas.addMarker(element.elementId, `path-${element.status}`);
    if (element.compensated) {
      canvas.addMarker(element.elementId, 'path-compensated');
    }
    if (element.compensation) {
      canvas.addMarker(element.elementId, 'path-compensation');
      overlays.add(element.elementId, 'path', {
        position: { top: 4, right: 34 },
        html: h('span', { class: 'overlay compensation-order', title: `compensation ${element.compensation}` }, `↺ ${element.compensation}`),
      });
    }
    if (element.incident) {
      canvas.addMarker(element.elementId, 'path-incident');
      overlays.add(element.elementId, 'path', {
        position: { top: -12, right: 12 },
        html: h('span', { class: 'overlay incident', title: element.incident }, '⚠ incident'),
      });
    }
    if (element.durationMillis !== undefined && element.durationMillis !== null) {
      overlays.add(element.elementId, 'path', {
        position: { top: -16, left: 0 },
        html: h('span', { class: 'overlay duration' }, duration(element.durationMillis)),
      });
    }
  }
  for (const flow of path.flows) {
    if (registry.get(flow)) {
      canvas.addMarker(flow, 'path-taken');
    }
  }
}

function renderDetails(details, order) {
  const dl = (rows) => h('dl', {}, rows.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  const address = order.shippingAddress ?? {};
  details.replaceChildren(...[
    order.failureReason ? h('section', { class: 'failure', 'aria-labelledby': 'failure-title' }, h('h2', { id: 'failure-title' }, 'Why it failed'),
      dl([['Step', order.failureReason.step], ['Element', order.failureReason.elementId], ['Event', order.failureReason.event],
        ['Message', order.failureReason.message]])) : null,
    order.incident ? h('section', { class: 'incident-box', 'aria-labelledby': 'incident-title' }, h('h2', { id: 'incident-title' }, 'Open incident'),
      dl([['Command', order.incident.commandType], ['Since', time(order.incident.since)], ['Message', order.incident.message]])) : null,
    h('section', { 'aria-labelledby': 'data-title' }, h('h2', { id: 'data-title' }, 'The order'),
      dl([['State', order.state], ['Customer', order.customerId], ['E-mail', order.email],
        ['Total', order.total === undefined ? '' : `${order.total} ${order.currency ?? ''}`],
        ['Ship to', [address.name, address.street, [address.postalCode, address.city].filter(Boolean).join(' '), address.country].filter(Boolean).join(', ')],
        ['Created', time(order.createdAt)], ['Updated', time(order.updatedAt)], ['Process instance', order.processInstanceKey]])),
    h('div', { class: 'table-wrap' }, h('table', { class: 'items' }, h('caption', {}, 'Items'),
      h('thead', {}, h('tr', {}, ['SKU', 'Quantity', 'Unit price'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, (order.items ?? []).map((item) => h('tr', {}, h('td', {}, item.sku), h('td', { class: 'number' }, item.quantity),
        h('td', { class: 'number' }, item.unitPrice))))))].filter(Boolean));
}

function renderTimeline(timeline, order) {
  const history = order.history ?? [];
  const start = history.length ? millis(history[0].time) : NaN;
  const commandTimes = new Map(history.filter((e) => e.kind === 'command').map((e) => [e.commandId, millis(e.time)]));
  const answered = new Set(history.filter((e) => e.kind === 'event').map((e) => e.commandId));
  timeline.replaceChildren(h('h2', { id: 'timeline-title' }, 'Timeline'), h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ['Time', 'Since start', 'Kind', 'Type', 'Step', 'Element', 'Took', 'Detail'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, history.map((entry) => {
      let took = '';
      if (entry.kind === 'event' && commandTimes.has(entry.commandId)) {
        took = duration(millis(entry.time) - commandTimes.get(entry.commandId));
      } else if (entry.kind === 'command' && !answered.has(entry.commandId)) {
        took = 'waiting';
      }
      return h('tr', { 'data-kind': entry.kind, 'data-type': entry.type, class: `kind-${entry.kind}` },
        h('td', {}, time(entry.time)), h('td', { class: 'number' }, duration(millis(entry.time) - start)), h('td', {}, entry.kind),
        h('td', {}, entry.type), h('td', {}, entry.step ?? ''), h('td', { class: 'mono' }, entry.elementId ?? ''), h('td', {}, took),
        h('td', {}, entry.detail ?? ''));
    })))));
}

// ---------------------------------------------------------------------------------------------------------------
// The process: how many orders are at, passed or failed at every element
// ---------------------------------------------------------------------------------------------------------------

function processView(params) {
  const canvas = h('div', { class: 'diagram', id: 'diagram', role: 'img', 'aria-label': 'Heat map of all orders on the BPMN diagram' });
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' }, 'Loading…');
  main.replaceChildren(h('h1', {}, 'The process'),
    h('p', {}, 'On every element: how many orders are there now, how many passed it, and how many failed there (all orders, '
      + 'all versions of the process, as of the last refresh of the search index).'),
    summary, canvas,
    h('ul', { class: 'legend', 'aria-label': 'Legend' },
      h('li', {}, h('span', { class: 'overlay heat-now' }, 'now'), ' orders there now'),
      h('li', {}, h('span', { class: 'overlay heat-passed' }, 'passed'), ' orders that passed'),
      h('li', {}, h('span', { class: 'overlay heat-failed' }, 'failed'), ' orders that failed there')));
  let viewer = null;
  let timer = null;
  let stopped = false;
  async function refresh() {
    try {
      const definitions = await api('/process-definitions');
      const processId = params.get('process') ?? 'order-process';
      const definition = definitions.find((d) => d.bpmnProcessId === processId);
      if (!definition) {
        summary.textContent = `No version of ${processId} is deployed by this application.`;
        return;
      }
      const statistics = await api(`/process-definitions/${definition.processDefinitionKey}/statistics`);
      if (stopped) {
        return;
      }
      if (!viewer) {
        viewer = newViewer(canvas);
        await viewer.importXML(await diagramXml(definition.processDefinitionKey));
        fit(viewer);
      }
      summary.textContent = `${statistics.total} order(s) of ${definition.bpmnProcessId}; the diagram is version ${definition.version}.`;
      heatMap(viewer, statistics);
      timer = setTimeout(refresh, REFRESH_MS * 3);
    } catch (e) {
      summary.replaceChildren(problemView(e));
    }
  }
  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
    viewer?.destroy();
  };
}

function heatMap(viewer, statistics) {
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  overlays.remove({ type: 'heat' });
  registry.forEach((element) => ['heat-active', 'heat-failed', 'heat-passed'].forEach((m) => canvas.removeMarker(element.id, m)));
  for (const element of statistics.elements) {
    if (!registry.get(element.elementId)) {
      continue;
    }
    const badges = [];
    if (element.active) {
      badges.push(h('span', { class: 'overlay heat-now', title: 'there now' }, `${element.active} now`));
      canvas.addMarker(element.elementId, 'heat-active');
    }
    if (element.completed) {
      badges.push(h('span', { class: 'overlay heat-passed', title: 'passed' }, `${element.completed} passed`));
      canvas.addMarker(element.elementId, 'heat-passed');
    }
    if (element.failed) {
      badges.push(h('span', { class: 'overlay heat-failed', title: 'failed here' }, `${element.failed} failed`));
      canvas.addMarker(element.elementId, 'heat-failed');
    }
    if (badges.length) {
      overlays.add(element.elementId, 'heat', { position: { top: -14, left: -6 }, html: h('span', { class: 'heat', 'data-element-id': element.elementId }, badges) });
    }
  }
}

// Last, once every declaration above is initialised.
window.addEventListener('hashchange', route);
route();
