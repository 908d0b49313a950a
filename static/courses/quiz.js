/* Quiz countdown: shows the time left. The server enforces the limit; this only informs. */
(function () {
  "use strict";
  var box = document.querySelector("[data-deadline]");
  if (!box) return;
  var deadline = new Date(box.getAttribute("data-deadline")).getTime();
  var out = box.querySelector("[data-countdown]");
  function tick() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    out.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    if (left > 0) setTimeout(tick, 1000);
  }
  tick();
})();
