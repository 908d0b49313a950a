// Behaviour for the public pages, kept out of the HTML so the Content-Security-Policy
// can forbid inline scripts: filters that apply on change, and confirmations.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-autosubmit]");
    if (field && field.form) field.form.requestSubmit();
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) event.preventDefault();
  });
})();
