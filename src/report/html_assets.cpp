#include "report/html_assets.h"

namespace recallguard::report {

const char* const kHtmlStyle = R"css(
:root {
  --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --panel: #ffffff; --page: #f5f7fa;
  --accent: #1d4e89;
  --late: #d97706; --missing: #dc2626; --violation: #7c3aed; --signal: #0e7490; --pending: #9aa5b1;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "PingFang SC",
    "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
header.top { background: var(--accent); color: #fff; padding: 20px 24px 16px; }
header.top h1 { margin: 0 0 4px; font-size: 22px; font-weight: 600; letter-spacing: .2px; }
header.top .subtitle { margin: 0 0 14px; opacity: .85; }
dl.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 4px 16px; margin: 0;
  font-size: 12.5px; }
dl.facts dt { opacity: .75; }
dl.facts dd { margin: 0; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  overflow-wrap: anywhere; white-space: pre-line; }
main { padding: 20px 24px 32px; }
section { margin-bottom: 24px; }
h2 { font-size: 17px; margin: 0 0 10px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { flex: 1 1 0; background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
  padding: 10px 14px; min-width: 96px; border-top: 4px solid var(--accent); }
.card .num { display: block; font-size: 26px; font-weight: 650; }
.card .label { color: var(--muted); font-size: 12.5px; display: block; }
.card .sub { color: var(--muted); font-size: 11.5px; }
.card.late { border-top-color: var(--late); } .card.missing { border-top-color: var(--missing); }
.card.violation { border-top-color: var(--violation); } .card.signal { border-top-color: var(--signal); }
.card.pending { border-top-color: var(--pending); } .card.failed { border-top-color: #b91c1c; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 16px; }
figure.chart { margin: 0; background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
  padding: 12px 14px; }
figure.chart figcaption { font-weight: 600; margin-bottom: 6px; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
figure.chart svg text { font-size: 12px; fill: var(--ink); }
figure.chart .empty { color: var(--muted); }
figure.chart rect.late { fill: var(--late); } figure.chart rect.missing { fill: var(--missing); }
figure.chart rect.violation { fill: var(--violation); } figure.chart rect.signal { fill: var(--signal); }
figure.chart rect.pending { fill: var(--pending); }
figure.chart svg text.count { fill: var(--muted); }
.legend { display: flex; gap: 14px; flex-wrap: wrap; margin: 10px 0 0; font-size: 12.5px; color: var(--muted); }
.legend span::before { content: ""; display: inline-block; width: 10px; height: 10px; border-radius: 2px;
  margin-right: 5px; vertical-align: -1px; background: currentColor; }
.legend .late { color: var(--late); } .legend .missing { color: var(--missing); }
.legend .violation { color: var(--violation); } .legend .signal { color: var(--signal); }
.legend .pending { color: var(--pending); }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; }
.filters { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; margin-bottom: 10px; }
.filters input, .filters select { font: inherit; padding: 5px 8px; border: 1px solid #bcccdc; border-radius: 6px;
  background: #fff; }
.filters input { min-width: 260px; }
.filters .shown { color: var(--muted); margin-left: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
thead th { position: sticky; top: 0; background: #eef2f7; font-weight: 600; white-space: nowrap;
  cursor: pointer; user-select: none; }
thead th:hover { background: #e1e8f0; }
thead th[aria-sort="ascending"]::after { content: " \25B2"; font-size: 10px; }
thead th[aria-sort="descending"]::after { content: " \25BC"; font-size: 10px; }
tbody tr:nth-child(even) { background: #fafbfc; }
tbody tr:hover { background: #f0f4f8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.message { min-width: 160px; white-space: pre-wrap; overflow-wrap: anywhere; }
td.rule code { white-space: nowrap; }
td.subject { min-width: 140px; max-width: 220px; overflow-wrap: anywhere; }
td.citation { min-width: 80px; }
.instrument, .legal-name { color: var(--muted); font-size: 12px; }
.instrument { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;
  max-width: 240px; }
pre.digests { font-size: 12px; overflow-x: auto; margin: 0 0 8px; }
dl.record { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; font-size: 12.5px; }
dl.record dt { color: var(--muted); } dl.record dd { margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace; }
td.evidence { min-width: 170px; }
.table-wrap { overflow-x: auto; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
  color: #fff; white-space: nowrap; }
.badge.late { background: var(--late); } .badge.missing { background: var(--missing); }
.badge.violation { background: var(--violation); } .badge.signal { background: var(--signal); }
.badge.pending { background: var(--pending); }
.sev { font-size: 11.5px; color: var(--muted); text-transform: uppercase; letter-spacing: .4px; }
.sev.critical, .sev.high { color: #b91c1c; font-weight: 600; }
dl.evidence { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 1px 8px; font-size: 12px; }
dl.evidence dt { color: var(--muted); }
dl.evidence dd { margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap;
  overflow-wrap: anywhere; word-break: keep-all; max-height: 9em; overflow-y: auto; }
.state-error { color: #b91c1c; font-weight: 600; } .state-skipped { color: var(--muted); }
.muted { color: var(--muted); }
footer { padding: 0 24px 24px; color: var(--muted); font-size: 12px; }
html:not(.js) .js-only { display: none; }
html:not(.js) thead th { cursor: auto; }
.pager { display: flex; gap: 10px; align-items: center; margin-bottom: 8px; color: var(--muted); }
.pager button { font: inherit; padding: 3px 10px; border: 1px solid #bcccdc; border-radius: 6px; background: #fff; }
figure.chart svg a:hover text { text-decoration: underline; }
details.company { border-top: 1px solid var(--line); padding: 6px 0; }
details.company summary { cursor: pointer; }
details.company .badge { margin-left: 4px; }
svg.timeline { display: block; margin: 8px 0 4px; max-width: 100%; height: auto; }
svg.timeline text { font-size: 11.5px; fill: var(--ink); }
svg.timeline text.axis, svg.timeline text.note { fill: var(--muted); }
svg.timeline line.as-of { stroke: var(--muted); stroke-dasharray: 2 3; }
svg.timeline line.span { stroke: #9aa5b1; stroke-width: 2; }
svg.timeline line.due { stroke: var(--ink); stroke-width: 2; }
svg.timeline line.overrun { stroke-width: 4; }
svg.timeline line.overrun.open { stroke-dasharray: 5 3; }
svg.timeline .late line.overrun { stroke: var(--late); } svg.timeline .missing line.overrun { stroke: var(--missing); }
svg.timeline circle.trigger { fill: #fff; stroke: var(--ink); stroke-width: 1.5; }
svg.timeline .violation circle.act { fill: var(--violation); } svg.timeline .signal circle.act { fill: var(--signal); }
svg.timeline rect.done { fill: var(--ink); }
)css";

const char* const kHtmlScript = R"js(
(function () {
  'use strict';
  // Controls that need this script are shown only once it runs (CSS: html:not(.js) .js-only).
  document.documentElement.classList.add('js');
  var started = performance.now();
  var table = document.getElementById('findings');
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var text = document.getElementById('filter-text');
  var status = document.getElementById('filter-status');
  var severity = document.getElementById('filter-severity');
  var pageSize = document.getElementById('page-size');
  var previous = document.getElementById('page-prev');
  var next = document.getElementById('page-next');
  var pageInfo = document.getElementById('page-info');
  var shown = document.getElementById('shown-count');
  var none = document.getElementById('no-match');

  // Everything a filter or sort reads is read from the DOM once, not on every keystroke or comparison.
  var haystack = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var order = rows.map(function (row, i) { return i; });
  var matching = order.slice();
  var page = 0;

  function showPage() {
    var size = parseInt(pageSize.value, 10) || 0;
    var pages = size ? Math.max(1, Math.ceil(matching.length / size)) : 1;
    if (page >= pages) { page = pages - 1; }
    if (page < 0) { page = 0; }
    var from = size ? page * size : 0;
    var to = size ? Math.min(matching.length, from + size) : matching.length;
    var visible = new Uint8Array(rows.length);
    for (var k = from; k < to; k += 1) { visible[matching[k]] = 1; }
    for (var i = 0; i < rows.length; i += 1) {
      var hide = !visible[i];
      if (rows[i].hidden !== hide) { rows[i].hidden = hide; }
    }
    shown.textContent = 'Showing ' + matching.length + ' of ' + rows.length;
    pageInfo.textContent = matching.length ? 'Rows ' + (from + 1) + '–' + to + ', page ' + (page + 1) + ' of ' + pages : '';
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
    none.hidden = matching.length !== 0 || rows.length === 0;
  }

  function applyFilter(firstPage) {
    var needle = text.value.trim().toLowerCase();
    matching = order.filter(function (i) {
      var row = rows[i];
      return (!status.value || row.dataset.status === status.value) &&
             (!severity.value || row.dataset.severity === severity.value) &&
             (!needle || haystack[i].indexOf(needle) !== -1);
    });
    if (firstPage) { page = 0; }
    showPage();
  }

  var headers = table.tHead.rows[0].cells;
  var keyCache = {};
  function keysOf(column, numeric) {
    var id = column + (numeric ? 'n' : 't');
    if (!keyCache[id]) {
      keyCache[id] = rows.map(function (row) {
        var cell = row.cells[column];
        var key = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim();
        if (!numeric) { return key.toLowerCase(); }
        var number = parseFloat(key);
        return isNaN(number) ? -Infinity : number;
      });
    }
    return keyCache[id];
  }

  function sortBy(column, ascending) {
    var sortStarted = performance.now();
    var header = headers[column];
    var keys = keysOf(column, header.dataset.type === 'number');
    Array.prototype.forEach.call(headers, function (other) { other.removeAttribute('aria-sort'); });
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    order = rows.map(function (row, i) { return i; });
    order.sort(function (a, b) {
      var x = keys[a], y = keys[b];
      var result = x < y ? -1 : x > y ? 1 : 0;
      if (result === 0) { return a - b; }
      return ascending ? result : -result;
    });
    var fragment = document.createDocumentFragment();
    order.forEach(function (i) { fragment.appendChild(rows[i]); });
    body.appendChild(fragment);
    applyFilter(true);
    table.setAttribute('data-sort-ms', String(Math.round(performance.now() - sortStarted)));
  }

  Array.prototype.forEach.call(headers, function (header, column) {
    header.addEventListener('click', function () {
      sortBy(column, header.getAttribute('aria-sort') !== 'ascending');
    });
  });

  // A link can carry a view: #status=missing&severity=high&q=text&sort=7&dir=desc&page=2&size=50.
  var view = {};
  location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
    var at = pair.indexOf('=');
    if (at <= 0) { return; }
    var value = pair.slice(at + 1);
    try { value = decodeURIComponent(value); } catch (malformed) { return; }
    view[pair.slice(0, at)] = value;
  });
  if (view.q) { text.value = view.q; }
  if (view.status) { status.value = view.status; }
  if (view.severity) { severity.value = view.severity; }
  if (view.size) { pageSize.value = view.size; }
  if (!pageSize.value) { pageSize.value = '100'; }
  var sortColumn = parseInt(view.sort, 10);
  if (sortColumn >= 0 && sortColumn < headers.length) { sortBy(sortColumn, view.dir !== 'desc'); }

  text.addEventListener('input', function () { applyFilter(true); });
  status.addEventListener('change', function () { applyFilter(true); });
  severity.addEventListener('change', function () { applyFilter(true); });
  pageSize.addEventListener('change', function () { page = 0; showPage(); });
  previous.addEventListener('click', function () { page -= 1; showPage(); });
  next.addEventListener('click', function () { page += 1; showPage(); });
  applyFilter(true);
  var requested = parseInt(view.page, 10);
  if (requested > 1) { page = requested - 1; showPage(); }
  table.setAttribute('data-table-top', String(Math.round(table.getBoundingClientRect().top + window.scrollY)));
  table.setAttribute('data-ready-ms', String(Math.round(performance.now() - started)));
  table.setAttribute('data-ready', 'true');
})();
)js";

}  // namespace recallguard::report
