// newsledger UI: small progressive enhancements. Served as a file (the CSP
// forbids inline scripts); handlers are attached here, never from markup.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  // Evidence view: show or hide each kind of highlighted field.
  document.querySelectorAll("input.kind-toggle").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-k-" + box.value, !box.checked);
    });
  });

  // Evidence view: removed boilerplate, hidden by default.
  var button = document.getElementById("toggle-removed");
  var removed = document.getElementById("removed");
  if (button && removed) {
    var label = button.textContent;
    button.addEventListener("click", function () {
      var show = removed.hidden;
      removed.hidden = !show;
      button.setAttribute("aria-expanded", String(show));
      button.textContent = show ? label.replace("Show", "Hide") : label;
      if (show) removed.scrollIntoView({ behavior: "smooth", block: "start" });
    });
  }

  // Evidence view opened for one event: bring its first span into view.
  var focus = document.querySelector("#article-text mark.focus");
  if (focus) focus.scrollIntoView({ block: "center" });
});
