// Behaviour for the public pages, kept out of the HTML so the Content-Security-Policy
// can forbid inline scripts: filters that apply on change, confirmations, the phone menu.
(function () {
  "use strict";
  // The phone menu starts closed only where this script runs; without it the links stay visible.
  document.documentElement.classList.add("js");
  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-autosubmit]");
    if (field && field.form) field.form.requestSubmit();
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) event.preventDefault();
    var toggle = event.target.closest("[data-menu-toggle]");
    if (toggle) {
      var header = toggle.closest("[data-site-header]");
      var open = header.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var header = document.querySelector("[data-site-header].open");
    if (!header) return;
    header.classList.remove("open");
    var toggle = header.querySelector("[data-menu-toggle]");
    toggle.setAttribute("aria-expanded", "false");
    toggle.focus();
  });
})();
