// As-you-type suggestions for every search box with data-suggest-url (header and /search/).
(function () {
  "use strict";

  function attach(input) {
    var url = input.getAttribute("data-suggest-url");
    var form = input.form;
    if (!url || !form) return;
    var listId = "suggest-" + Math.random().toString(36).slice(2);
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    // Styled here so that every page's header box works without another stylesheet.
    list.style.cssText =
      "position:absolute;top:100%;left:0;right:0;z-index:20;list-style:none;margin:.2rem 0 0;padding:.2rem 0;" +
      "background:#fff;border:1px solid #d9dee5;border-radius:8px;box-shadow:0 4px 12px rgba(0,0,0,.08);min-width:14rem";
    form.style.position = "relative";
    form.appendChild(list);
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listId);

    var timer = null;
    var active = -1;
    var lastQuery = "";
    var controller = null;

    function close() {
      list.hidden = true;
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }

    function choose(title) {
      input.value = title;
      close();
      form.submit();
    }

    function render(titles) {
      list.textContent = "";
      active = -1;
      titles.forEach(function (title, i) {
        var item = document.createElement("li");
        item.id = listId + "-" + i;
        item.setAttribute("role", "option");
        item.textContent = title; // text only: titles are never parsed as HTML
        item.style.cssText = "padding:.35rem .7rem;cursor:pointer";
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(title);
        });
        list.appendChild(item);
      });
      list.hidden = titles.length === 0;
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (!query) { close(); return; }
      if (controller) controller.abort();
      controller = "AbortController" in window ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === query) render(data.suggestions || []); })
        .catch(function () { /* offline or aborted: no suggestions */ });
    }

    function move(step) {
      var items = list.children;
      if (!items.length) return;
      if (active >= 0) {
        items[active].removeAttribute("aria-selected");
        items[active].style.background = "";
      }
      active = (active + step + items.length) % items.length;
      items[active].setAttribute("aria-selected", "true");
      items[active].style.background = "#eef2f7";
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    // compositionend: Chinese IMEs commit characters after composing; suggest on the committed text.
    var composing = false;
    input.addEventListener("compositionstart", function () { composing = true; });
    input.addEventListener("compositionend", function () { composing = false; fetchSuggestions(); });
    input.addEventListener("input", function () {
      if (composing) return;
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(list.children[active].textContent); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  function init() {
    document.querySelectorAll("input[data-suggest-url]").forEach(attach);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
