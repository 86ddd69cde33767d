"""The preview's stylesheet and script: small, vanilla, served by the preview itself (no CDN)."""

from __future__ import annotations

CSS = """
:root { --ink: #1b1b1b; --muted: #4a4a4a; --accent: #0b5394; --line: #c8c8c8; --bg: #ffffff;
  --soft: #f3f5f8; --ok: #1e6b2e; --bad: #a11d1d; font-family: system-ui, sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: var(--bg); line-height: 1.5; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #e8a100; outline-offset: 2px; }
.skip-link { position: absolute; inset-inline-start: .5rem; top: .5rem; transform: translateY(-300%);
  background: #fff; padding: .5rem 1rem; z-index: 10; }
.skip-link:focus { transform: none; }  /* moved up, not sideways: no overflow in right-to-left pages */
header.top { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: center;
  padding: .6rem 1rem; border-bottom: 1px solid var(--line); background: var(--soft); }
.course-title { margin: 0; font-weight: 600; }
.badge { font-size: .75rem; border: 1px solid var(--muted); border-radius: 3px; padding: 0 .3rem;
  color: var(--muted); font-weight: normal; }
.switcher, .reset { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin: 0; }
button, select, input[type=text] { font: inherit; padding: .3rem .6rem; max-width: 100%; }
button { border: 1px solid var(--accent); background: #fff; color: var(--accent); border-radius: 3px; cursor: pointer; }
button[type=submit] { background: var(--accent); color: #fff; }
.layout { display: flex; align-items: flex-start; }
nav.outline { width: 18rem; flex: none; padding: 1rem; border-inline-end: 1px solid var(--line); }
nav.outline ol, nav.outline ul { list-style: none; padding-inline-start: 0; margin: 0 0 .75rem; }
nav.outline ol ol { padding-inline-start: .9rem; }
.nav-heading { font-size: .85rem; text-transform: uppercase; color: var(--muted); margin: 0 0 .5rem; }
.module-title { display: block; font-weight: 600; margin-top: .5rem; }
nav.outline a { display: block; padding: .15rem .3rem; text-decoration: none; }
nav.outline a[aria-current=page] { background: var(--accent); color: #fff; border-radius: 3px; }
main { flex: 1; min-width: 0; padding: 1rem 2rem 3rem; max-width: 52rem; }
main:focus { outline: none; }
.unit { border-top: 1px solid var(--line); margin-top: 1.5rem; }
.block { margin: 1rem 0; }
.block img { max-width: 100%; height: auto; }
table { border-collapse: collapse; } th, td { border: 1px solid var(--line); padding: .25rem .5rem; }
.block-problem, .block-video, .block-discussion, .block-xblock, .block-ora { border: 1px solid var(--line);
  border-radius: 4px; padding: .5rem 1rem 1rem; }
.block-problem h3, .block-video h3 { margin-top: .3rem; }
fieldset { border: none; padding: 0; margin: 0 0 .5rem; }
legend.question, label.question { display: block; font-weight: 600; margin-bottom: .4rem; }
.choice { display: flex; gap: .4rem; align-items: baseline; margin: .2rem 0; }
.capa-actions { display: flex; gap: .5rem; margin-top: .6rem; flex-wrap: wrap; }
.capa-feedback:not(:empty) { margin-top: .6rem; padding: .5rem .75rem; border-inline-start: 4px solid var(--line);
  background: var(--soft); }
.capa-feedback .verdict { font-weight: 600; }
.capa-feedback .correct { color: var(--ok); } .capa-feedback .incorrect { color: var(--bad); }
.problem-facts, .lesson-facts, .video-note { color: var(--muted); font-size: .9rem; }
.diagnostics { border: 2px solid var(--bad); background: #fff4f4; padding: .5rem 1rem; margin-bottom: 1rem; }
.diagnostics h2 { color: var(--bad); margin: .2rem 0; font-size: 1.1rem; }
.diagnostic-text { white-space: pre-wrap; font-size: .9rem; }
.pager { display: flex; justify-content: space-between; margin-top: 2rem; gap: 1rem; }
video { max-width: 100%; }
footer { border-top: 1px solid var(--line); padding: .5rem 1rem; color: var(--muted); font-size: .85rem; }
.xblock-frame { width: 100%; min-height: 28rem; border: 1px solid var(--line); }
@media (max-width: 48rem) { .layout { display: block; } nav.outline { width: auto; border: none; } main { padding: 1rem; } }
"""

