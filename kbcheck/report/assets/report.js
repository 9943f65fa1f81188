"use strict";
(function () {
  var data = JSON.parse(document.getElementById("kb-findings").textContent);
  var SEVERITIES = data.severities;
  var PAGE = 200;
  var rows = data.rows; // [path index, line, column, rule index, severity index, message]
  var lowered = null; // search text per row, built on the first search
  var state = { sort: 0, dir: 1, shown: PAGE, matching: rows };
  var $ = function (id) { return document.getElementById(id); };
  var body = $("findings-body");
  var count = $("findings-count");
  var controls = { locale: $("f-locale"), rule: $("f-rule"), severity: $("f-severity"),
                   path: $("f-path"), search: $("f-search") };

  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value; o.textContent = label; select.appendChild(o);
  }
  data.locales.forEach(function (l) { option(controls.locale, l, l); });
  data.rules.forEach(function (r, i) { option(controls.rule, String(i), r[0] + " " + r[1]); });
  SEVERITIES.forEach(function (s, i) { option(controls.severity, String(i), s); });

  function cell(tr, text, cls) {
    var td = document.createElement("td");
    if (cls) td.className = cls;
    if (text !== null) td.textContent = text;
    tr.appendChild(td);
    return td;
  }
  function href(path) {
    return data.link_base === null ? null : data.link_base + encodeURI(path).replace(/#/g, "%23").replace(/\?/g, "%3F");
  }
  function draw(limit) {
    var frag = document.createDocumentFragment();
    var list = state.matching;
    var n = Math.min(limit, list.length);
    for (var i = 0; i < n; i++) {
      var r = list[i];
      var path = data.paths[r[0]];
      var rule = data.rules[r[3]];
      var tr = document.createElement("tr");
      var where = cell(tr, null, "mono");
      var url = href(path);
      var a = document.createElement(url === null ? "span" : "a");
      if (url !== null) a.href = url;
      a.textContent = path + ":" + r[1] + ":" + r[2];
      where.appendChild(a);
      cell(tr, data.path_locale[r[0]] || "");
      var rc = cell(tr, null, "mono");
      var ra = document.createElement("a");
      ra.href = "#rule-" + rule[0];
      ra.textContent = rule[0];
      ra.title = rule[1];
      rc.appendChild(ra);
      cell(tr, SEVERITIES[r[4]], "sev-" + SEVERITIES[r[4]]);
      cell(tr, r[5]);
      frag.appendChild(tr);
    }
    body.replaceChildren(frag);
    state.shown = n;
    count.textContent = "Showing " + n + " of " + list.length + " matching findings (" + rows.length + " in all)";
    count.setAttribute("data-matching", String(list.length));
    count.setAttribute("data-shown", String(n));
    $("findings-more").hidden = n >= list.length;
  }
  function keyOf(r, column) {
    switch (column) {
      case 0: return data.paths[r[0]];
      case 1: return data.path_locale[r[0]] || "";
      case 2: return data.rules[r[3]][0];
      case 3: return r[4];
      default: return r[5];
    }
  }
  function compare(a, b) {
    var c = state.sort;
    var x = keyOf(a, c), y = keyOf(b, c);
    if (x < y) return -state.dir;
    if (x > y) return state.dir;
    // then by place, so the order is stable and readable
    if (a[0] !== b[0]) { x = data.paths[a[0]]; y = data.paths[b[0]]; return x < y ? -1 : 1; }
    return a[1] - b[1] || a[2] - b[2];
  }
  function apply() {
    var locale = controls.locale.value, rule = controls.rule.value, sev = controls.severity.value;
    var path = controls.path.value.trim().toLowerCase();
    var words = controls.search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length && lowered === null) {
      lowered = rows.map(function (r) {
        var rl = data.rules[r[3]];
        return (data.paths[r[0]] + " " + rl[0] + " " + rl[1] + " " + r[5]).toLowerCase();
      });
    }
    var out = [];
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if (locale && data.path_locale[r[0]] !== locale) continue;
      if (rule && String(r[3]) !== rule) continue;
      if (sev && String(r[4]) !== sev) continue;
      if (path && data.paths[r[0]].toLowerCase().indexOf(path) < 0) continue;
      if (words.length) {
        var text = lowered[i], ok = true;
        for (var w = 0; w < words.length && ok; w++) ok = text.indexOf(words[w]) >= 0;
        if (!ok) continue;
      }
      out.push(r);
    }
    out.sort(compare);
    state.matching = out;
    draw(PAGE);
  }
  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(apply, 120); }
  controls.locale.addEventListener("change", apply);
  controls.rule.addEventListener("change", apply);
  controls.severity.addEventListener("change", apply);
  controls.path.addEventListener("input", later);
  controls.search.addEventListener("input", later);
  $("findings-more").addEventListener("click", function () { draw(state.shown + PAGE); });
  Array.prototype.forEach.call(document.querySelectorAll("#findings-table th[data-col]"), function (th) {
    th.querySelector("button").addEventListener("click", function () {
      var col = Number(th.getAttribute("data-col"));
      state.dir = state.sort === col ? -state.dir : 1;
      state.sort = col;
      Array.prototype.forEach.call(document.querySelectorAll("#findings-table th[data-col]"), function (o) {
        o.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
      apply();
    });
  });
  // A rule link in the table, or in the address, opens that rule's explanation.
  function openRule() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.tagName === "DETAILS") target.open = true;
  }
  window.addEventListener("hashchange", openRule);
  openRule();
  document.addEventListener("keydown", function (event) {
    var tag = (event.target && event.target.tagName) || "";
    if (event.key === "/" && !/^(INPUT|SELECT|TEXTAREA)$/.test(tag)) {
      event.preventDefault();
      controls.search.focus();
    }
  });
  // Printing shows every matching finding and every explanation.
  window.addEventListener("beforeprint", function () {
    draw(state.matching.length);
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
  draw(PAGE); // the rows come sorted by path and place
  if (window.performance && performance.mark) performance.mark("kbcheck-table-drawn");
})();
