/* Lesson player: reports the media intervals actually played, never the seek position.
 *
 * A played interval grows only from `timeupdate` deltas that look like normal playback
 * (small, forward, within what the playback rate allows). A seek closes the current interval.
 * Reports go to the server every few seconds and on pause/end/leave; the server checks them
 * against the clock and keeps the union. */
(function () {
  "use strict";
  var video = document.getElementById("lesson-video");
  var configEl = document.getElementById("player-config");
  if (!video || !configEl) return;
  var config = JSON.parse(configEl.textContent);
  var text = JSON.parse(document.getElementById("player-text").textContent);
  var bar = document.querySelector("[data-watched-bar]");
  var statusEl = document.querySelector("[data-status]");
  var rateSelect = document.querySelector("[data-rate]");
  var csrf = (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "";

  var pending = [];          // intervals played since the last accepted report
  var current = null;        // [start, end] being played now
  var last = null;           // media time at the previous timeupdate
  var known = (config.intervals || []).map(function (p) { return [p[0], p[1]]; });
  var sending = false;
  var REPORT_EVERY_MS = 5000;

  function reach() {
    // Furthest point watched without gaps from the start (allowed seek target when seeking is blocked).
    var all = known.concat(pending).concat(current ? [current] : []);
    all.sort(function (a, b) { return a[0] - b[0]; });
    var r = 0;
    for (var i = 0; i < all.length; i++) {
      if (all[i][0] > r + 1) break;
      r = Math.max(r, all[i][1]);
    }
    return r;
  }

  function closeCurrent() {
    if (current && current[1] - current[0] > 0.05) pending.push(current);
    current = null;
  }

  video.addEventListener("loadedmetadata", function () {
    if (config.position > 1 && config.position < (video.duration || config.duration) - 2) {
      video.currentTime = config.position;
    }
    last = video.currentTime;
  });

  video.addEventListener("timeupdate", function () {
    var now = video.currentTime;
    if (last !== null && !video.seeking) {
      var delta = now - last;
      // timeupdate fires every ~250 ms; anything larger or backwards is a jump, not playback.
      if (delta > 0 && delta <= 1.5 * Math.max(1, video.playbackRate)) {
        if (!current) current = [last, now];
        else current[1] = now;
      } else {
        closeCurrent();
      }
    }
    last = now;
  });

  video.addEventListener("seeking", function () {
    closeCurrent();
    if (config.blockSeeking) {
      var limit = reach();
      if (video.currentTime > limit + 1) {
        video.currentTime = limit;
        statusEl.textContent = text.noSeek;
      }
    }
    last = video.currentTime;
  });

  video.addEventListener("ratechange", function () {
    if (video.playbackRate > config.maxRate) video.playbackRate = config.maxRate;
  });
  if (rateSelect) {
    rateSelect.addEventListener("change", function () {
      video.playbackRate = Math.min(parseFloat(rateSelect.value) || 1, config.maxRate);
    });
  }

  function report(keepalive) {
    closeCurrent();
    if (!video.paused && !video.ended) current = [video.currentTime, video.currentTime];
    if (sending || (!pending.length && !keepalive)) return;
    var batch = pending;
    pending = [];
    sending = true;
    var body = JSON.stringify({
      viewing: config.viewing,
      intervals: batch.map(function (p) { return [Math.max(0, p[0]), Math.min(p[1], config.duration)]; })
        .filter(function (p) { return p[1] > p[0]; }),
      position: Math.min(video.currentTime || 0, config.duration),
    });
    fetch(config.progressUrl, {
      method: "POST",
      credentials: "same-origin",
      keepalive: !!keepalive,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: body,
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      sending = false;
      if (!result.ok) {
        // Keep the intervals: a report refused for arriving too early succeeds with the next one.
        pending = batch.concat(pending);
        statusEl.textContent = result.data.error || text.error;
        return;
      }
      known = result.data.intervals;
      bar.value = result.data.percent;
      statusEl.textContent = result.data.complete ? text.done : text.watched + " " + result.data.percent + "%";
      document.dispatchEvent(new CustomEvent("lesson-progress", { detail: result.data }));
    }).catch(function () {
      sending = false;
      pending = batch.concat(pending);
      statusEl.textContent = text.error;
    });
  }

  setInterval(function () { if (!video.paused) report(false); }, REPORT_EVERY_MS);
  video.addEventListener("pause", function () { report(false); });
  video.addEventListener("ended", function () { report(false); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") report(true);
  });
})();
