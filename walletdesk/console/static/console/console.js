// Console behaviour: keyboard shortcuts, reply/note tabs, and collision detection
// (a websocket per ticket page, with HTTP polling when the socket cannot connect).
(function () {
  "use strict";
  function typingInField(e) {
    var t = e.target;
    return t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName);
  }
  function focus(id) { var el = document.getElementById(id); if (el) { el.focus(); return true; } return false; }
  function showTab(id) {
    document.querySelectorAll("[data-tab]").forEach(function (b) {
      var on = b.dataset.tab === id;
      b.setAttribute("aria-selected", on ? "true" : "false");
      document.getElementById(b.dataset.tab).hidden = !on;
    });
  }
  function insertReply(text) {
    var box = document.getElementById("reply-body");
    if (!box || !text) return;
    box.value = box.value ? box.value.replace(/\s*$/, "\n\n") + text : text;
    box.focus();
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }
  // A macro fills the reply box in the ticket's language and shows what it sets on send;
  // the select posts with the reply, so the server applies its status and tags.
  function applyMacro(select) {
    var opt = select.options[select.selectedIndex];
    var hint = document.getElementById("macro-effects");
    if (hint) hint.textContent = opt.dataset.effects || "";
    if (!select.value) return;
    var status = document.getElementById("reply-status");
    if (status && opt.dataset.status) status.value = opt.dataset.status;
    insertReply(opt.dataset.body);
  }
  document.addEventListener("change", function (e) {
    if (e.target.matches("[data-macro]")) applyMacro(e.target);
  });
  document.addEventListener("click", function (e) {
    var ins = e.target.closest("[data-insert]");
    if (ins) insertReply(ins.dataset.insert);
    var tab = e.target.closest("[data-tab]");
    if (tab) showTab(tab.dataset.tab);
    var row = e.target.closest("tr[data-href]");
    if (row && !e.target.closest("a,button")) window.location = row.dataset.href;
  });

  // --- queue: j/k move, Enter opens ---
  var current = -1;
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("tr[data-href]")); }
  function move(step) {
    var r = rows(); if (!r.length) return;
    if (r[current]) r[current].classList.remove("current");
    current = Math.max(0, Math.min(r.length - 1, current + step));
    r[current].classList.add("current");
    r[current].querySelector("a").focus();
  }
  var keys = {
    "/": function () { return focus("q"); },
    j: function () { move(1); return true; },
    k: function () { move(-1); return true; },
    r: function () { showTab("reply-form"); return focus("reply-body"); },
    n: function () { showTab("note-form"); return focus("note-body"); },
    t: function () { var b = document.getElementById("take-btn"); if (b) b.click(); return !!b; },
    s: function () { return focus("to-status"); },
    e: function () {
      var d = document.getElementById("esc-team"); if (!d) return false;
      d.closest("details").open = true; d.focus(); return true;
    },
    u: function () { var a = document.querySelector(".brand"); window.location = a.href; return true; }
  };
  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && e.target.id === "kb-q") { e.preventDefault(); return; }
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter" && e.target.form) {
      e.preventDefault(); e.target.form.requestSubmit(); return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || typingInField(e)) return;
    var fn = keys[e.key];
    if (fn && fn()) e.preventDefault();
  });

  // --- queue counts: loaded after the page, refreshed every 30 s ---
  var countsNav = document.querySelector("[data-counts]");
  function loadCounts() {
    fetch(countsNav.dataset.counts, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (counts) {
        document.querySelectorAll("[data-count]").forEach(function (el) {
          var n = counts[el.dataset.count];
          el.textContent = n === undefined ? "" : n;
        });
      });
  }
  if (countsNav) { loadCounts(); setInterval(loadCounts, 30000); }

  // --- collision detection ---
  var box = document.getElementById("presence");
  if (!box) return;
  var state = "viewing", others = {}, socket = null, pollTimer = null, idleTimer = null;
  function render(list) {
    var typing = list.filter(function (p) { return p.state === "typing"; }).map(function (p) { return p.name; });
    var viewing = list.filter(function (p) { return p.state !== "typing"; }).map(function (p) { return p.name; });
    var parts = [];
    if (typing.length) parts.push(box.dataset.typing.replace("%(names)s", typing.join(", ")));
    if (viewing.length) parts.push(box.dataset.viewing.replace("%(names)s", viewing.join(", ")));
    box.textContent = parts.join(" · ");
  }
  function renderOthers() {
    render(Object.keys(others).map(function (k) { return others[k]; }));
  }
  function send() {
    if (socket && socket.readyState === 1) socket.send(JSON.stringify({ state: state }));
    else if (pollTimer) poll();
  }
  function setState(s) { if (s !== state) { state = s; send(); } }
  document.addEventListener("input", function (e) {
    if (!e.target.matches("[data-typing]")) return;
    setState(e.target.value ? "typing" : "viewing");
    clearTimeout(idleTimer);
    idleTimer = setTimeout(function () { setState("viewing"); }, 8000);
  });
  document.addEventListener("htmx:afterSwap", function () { setState("viewing"); });
  function refreshBody() {
    if (document.activeElement && document.activeElement.matches("textarea") && document.activeElement.value) return;
    if (window.htmx) htmx.ajax("GET", box.dataset.body, { target: "#ticket-body", swap: "outerHTML" });
  }
  function poll() {
    var form = new FormData();
    form.append("state", state);
    fetch(box.dataset.poll, { method: "POST", body: form, credentials: "same-origin",
      headers: { "X-CSRFToken": (document.querySelector("[name=csrfmiddlewaretoken]") || {}).value || "" } })
      .then(function (r) { return r.ok ? r.json() : { others: [] }; })
      .then(function (d) { render(d.others); });
  }
  function startPolling() {
    if (pollTimer) return;
    poll(); pollTimer = setInterval(poll, 5000);
  }
  function connect() {
    if (!("WebSocket" in window)) return startPolling();
    var proto = location.protocol === "https:" ? "wss://" : "ws://";
    var opened = false;
    try { socket = new WebSocket(proto + location.host + box.dataset.ws); } catch (err) { return startPolling(); }
    socket.onopen = function () {
      opened = true; send();
      setInterval(function () { send(); }, 10000);
    };
    socket.onmessage = function (msg) {
      var d = JSON.parse(msg.data);
      if (d.type === "presence") {
        if (d.state === "left") delete others[d.agent]; else others[d.agent] = { name: d.name, state: d.state };
        renderOthers();
      } else if (d.type === "updated") {
        refreshBody();
      }
    };
    socket.onclose = function () { socket = null; if (!opened) startPolling(); else setTimeout(connect, 3000); };
  }
  connect();
})();
