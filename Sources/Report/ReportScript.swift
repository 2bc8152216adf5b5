/// The report's inline script: reads the embedded JSON (`#report-data`) and draws the entries table,
/// the audit heatmap and each entry's charts. Panels are all drawn at once for up to ``eagerPanels``
/// entries; beyond that the first 30 are, and the others as they scroll into view (and the browser lays
/// out only panels near the view, `content-visibility: auto`). The entries table shows 200 rows a page.
/// So a page of 10,000 entries opens quickly.
///
/// When it is done it sets `data-errors` (the number of script errors) and `data-panels-drawn` on
/// `<body>` and adds `<div id="render-status">`, which tests read from the dumped DOM. `chartX` is
/// ``ChartGeometry/x(_:)``.
enum ReportScript {
    /// Entries whose panels are drawn when the page opens.
    static let eagerPanels = 300

    static let javaScript = #"""
        (function () {
        "use strict";
        var errors = [];
        window.addEventListener("error", function (e) { errors.push(String(e.message)); });
        var D = JSON.parse(document.getElementById("report-data").textContent);
        // Trades [dt ms, dprice 1/10000, size, side] and quotes [dt, dbid, dask] arrive delta-encoded.
        D.days.forEach(function (d) {
          var t = 0, p = 0, b = 0, a = 0, k, x = d.trades, q = d.quotes;
          for (k = 0; k < x.length; k += 4) { t += x[k]; p += x[k + 1]; x[k] = t; x[k + 1] = p / 10000; }
          for (t = 0, k = 0; k < q.length; k += 3) { t += q[k]; b += q[k + 1]; a += q[k + 2]; q[k] = t; q[k + 1] = b / 10000; q[k + 2] = a / 10000; }
        });
        var W = D.geometry[0], L = D.geometry[1], R = D.geometry[2], PW = W - L - R;
        var EAGER = 300, drawn = 0;
        var columns = [], colAdapter = [], firstColumn = [];
        D.adapters.forEach(function (a, ai) {
          firstColumn.push(columns.length);
          a[2].forEach(function (o) { columns.push(a[0] + "." + o); colAdapter.push(ai); });
        });
        var ESC = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"};
        function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return ESC[c]; }); }
        function two(n) { return (n < 10 ? "0" : "") + n; }
        function clock(t) {
          var s = Math.round(t), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, x = s % 60;
          return two(h) + ":" + two(m) + (x ? ":" + two(x) : "");
        }
        function num(v) { return v === null ? "\u2013" : String(v); }
        function f(x) { return x.toFixed(2); }
        function chartX(t, t0, t1) { return L + (t - t0) * PW / (t1 - t0); }
        function label(i) {
          var e = D.entries[i], d = D.days[e[0]];
          return "#" + (i + 1) + (e[2] === null ? "" : " " + e[2]) + " \u00b7 " + d.symbol + " \u00b7 " + d.date + " " + clock(e[1]);
        }
        function verdicts(i) {
          if (!D.audit || !D.audit.cells[i]) return null;
          var c = [0, 0, 0];
          D.audit.cells[i].forEach(function (v) { c[v >= 2 ? 2 : v] += 1; });
          return c;
        }
        // ---- entries table ----
        function buildTable() {
          var table = document.getElementById("entry-table");
          var head = "<thead><tr><th class=\"t\" data-col=\"-1\">#</th><th class=\"t\" data-col=\"-2\">id</th><th class=\"t\" data-col=\"-3\">symbol</th><th class=\"t\" data-col=\"-4\">entry</th>";
          firstColumn.forEach(function (c) { head += "<th data-col=\"" + c + "\" title=\"" + esc(columns[c]) + "\">" + esc(columns[c]) + "</th>"; });
          if (D.audit) head += "<th data-col=\"-5\">audit fails</th>";
          head += "</tr></thead>";
          var order = D.entries.map(function (_, i) { return i; }), PAGE = 200, page = 0;
          var pager = document.getElementById("entry-pager");
          function pages() {
            var n = order.length;
            if (n <= PAGE) { pager.innerHTML = ""; return; }
            pager.innerHTML = "<button data-step=\"-1\"" + (page === 0 ? " disabled" : "") + ">\u2039 previous</button> rows " + (page * PAGE + 1) + "\u2013" + Math.min(n, page * PAGE + PAGE) + " of " + n + " <button data-step=\"1\"" + ((page + 1) * PAGE >= n ? " disabled" : "") + ">next \u203a</button>";
          }
          pager.addEventListener("click", function (ev) {
            var b = ev.target.closest("button[data-step]");
            if (!b) return;
            page = Math.max(0, Math.min(Math.ceil(order.length / PAGE) - 1, page + Number(b.getAttribute("data-step"))));
            table.querySelector("tbody").outerHTML = body();
            pages();
          });
          function key(i, col) {
            var e = D.entries[i];
            if (col === -1) return i;
            if (col === -2) return e[2] === null ? "" : e[2];
            if (col === -3) return D.days[e[0]].symbol;
            if (col === -4) return D.days[e[0]].date + " " + (100000 + e[1]).toFixed(3);
            if (col === -5) { var v = verdicts(i); return v ? v[2] : 0; }
            return e[3][col];
          }
          function body() {
            var rows = order.slice(page * PAGE, page * PAGE + PAGE).map(function (i) {
              var e = D.entries[i], d = D.days[e[0]];
              var r = "<tr data-entry=\"" + i + "\"><td class=\"t\">" + (i + 1) + "</td><td class=\"t\">" + esc(e[2] === null ? "" : e[2]) + "</td><td class=\"t\">" + esc(d.symbol) + "</td><td class=\"t\">" + d.date + " " + clock(e[1]) + "</td>";
              firstColumn.forEach(function (c) { r += "<td>" + num(e[3][c]) + "</td>"; });
              if (D.audit) { var v = verdicts(i); r += "<td" + (v && v[2] ? " class=\"fail-text\"" : "") + ">" + (v ? v[2] : "") + "</td>"; }
              return r + "</tr>";
            });
            return "<tbody>" + rows.join("") + "</tbody>";
          }
          table.innerHTML = head + body();
          pages();
          var sorted = null, ascending = true;
          table.addEventListener("click", function (ev) {
            var th = ev.target.closest("th");
            if (th) {
              var col = Number(th.getAttribute("data-col"));
              ascending = sorted === col ? !ascending : true;
              sorted = col;
              order.sort(function (a, b) {
                var x = key(a, col), y = key(b, col);
                if (x === y) return a - b;
                if (x === null) return 1;
                if (y === null) return -1;
                return (x < y ? -1 : 1) * (ascending ? 1 : -1);
              });
              page = 0;
              table.querySelector("tbody").outerHTML = body();
              pages();
              Array.prototype.forEach.call(table.querySelectorAll("th"), function (h) { h.className = h.className.replace(/ ?sorted-(asc|desc)/, ""); });
              th.className += (th.className ? " " : "") + (ascending ? "sorted-asc" : "sorted-desc");
              return;
            }
            var tr = ev.target.closest("tr[data-entry]");
            if (tr) { var p = document.getElementById("entry-" + tr.getAttribute("data-entry")); if (p) p.scrollIntoView(); }
          });
        }
        // ---- audit heatmap ----
        function buildHeatmap() {
          var canvas = document.getElementById("heatmap");
          if (!canvas || !D.audit) return;
          var n = D.entries.length, m = D.adapters.length;
          var cw = n <= 60 ? 16 : n <= 400 ? 5 : n <= 16000 ? 2 : 1, ch = 13, lw = 130, top = 4;
          canvas.width = lw + Math.max(1, n) * cw + 4;
          canvas.height = top + m * ch + 4;
          canvas.setAttribute("data-cells", String(n * m));
          var g = canvas.getContext("2d");
          var colours = ["#3aa262", "#c8ced6", "#d64545"];
          g.font = "10px system-ui, sans-serif";
          g.textBaseline = "middle";
          for (var a = 0; a < m; a++) {
            g.fillStyle = D.audit.passed[a] ? "#1d232b" : "#b3261e";
            g.fillText(D.adapters[a][0], 2, top + a * ch + ch / 2);
            for (var i = 0; i < n; i++) {
              var row = D.audit.cells[i], v = row ? row[a] : 1;
              g.fillStyle = colours[v >= 2 ? 2 : v];
              g.fillRect(lw + i * cw, top + a * ch, Math.max(1, cw - 1), ch - 1);
            }
          }
          canvas.addEventListener("click", function (ev) {
            var box = canvas.getBoundingClientRect();
            var x = (ev.clientX - box.left) * canvas.width / box.width, y = (ev.clientY - box.top) * canvas.height / box.height;
            var i = Math.floor((x - lw) / cw), a = Math.floor((y - top) / ch);
            if (i < 0 || i >= n || a < 0 || a >= m) return;
            showCell(i, a);
          });
          // A link to #audit-ENTRY-ADAPTER (0-based) opens with that cell shown.
          var linked = /^#audit-(\d+)-(\d+)$/.exec(location.hash);
          if (linked && Number(linked[1]) < n && Number(linked[2]) < m) showCell(Number(linked[1]), Number(linked[2]));
        }
        function showCell(i, a) {
          var row = D.audit.cells[i], v = row ? row[a] : 1, text = D.adapters[a][0] + " on " + label(i) + ": ";
          if (v === 0) text += "pass (" + D.audit.checks.join(", ") + ")";
          else if (v === 1) text += D.audit.noFuture[i] ? "inconclusive: no data past this entry is recorded, so the future checks had nothing to perturb" : "inconclusive: no check failed, but one had nothing to check";
          else {
            var fl = D.audit.failures[v - 2];
            text += "FAIL " + fl[0] + "\n" + fl[1] + ": expected " + fl[2] + ", got " + fl[3] + "\n" + fl[4];
          }
          text += "\nwhole run: " + D.audit.summaries[a];
          document.getElementById("audit-detail").textContent = text;
        }
        // ---- panels ----
        function range(lo, hi) { return { lo: lo, hi: hi }; }
        function firstBar(bars, t) { var lo = 0, hi = bars.length / 6; while (lo < hi) { var mid = (lo + hi) >> 1; if (bars[mid * 6] < t) lo = mid + 1; else hi = mid; } return lo; }
        function candles(i) {
          var e = D.entries[i], d = D.days[e[0]], t = e[1], span = D.span;
          var t0 = t - span, t1 = t + span / 20, bars = d.bars;
          var a = firstBar(bars, t0), b = firstBar(bars, t - 60 + 1e-9);
          var lo = Infinity, hi = -Infinity, k;
          for (k = a; k < b; k++) { lo = Math.min(lo, bars[k * 6 + 3]); hi = Math.max(hi, bars[k * 6 + 2]); }
          // Levels within one candle range of the candles widen the axis; farther ones stay in the text.
          var overlays = [], reach = hi - lo, olo = lo, ohi = hi;
          D.overlays.forEach(function (o) {
            var v = e[3][o[0]];
            if (v === null || !(reach >= 0) || v < lo - reach || v > hi + reach) return;
            overlays.push([o[0], o[1], v]);
            olo = Math.min(olo, v); ohi = Math.max(ohi, v);
          });
          lo = olo; hi = ohi;
          var reqs = D.requirements, lanes = reqs.length, H = 250, laneH = 13, top = 8, plotH = H - top - 18;
          var total = H + lanes * laneH + 6;
          var s = "<svg class=\"candles\" width=\"" + W + "\" height=\"" + total + "\" viewBox=\"0 0 " + W + " " + total + "\" data-t0=\"" + t0 + "\" data-t1=\"" + t1 + "\">";
          function X(x) { return chartX(x, t0, t1); }
          function clampX(x) { return Math.max(L, Math.min(W - R, X(x))); }
          var pre = d.sessions[1], post = d.sessions[2];
          if (t0 < pre) s += "<rect class=\"pre\" x=\"" + f(clampX(t0)) + "\" y=\"" + top + "\" width=\"" + f(clampX(pre) - clampX(t0)) + "\" height=\"" + plotH + "\"><title>pre-market</title></rect>";
          if (t1 > post) s += "<rect class=\"post\" x=\"" + f(clampX(post)) + "\" y=\"" + top + "\" width=\"" + f(clampX(t1) - clampX(post)) + "\" height=\"" + plotH + "\"><title>post-market</title></rect>";
          var step = span > 7200 ? 1800 : span > 3600 ? 900 : 300;
          for (var g = Math.ceil(t0 / step) * step; g <= t1; g += step) {
            s += "<line class=\"grid\" x1=\"" + f(X(g)) + "\" x2=\"" + f(X(g)) + "\" y1=\"" + top + "\" y2=\"" + (top + plotH) + "\"/><text class=\"axis\" x=\"" + f(X(g)) + "\" y=\"" + (H - 4) + "\" text-anchor=\"middle\">" + clock(g) + "</text>";
          }
          if (b > a && hi >= lo) {
            if (hi === lo) { hi += 0.01; lo -= 0.01; }
            var pad = (hi - lo) * 0.05; hi += pad; lo -= pad;
            var Y = function (p) { return top + (hi - p) * plotH / (hi - lo); };
            for (k = 0; k <= 4; k++) {
              var p = lo + (hi - lo) * k / 4;
              s += "<line class=\"grid\" x1=\"" + L + "\" x2=\"" + (W - R) + "\" y1=\"" + f(Y(p)) + "\" y2=\"" + f(Y(p)) + "\"/><text class=\"axis\" x=\"" + (L - 4) + "\" y=\"" + f(Y(p) + 3) + "\" text-anchor=\"end\">" + p.toFixed(2) + "</text>";
            }
            var bw = Math.max(1, PW * 60 / (t1 - t0) * 0.7), up = "", down = "", wick = "";
            for (k = a; k < b; k++) {
              var bt = bars[k * 6], o = bars[k * 6 + 1], h = bars[k * 6 + 2], l = bars[k * 6 + 3], c = bars[k * 6 + 4];
              var cx = X(bt + 30), yt = Y(Math.max(o, c)), yb = Y(Math.min(o, c));
              wick += "M" + f(cx) + " " + f(Y(h)) + "V" + f(Y(l));
              var rect = "M" + f(cx - bw / 2) + " " + f(yt) + "h" + f(bw) + "v" + f(Math.max(0.8, yb - yt)) + "h" + f(-bw) + "Z";
              if (c >= o) up += rect; else down += rect;
            }
            s += "<path class=\"wick\" d=\"" + wick + "\"/><path class=\"up\" d=\"" + up + "\"/><path class=\"down\" d=\"" + down + "\"/>";
            overlays.forEach(function (ov) {
              var ai = colAdapter[ov[0]], start = Infinity;
              D.adapters[ai][3].forEach(function (r) { start = Math.min(start, e[4][r]); });
              start = start < Infinity ? Math.max(t0, start) : t0;
              var y = f(Y(ov[2]));
              s += "<line class=\"ov-" + ov[1] + "\" x1=\"" + f(X(start)) + "\" x2=\"" + f(X(t)) + "\" y1=\"" + y + "\" y2=\"" + y + "\"><title>" + esc(columns[ov[0]] + " " + ov[2]) + "</title></line>";
            });
          } else {
            s += "<text class=\"empty\" x=\"" + (W / 2) + "\" y=\"" + (H / 2) + "\" text-anchor=\"middle\">no 1-minute bars in this span (no adapter of this run reads bars)</text>";
          }
          s += "<line class=\"entry-line\" x1=\"" + f(X(t)) + "\" x2=\"" + f(X(t)) + "\" y1=\"" + top + "\" y2=\"" + (total - 2) + "\"><title>entry " + clock(t) + "</title></line>";
          reqs.forEach(function (r, ri) {
            var users = [];
            D.adapters.forEach(function (ad) { if (ad[3].indexOf(ri) >= 0) users.push(ad[0]); });
            var y = H + ri * laneH, start = e[4][ri], clipped = start < t0;
            s += "<rect class=\"lane\" x=\"" + f(clampX(start)) + "\" y=\"" + (y + 1) + "\" width=\"" + f(X(t) - clampX(start)) + "\" height=\"" + (laneH - 3) + "\"/>";
            s += "<text x=\"" + (L + 3) + "\" y=\"" + (y + 9) + "\">" + (clipped ? "\u25c2 " : "") + esc(r[0] + ": " + users.join(", ")) + "</text>";
          });
          return s + "</svg>";
        }
        function tape(i) {
          var e = D.entries[i], d = D.days[e[0]];
          if (e[6] <= e[5] && e[8] <= e[7]) return "";
          // The axis starts at the oldest trade or quote update shown (at most D.tape seconds back).
          var tr = d.trades, q = d.quotes, lo = Infinity, hi = -Infinity, k;
          var T = e[1] * 1000, first = T;
          if (e[6] > e[5]) first = Math.min(first, tr[e[5] * 4]);
          if (e[8] > e[7] + 1) first = Math.min(first, q[(e[7] + 1) * 3]);
          var T0 = Math.max(T - D.tape * 1000, first - Math.max(200, (T - first) / 50)), T1 = T + (T - T0) / 20;
          var steps = [1000, 2000, 5000, 10000, 15000, 30000, 60000], gs = 60000;
          for (k = 0; k < steps.length; k++) if ((T1 - T0) / steps[k] <= 8) { gs = steps[k]; break; }
          for (k = e[5]; k < e[6]; k++) { lo = Math.min(lo, tr[k * 4 + 1]); hi = Math.max(hi, tr[k * 4 + 1]); }
          for (k = e[7]; k < e[8]; k++) { if (q[k * 3 + 1] > 0) lo = Math.min(lo, q[k * 3 + 1]); if (q[k * 3 + 2] > 0) hi = Math.max(hi, q[k * 3 + 2]); }
          if (!(hi >= lo)) return "";
          if (hi === lo) { hi += 0.01; lo -= 0.01; }
          var pad = (hi - lo) * 0.08; hi += pad; lo -= pad;
          var H = 170, DH = 70, top = 6, plotH = H - top - 16, total = H + DH + 16;
          function X(x) { return Math.max(L, chartX(x, T0, T1)); }
          function Y(p) { return top + (hi - p) * plotH / (hi - lo); }
          var s = "<svg class=\"tape\" width=\"" + W + "\" height=\"" + total + "\" viewBox=\"0 0 " + W + " " + total + "\">";
          for (var g = Math.ceil(T0 / gs) * gs; g <= T1; g += gs) s += "<line class=\"grid\" x1=\"" + f(X(g)) + "\" x2=\"" + f(X(g)) + "\" y1=\"" + top + "\" y2=\"" + (total - 14) + "\"/><text class=\"axis\" x=\"" + f(X(g)) + "\" y=\"" + (total - 3) + "\" text-anchor=\"middle\">" + clock(g / 1000) + "</text>";
          for (k = 0; k <= 3; k++) { var p = lo + (hi - lo) * k / 3; s += "<text class=\"axis\" x=\"" + (L - 4) + "\" y=\"" + f(Y(p) + 3) + "\" text-anchor=\"end\">" + p.toFixed(2) + "</text>"; }
          var band = "";
          for (k = e[7]; k < e[8]; k++) {
            var b = q[k * 3 + 1], a2 = q[k * 3 + 2];
            if (!(b > 0 && a2 > 0)) continue;
            var x1 = X(q[k * 3]), x2 = k + 1 < e[8] ? X(q[k * 3 + 3]) : chartX(T, T0, T1);
            band += "M" + f(x1) + " " + f(Y(a2)) + "H" + f(Math.max(x2, x1 + 0.5)) + "V" + f(Y(b)) + "H" + f(x1) + "Z";
          }
          s += "<path class=\"band\" d=\"" + band + "\"><title>bid/ask</title></path>";
          var dots = {"1": "", "-1": "", "0": ""}, cum = 0, maxAbs = 0, deltas = [];
          for (k = e[5]; k < e[6]; k++) {
            var x = X(tr[k * 4]), y = Y(tr[k * 4 + 1]), size = tr[k * 4 + 2], side = tr[k * 4 + 3], r = Math.min(7, 1.2 + Math.sqrt(size) / 5);
            dots[String(side)] += "M" + f(x - r) + " " + f(y) + "a" + f(r) + " " + f(r) + " 0 1 0 " + f(2 * r) + " 0a" + f(r) + " " + f(r) + " 0 1 0 " + f(-2 * r) + " 0";
            cum += side * size; maxAbs = Math.max(maxAbs, Math.abs(cum)); deltas.push([x, cum]);
          }
          s += "<path class=\"buy\" d=\"" + dots["1"] + "\"/><path class=\"sell\" d=\"" + dots["-1"] + "\"/><path class=\"unk\" d=\"" + dots["0"] + "\"/>";
          var mid = H + DH / 2, scale = maxAbs > 0 ? (DH / 2 - 4) / maxAbs : 0, line = "";
          s += "<line class=\"zero\" x1=\"" + L + "\" x2=\"" + (W - R) + "\" y1=\"" + mid + "\" y2=\"" + mid + "\"/><text x=\"" + (L + 3) + "\" y=\"" + (H + 10) + "\">cumulative delta (Lee-Ready) of the trades shown: " + Math.round(cum) + "</text>";
          deltas.forEach(function (p, j) { line += (j ? "L" : "M") + f(p[0]) + " " + f(mid - p[1] * scale); });
          if (line) s += "<path class=\"delta\" d=\"" + line + "\"/>";
          var ex = f(chartX(T, T0, T1));
          s += "<line class=\"entry-line\" x1=\"" + ex + "\" x2=\"" + ex + "\" y1=\"" + top + "\" y2=\"" + (total - 14) + "\"/>";
          return s + "</svg>";
        }
        function lines(i) {
          var e = D.entries[i], t = e[1], out = "";
          D.adapters.forEach(function (a, ai) {
            var base = firstColumn[ai];
            var values = a[2].map(function (o, j) { return o + " " + num(e[3][base + j]); }).join(" \u00b7 ");
            var windows = a[3].map(function (r) {
              var q = D.requirements[r], st = e[4][r];
              return q[0] + " " + (q[2] !== null && q[2] > 0 ? "from 04:00 " + q[2] + " session" + (q[2] === 1 ? "" : "s") + " back" : clock(st)) + "\u2013" + clock(t);
            }).join("; ");
            var cell = D.audit && D.audit.cells[i] ? D.audit.cells[i][ai] : null;
            var verdict = cell === null ? "" : cell === 0 ? " \u2014 audit: pass" : cell === 1 ? " \u2014 audit: inconclusive" : " \u2014 <span class=\"fail-text\">audit: FAIL " + esc(D.audit.failures[cell - 2][0] + " " + D.audit.failures[cell - 2][1]) + "</span>";
            out += "<li><b>" + esc(a[0]) + "</b> (" + esc(a[1]) + "): " + esc(values) + "; window " + esc(windows) + verdict + "</li>";
          });
          return "<ul class=\"lines\">" + out + "</ul>";
        }
        function draw(i) {
          var panel = document.getElementById("entry-" + i);
          if (!panel || panel.getAttribute("data-drawn")) return;
          try {
            panel.querySelector(".figs").innerHTML = candles(i) + tape(i);
            panel.querySelector(".text").innerHTML = lines(i);
            panel.setAttribute("data-drawn", "1");
            drawn += 1;
          } catch (err) { errors.push("entry " + (i + 1) + ": " + (err && err.message ? err.message : String(err))); }
        }
        function buildPanels() {
          var list = document.getElementById("panel-list"), html = [];
          D.entries.forEach(function (e, i) {
            var v = verdicts(i);
            html.push("<article class=\"entry\" id=\"entry-" + i + "\" data-entry=\"" + i + "\"><h3>" + esc(label(i)) + " New York" + (v ? " \u2014 audit: " + v[0] + " pass, " + v[2] + " fail, " + v[1] + " inconclusive" : "") + "</h3><div class=\"figs\"></div><div class=\"text\"></div></article>");
          });
          list.innerHTML = html.join("");
          var n = D.entries.length;
          var eager = n <= EAGER ? n : 30;
          for (var i = 0; i < eager; i++) draw(i);
          if (n > eager && "IntersectionObserver" in window) {
            var seen = new IntersectionObserver(function (items) {
              items.forEach(function (it) { if (it.isIntersecting) { draw(Number(it.target.getAttribute("data-entry"))); seen.unobserve(it.target); } });
            }, { rootMargin: "600px" });
            Array.prototype.forEach.call(list.querySelectorAll("article.entry"), function (el, j) { if (j >= eager) seen.observe(el); });
          }
        }
        function step(name, fn) { try { fn(); } catch (err) { errors.push(name + ": " + (err && err.message ? err.message : String(err))); } }
        step("table", buildTable);
        step("heatmap", buildHeatmap);
        step("panels", buildPanels);
        var status = document.createElement("div");
        status.id = "render-status";
        status.setAttribute("data-errors", String(errors.length));
        status.setAttribute("data-panels-drawn", String(drawn));
        status.setAttribute("hidden", "");
        status.textContent = errors.join("\n");
        document.body.appendChild(status);
        document.body.setAttribute("data-errors", String(errors.length));
        document.body.setAttribute("data-panels-drawn", String(drawn));
        })();

        """#
}
