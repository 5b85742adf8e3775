// The idle-timeout warning (../shared/SECURITY.md, 17). Progressive enhancement: without
// JavaScript the page still works and answers sent after a timeout are kept on the server.
// A file, not an inline script: the Content Security Policy refuses inline scripts.
(function () {
  "use strict";
  var banner = document.getElementById("frontdoor-session-warning");
  if (!banner || !window.fetch) { return; }
  var text = document.getElementById("frontdoor-session-warning-text");
  var form = banner.querySelector("form");
  var button = form.querySelector("button");
  var warnSeconds = parseInt(banner.getAttribute("data-warn-seconds"), 10);
  var secondsLeft = parseInt(banner.getAttribute("data-seconds-left"), 10);
  var idleSeconds = parseInt(banner.getAttribute("data-idle-seconds"), 10);
  var deadline = 0;
  var warnTimer = null;
  var tick = null;

  function minutesAndSeconds(seconds) {
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    var parts = [];
    if (m) { parts.push(m + (m === 1 ? " minute" : " minutes")); }
    if (s || !m) { parts.push(s + (s === 1 ? " second" : " seconds")); }
    return parts.join(" ");
  }

  function show() {
    var main = document.getElementById("main-content");
    if (main && banner.parentNode !== main) { main.insertBefore(banner, main.firstChild); }
    banner.hidden = false;
    banner.focus();
    update();
    tick = window.setInterval(update, 1000);
  }

  function update() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    if (left > 0) {
      // Announce only on the minute and in the last 10 seconds, not every second.
      if (left % 60 === 0 || left <= 10 || !text.getAttribute("data-started")) {
        text.textContent = "You will be signed out in " + minutesAndSeconds(left) +
          " because you have not done anything for a while.";
        text.setAttribute("data-started", "1");
      }
      return;
    }
    window.clearInterval(tick);
    text.textContent = "You have been signed out to protect the records. Anything you send " +
      "now is kept: sign in again and it is shown back to you.";
    button.textContent = "Sign in again";
  }

  function start(seconds) {
    deadline = Date.now() + seconds * 1000;
    window.clearTimeout(warnTimer);
    warnTimer = window.setTimeout(show, Math.max(0, seconds - warnSeconds) * 1000);
  }

  form.addEventListener("submit", function (event) {
    if (deadline <= Date.now()) { return; }  // signed out already: let the form go.
    event.preventDefault();
    window.fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
      redirect: "manual"
    }).then(function (response) {
      if (response.status !== 204) { form.submit(); return; }
      window.clearInterval(tick);
      banner.hidden = true;
      text.removeAttribute("data-started");
      start(idleSeconds);
    }).catch(function () { form.submit(); });
  });

  start(secondsLeft);
}());