JS = r"""
(function () {
  "use strict";
  function readConfig(doc) {
    var element = doc.getElementById("benchbook-config");
    return element ? JSON.parse(element.textContent) : {};
  }
  var config = readConfig(document);

  function restoreScroll() {
    var saved = sessionStorage.getItem("benchbook-scroll:" + location.pathname);
    if (saved !== null) {
      sessionStorage.removeItem("benchbook-scroll:" + location.pathname);
      window.scrollTo(0, parseInt(saved, 10) || 0);
    }
  }

  function reload() {
    sessionStorage.setItem("benchbook-scroll:" + location.pathname, String(window.scrollY));
    location.reload();
  }

  // Swap the new outline and content into the page in place: no reload of styles and scripts,
  // no new event stream, the scroll position kept. Pages with XBlocks reload in full (their
  // scripts initialise each block once).
  function refresh(source) {
    fetch(location.href, { cache: "no-store" }).then(function (response) {
      return response.text();
    }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html");
      var oldLayout = document.querySelector(".layout");
      var newLayout = fresh.querySelector(".layout");
      if (!oldLayout || !newLayout || document.querySelector(".xblock-v1") ||
          fresh.querySelector(".block-xblock")) {
        source.close();
        reload();
        return;
      }
      var next = readConfig(fresh);
      oldLayout.replaceWith(document.adoptNode(newLayout));
      document.title = fresh.title;
      config.version = next.version;
      config.ok = next.ok;
      setupPage();
    }).catch(function () { source.close(); reload(); });
  }

  function listen() {
    if (!window.EventSource) { return; }
    var url = "/_preview/events?" + config.query + "&version=" + config.version;
    var source = new EventSource(url);
    source.onmessage = function (event) {
      var update = JSON.parse(event.data);
      if (update.version <= config.version) { return; }
      var mine = update.pages.indexOf("*") >= 0 || update.pages.indexOf(config.lesson) >= 0;
      if (mine || update.ok !== config.ok) {
        refresh(source);
      } else {
        config.version = update.version;
      }
    };
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body || {})
    }).then(function (response) { return response.json(); });
  }

  function show(form, html) {
    var box = form.querySelector(".capa-feedback");
    box.innerHTML = html;
  }

  function answerOf(form) {
    var inputs = form.querySelectorAll("[name=answer]");
    if (inputs.length && inputs[0].type === "checkbox") {
      return Array.prototype.filter.call(inputs, function (i) { return i.checked; })
        .map(function (i) { return i.value; });
    }
    if (inputs.length && inputs[0].type === "radio") {
      var chosen = form.querySelector("[name=answer]:checked");
      return chosen ? chosen.value : null;
    }
    return inputs.length ? inputs[0].value : null;
  }

  function problemUrl(form, action) {
    return "/_preview/problem/" + encodeURIComponent(form.dataset.problem) + "/" + action + "?" + form.dataset.query;
  }

  function feedbackHtml(result) {
    var parts = [];
    if (result.message) {
      parts.push("<p>" + result.message + "</p>");
    } else {
      parts.push('<p class="verdict ' + (result.correct ? "correct" : "incorrect") + '">' +
        (result.correct ? "Correct" : "Incorrect") + "</p>");
    }
    (result.feedback || []).forEach(function (f) { parts.push("<p>" + f + "</p>"); });
    if (result.attempts_text) { parts.push('<p class="problem-facts">' + result.attempts_text + "</p>"); }
    if (result.explanation) { parts.push('<div class="explanation"><p><strong>Explanation</strong></p>' + result.explanation + "</div>"); }
    return parts.join("");
  }

  function setupProblem(form) {
    var hintsShown = 0;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      post(problemUrl(form, "check"), { answer: answerOf(form) }).then(function (result) {
        show(form, feedbackHtml(result));
      });
    });
    form.addEventListener("click", function (event) {
      var action = event.target.closest("button") && event.target.closest("button").dataset.action;
      if (action === "hint") {
        post(problemUrl(form, "hint"), { index: hintsShown }).then(function (result) {
          hintsShown = result.next;
          show(form, '<p><strong>Hint ' + result.number + " of " + result.total + ":</strong> " + result.hint + "</p>");
        });
      } else if (action === "answer") {
        post(problemUrl(form, "answer"), {}).then(function (result) {
          var html = "<p><strong>Answer:</strong> " + result.answer + "</p>";
          if (result.explanation) { html += '<div class="explanation">' + result.explanation + "</div>"; }
          show(form, html);
        });
      }
    });
  }

  function setupPage() {
    Array.prototype.forEach.call(document.querySelectorAll("form.capa"), setupProblem);
  }

  document.addEventListener("DOMContentLoaded", function () {
    restoreScroll();
    setupPage();
    var skip = document.querySelector(".skip-link");
    if (skip) {
      skip.addEventListener("click", function () { document.getElementById("main").focus(); });
    }
    listen();
  });
})();
"""
