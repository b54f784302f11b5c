// chronicle: small enhancements. Every page works without this script.
(function () {
  "use strict";
  // Article page: the highlight checkboxes toggle the highlighting of one kind.
  var text = document.getElementById("article-text");
  if (text) {
    document.querySelectorAll("fieldset.legend input[data-kind]").forEach(function (box) {
      box.addEventListener("change", function () {
        text.classList.toggle("off-" + box.dataset.kind, !box.checked);
      });
    });
    // Focusing an item of the side lists flashes its marks in the text.
    document.querySelectorAll(".extractions li[id^='d-']").forEach(function (li) {
      li.addEventListener("mouseenter", function () { flash(li.id.slice(2), true); });
      li.addEventListener("mouseleave", function () { flash(li.id.slice(2), false); });
    });
  }
  function flash(id, on) {
    text.querySelectorAll('[data-id="' + CSS.escape(id) + '"]').forEach(function (m) {
      m.classList.toggle("flash", on);
    });
  }
})();
