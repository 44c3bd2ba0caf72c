// Knowledge-base editor: insert an attached image's Markdown at the cursor of the body field
// (the live preview follows through htmx, which listens to the field's input event).
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var button = e.target.closest("[data-insert-md]");
    var box = document.getElementById("id_body");
    if (!button || !box) return;
    var md = button.dataset.insertMd;
    var start = box.selectionStart, end = box.selectionEnd;
    box.value = box.value.slice(0, start) + md + box.value.slice(end);
    box.selectionStart = box.selectionEnd = start + md.length;
    box.focus();
    box.dispatchEvent(new Event("input", { bubbles: true }));
  });
})();
