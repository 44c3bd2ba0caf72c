// Shared by the portal and the console: language switch on change, live SLA countdowns.
(function () {
  "use strict";
  document.addEventListener("change", function (e) {
    if (e.target.matches("[data-autosubmit]")) e.target.form.submit();
  });
  document.documentElement.classList.add("js");

  function fmt(seconds) {
    var neg = seconds < 0, s = Math.abs(Math.round(seconds));
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    var out = d ? d + "d " + h + "h" : h ? h + "h " + m + "m" : m + "m " + (s % 60) + "s";
    return (neg ? "−" : "") + out;
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-due]").forEach(function (el) {
      var due = Date.parse(el.dataset.due);
      if (isNaN(due)) return;
      var left = (due - now) / 1000, total = parseFloat(el.dataset.total || "0");
      el.querySelector(".countdown").textContent = fmt(left);
      el.classList.toggle("sla-breached", left < 0);
      el.classList.toggle("sla-warning", left >= 0 && total > 0 && left < total * 0.2);
    });
  }
  // Times are rendered in UTC; show them in the reader's own time zone.
  function localTimes() {
    var lang = document.documentElement.lang || undefined;
    document.querySelectorAll("time[datetime]:not([data-local])").forEach(function (el) {
      var d = new Date(el.getAttribute("datetime"));
      if (isNaN(d)) return;
      el.textContent = d.toLocaleString(lang, { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
      el.title = el.getAttribute("datetime");
      el.dataset.local = "1";
    });
  }
  document.addEventListener("DOMContentLoaded", localTimes);
  document.addEventListener("htmx:afterSwap", localTimes);
  window.walletdeskTick = tick;
  document.addEventListener("DOMContentLoaded", function () { tick(); setInterval(tick, 1000); });
  document.addEventListener("htmx:afterSwap", tick);
})();
