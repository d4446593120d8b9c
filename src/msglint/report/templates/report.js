"use strict";
(function () {
  // Every value below came from linted pages: it is only ever set with textContent, and a
  // URL becomes a link only when it is http(s).
  var data = JSON.parse(document.getElementById("data").textContent);
  // Screenshot evidence, each image once: key -> data: URI of a PNG (html.py checked it).
  var shots = JSON.parse(document.getElementById("shots").textContent);
  var PAGE = 100;
  var page = 0;
  var shown = data;
  var $ = function (id) { return document.getElementById(id); };
  var fSource = $("f-source"), fRule = $("f-rule"), fSev = $("f-sev"), fQ = $("f-q");
  var fFlagged = $("f-flagged"), list = $("list"), count = $("f-count");
  var hay = data.map(function (f) {
    return [f.msg, f.rule, f.src, f.path, f.sel, f.product, f.exp, f.act,
      f.ctx ? f.ctx.pre + f.ctx.match + f.ctx.post : ""].join("\u0001").toLowerCase();
  });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function isHttp(u) { return typeof u === "string" && /^https?:\/\/[^\s]+$/i.test(u); }
  function link(u, text) {
    if (!isHttp(u)) return el("span", null, text);
    var a = el("a", null, text);
    a.href = u;
    a.rel = "noopener noreferrer nofollow";
    return a;
  }
  var NOW = Date.parse(document.body.dataset.now || "") || Date.now();
  function ago(iso) {
    var t = Date.parse(iso);
    if (isNaN(t)) return String(iso);
    var hours = (NOW - t) / 3600000;
    if (hours < 1) return "within the last hour";
    if (hours < 48) return Math.round(hours) + " hours ago";
    var days = Math.round(hours / 24);
    if (days < 60) return days + " days ago";
    return Math.round(days / 30.4) + " months ago";
  }
  function where(f) {
    var s = f.path || "";
    if (f.page) s += " (page " + f.page + (f.line ? ", line " + f.line : "") + ")";
    else if (f.line) s += ":" + f.line + (f.col ? ":" + f.col : "");
    return s;
  }
  function sideBySide(sbs) {
    // The reference's passage and the partner's, the words that differ marked.
    var box = el("div", "sbs");
    [["expected", sbs.exp], ["actual", sbs.act]].forEach(function (side) {
      var col = el("p", "sbs-" + side[0]);
      col.appendChild(el("span", "sbs-label", side[0] === "expected" ? "reference: " : "partner: "));
      side[1].forEach(function (run, k) {
        if (k) col.appendChild(document.createTextNode(" "));
        if (run[1]) col.appendChild(el("mark", null, run[0]));
        else col.appendChild(document.createTextNode(run[0]));
      });
      box.appendChild(col);
    });
    return box;
  }
  function isPng(u) { return typeof u === "string" && /^data:image\/png;base64,[A-Za-z0-9+\/]+=*$/.test(u); }
  function shot(f) {
    // The element as it looked when checked (URL and time are in the image's caption band),
    // or why there is no image: the text evidence above stands either way.
    var fig = el("figure", "shot");
    var src = f.shot ? shots[f.shot] : null;
    if (isPng(src)) {
      var img = el("img");
      img.alt = "Screenshot of the element this finding points at on " + (f.url || f.rawurl || f.path || "the page");
      img.decoding = "async";
      img.src = src;
      fig.appendChild(img);
    }
    if (f.shotnote) fig.appendChild(el("figcaption", null, f.shotnote));
    return fig;
  }
  function row(f) {
    var li = el("li");
    li.dataset.source = f.src;
    var head = el("div", "head");
    head.appendChild(el("span", "sev sev-" + f.sev, f.sev));
    head.appendChild(el("span", "msg", f.msg));
    head.appendChild(el("code", "rule", f.rule));
    if (f.overdue) head.appendChild(el("span", "overdue", "overdue: " + f.overdue));
    li.appendChild(head);
    var w = el("div", "where");
    w.appendChild(el("strong", null, f.src + " "));
    if (f.url) { w.appendChild(link(f.url, f.url)); w.appendChild(document.createTextNode(" ")); }
    else if (f.rawurl) w.appendChild(el("span", null, f.rawurl + " "));
    w.appendChild(el("span", null, where(f)));
    if (f.sel) { w.appendChild(document.createTextNode(" at ")); w.appendChild(el("code", null, f.sel)); }
    li.appendChild(w);
    if (f.ctx) {
      var c = el("p", "ctx");
      c.appendChild(document.createTextNode(f.ctx.pre));
      if (f.ctx.match) c.appendChild(el("mark", null, f.ctx.match));
      c.appendChild(document.createTextNode(f.ctx.post));
      li.appendChild(c);
    }
    if (f.sbs) li.appendChild(sideBySide(f.sbs));
    if (f.shot || f.shotnote) li.appendChild(shot(f));
    var extra = [];
    if (f.product) extra.push("product: " + f.product);
    if (f.exp) extra.push("expected: " + f.exp);
    if (f.act && !f.ctx) extra.push("actual: " + f.act);
    if (f.ref) extra.push("reference: " + (f.ref.src || "") + " " + (f.ref.url ? f.ref.url + (f.ref.line ? ":" + f.ref.line : "") : where(f.ref)));
    if (extra.length || f.first) {
      var ex = el("div", "extra", extra.join(" · "));
      if (f.first) {
        // A readable age; the exact stamp is the tooltip.
        var seen = el("span", "first", (extra.length ? " · " : "") + "first seen " + ago(f.first));
        seen.title = f.first;
        ex.appendChild(seen);
      }
      li.appendChild(ex);
    }
    if (f.link) { var more = el("div", "extra"); more.appendChild(link(f.link, "rule documentation")); li.appendChild(more); }
    return li;
  }
  function draw() {
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    if (page >= pages) page = pages - 1;
    var frag = document.createDocumentFragment();
    var end = Math.min(shown.length, (page + 1) * PAGE);
    for (var i = page * PAGE; i < end; i++) frag.appendChild(row(shown[i]));
    list.replaceChildren(frag);
    $("page").textContent = "page " + (page + 1) + " of " + pages;
    $("prev").disabled = page === 0;
    $("next").disabled = page >= pages - 1;
    count.textContent = shown.length + " of " + data.length + " findings";
  }
  function apply() {
    var src = fSource.value, rule = fRule.value, sev = fSev.value;
    var q = fQ.value.trim().toLowerCase();
    shown = data.filter(function (f, i) {
      return (!src || f.src === src) && (!rule || f.rule === rule) &&
        (!sev || f.sev === sev) && (!q || hay[i].indexOf(q) !== -1);
    });
    page = 0;
    draw();
    document.querySelectorAll(".score[data-source], #scorecard tr.partner[data-source]").forEach(function (e) {
      e.hidden = !!src && e.dataset.source !== src;
    });
    recount();
    document.querySelectorAll(".product").forEach(function (card) {
      var sources = card.dataset.sources ? card.dataset.sources.split(" ") : [];
      var hide = (fFlagged.checked && card.classList.contains("clean")) ||
        (!!src && sources.indexOf(src) === -1) ||
        (!!q && card.textContent.toLowerCase().indexOf(q) === -1);
      card.hidden = hide;
      card.querySelectorAll("[data-source]").forEach(function (cell) {
        cell.hidden = !!src && cell.dataset.source !== src && !cell.classList.contains("ref");
      });
    });
  }
  function recount() {
    // The count tables follow the filters: what is listed below is what is counted here.
    var bySrc = {}, byRule = {};
    shown.forEach(function (f) {
      var row = bySrc[f.src] || (bySrc[f.src] = { error: 0, warning: 0, info: 0 });
      row[f.sev] = (row[f.sev] || 0) + 1;
      byRule[f.rule] = (byRule[f.rule] || 0) + 1;
    });
    document.querySelectorAll("table.counts tr[data-source]").forEach(function (tr) {
      var row = bySrc[tr.dataset.source];
      tr.hidden = !row;
      tr.querySelectorAll("td[data-sev]").forEach(function (td) {
        td.textContent = String(row ? row[td.dataset.sev] || 0 : 0);
      });
    });
    document.querySelectorAll("#rule-counts tr[data-rule]").forEach(function (tr) {
      var n = byRule[tr.dataset.rule] || 0;
      tr.hidden = !n;
      tr.lastElementChild.textContent = String(n);
    });
    var note = $("counts-note");
    note.hidden = shown.length === data.length;
    note.textContent = "Counting the " + shown.length + " of " + data.length +
      " findings the filters select.";
  }
  var timer = null;
  fQ.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
  [fSource, fRule, fSev, fFlagged].forEach(function (e) { e.addEventListener("change", apply); });
  $("prev").addEventListener("click", function () { page--; draw(); list.scrollIntoView(); });
  $("next").addEventListener("click", function () { page++; draw(); list.scrollIntoView(); });
  apply();
})();
