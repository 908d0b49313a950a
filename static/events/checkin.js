// Check-in desk: type a code, look a name up, or scan a QR code where the browser has BarcodeDetector.
(function () {
  const root = document.querySelector(".checkin");
  if (!root) return;
  const T = JSON.parse(document.getElementById("checkin-strings").textContent);
  const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  const result = document.getElementById("checkin-result");

  function show(ok, message) {
    result.textContent = message;
    result.className = "checkin-result " + (ok ? "ok" : "refused");
  }

  function setCounts(counts) {
    document.getElementById("count-checked-in").textContent = counts.checked_in;
    document.getElementById("count-confirmed").textContent = counts.confirmed;
    document.getElementById("count-waitlisted").textContent = counts.waitlisted;
  }

  async function submit(data) {
    const body = new URLSearchParams(data);
    try {
      const response = await fetch(root.dataset.scanUrl, {
        method: "POST",
        headers: { "X-CSRFToken": csrf, Accept: "application/json" },
        body: body,
        credentials: "same-origin",
      });
      const json = await response.json();
      show(json.ok, json.message);
      if (json.counts) setCounts(json.counts);
      refresh();
      return json.ok;
    } catch (e) {
      show(false, T.networkError);
      return false;
    }
  }

  document.getElementById("code-form").addEventListener("submit", function (event) {
    event.preventDefault();
    const input = document.getElementById("code-input");
    if (!input.value.trim()) return;
    submit({ code: input.value }).then(function () {
      input.value = "";
      input.focus();
    });
  });

  // Name / phone lookup.
  const lookup = document.getElementById("lookup-input");
  const list = document.getElementById("lookup-results");
  let timer = null;
  lookup.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(async function () {
      const q = lookup.value.trim();
      list.innerHTML = "";
      if (!q) return;
      const response = await fetch(root.dataset.lookupUrl + "?q=" + encodeURIComponent(q), { credentials: "same-origin" });
      const json = await response.json();
      if (!json.results.length) {
        const li = document.createElement("li");
        li.className = "muted";
        li.textContent = T.none;
        list.appendChild(li);
      }
      json.results.forEach(function (row) {
        const li = document.createElement("li");
        const label = document.createElement("span");
        label.textContent = row.name + " " + row.phone + " · " + row.status;
        li.appendChild(label);
        if (!row.checked_in) {
          const button = document.createElement("button");
          button.type = "button";
          button.className = "button small";
          button.textContent = T.checkIn;
          button.addEventListener("click", function () {
            submit({ registration: row.id }).then(function (ok) {
              if (ok) { button.remove(); label.textContent = row.name + " · " + T.checkedIn; }
            });
          });
          li.appendChild(button);
        }
        list.appendChild(li);
      });
    }, 250);
  });

  // Live counts and the latest check-ins, polled.
  async function refresh() {
    try {
      const response = await fetch(root.dataset.countsUrl, { credentials: "same-origin" });
      const json = await response.json();
      setCounts(json.counts);
      const recent = document.getElementById("recent");
      recent.innerHTML = "";
      if (!json.recent.length) {
        const li = document.createElement("li");
        li.className = "muted";
        li.textContent = T.noneYet;
        recent.appendChild(li);
      }
      json.recent.forEach(function (row) {
        const li = document.createElement("li");
        li.textContent = row.name + " · " + row.code;
        recent.appendChild(li);
      });
    } catch (e) { /* next poll will retry */ }
  }
  refresh();
  setInterval(refresh, 5000);

  // Camera scanning: progressive enhancement where BarcodeDetector and a camera exist.
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  const start = document.getElementById("scanner-start");
  const box = document.getElementById("scanner");
  const video = document.getElementById("scanner-video");
  let stream = null;
  let last = "";
  start.hidden = false;
  start.addEventListener("click", async function () {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch (e) {
      show(false, T.cameraError);
      return;
    }
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    video.srcObject = stream;
    await video.play();
    box.hidden = false;
    start.hidden = true;
    async function tick() {
      if (!stream) return;
      try {
        const codes = await detector.detect(video);
        if (codes.length && codes[0].rawValue !== last) {
          last = codes[0].rawValue;
          await submit({ code: last });
          setTimeout(function () { last = ""; }, 3000);
        }
      } catch (e) { /* frame not ready */ }
      requestAnimationFrame(tick);
    }
    tick();
  });
  document.getElementById("scanner-stop").addEventListener("click", function () {
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    box.hidden = true;
    start.hidden = false;
  });
})();
