// A drill choice's "跳转到步骤" dropdown lists the steps on the page, including ones not saved
// yet: the options are rebuilt from the step-code fields whenever a dropdown is opened.
(function () {
  "use strict";

  function stepsOnPage() {
    const steps = [];
    document.querySelectorAll('input[name^="steps-"][name$="-key"]').forEach(function (input) {
      const prefix = input.name.slice(0, -"key".length);
      if (!/^steps-\d+-$/.test(prefix)) return;
      const deleted = document.querySelector('input[name="' + prefix + 'DELETE"]');
      if (deleted && deleted.value === "1") return;
      const key = input.value.trim();
      const title = document.querySelector('input[name="' + prefix + 'title"]');
      if (key) steps.push({ key: key, title: title ? title.value.trim() : "" });
    });
    return steps;
  }

  function refresh(select) {
    const current = select.value;
    const blank = select.querySelector('option[value=""]');
    const blankLabel = blank ? blank.textContent : "";
    select.textContent = "";
    select.add(new Option(blankLabel, ""));
    let found = current === "";
    stepsOnPage().forEach(function (step) {
      select.add(new Option(step.title ? step.key + " · " + step.title : step.key, step.key));
      if (step.key === current) found = true;
    });
    if (!found) select.add(new Option(current, current));
    select.value = current;
  }

  function refreshAll() {
    document.querySelectorAll("select[data-drill-step-select]").forEach(refresh);
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("select[data-drill-step-select]")) {
      refresh(event.target);
    }
  });
  document.addEventListener("mousedown", function (event) {
    if (event.target.matches && event.target.matches("select[data-drill-step-select]")) {
      refresh(event.target);
    }
  });
  document.addEventListener("DOMContentLoaded", refreshAll);
})();
