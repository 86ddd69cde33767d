/* The evidence_scenario learner view: vanilla JS, no framework, no CDN.
 * The server sends one step at a time (texts and choice ids only); this file renders it, posts the
 * learner's decision with the CSRF token, and re-renders from the server's answer. Author HTML arrives
 * sanitised by the server; learner-visible plain texts are inserted as text, never as HTML. */
function EvidenceScenarioBlock(runtime, element, args) {
  "use strict";
  var el = element && element.jquery ? element[0] : element;
  var root = el.querySelector(".es-root") || el;
  var uid = args.uid;
  var stage = root.querySelector("[data-role=stage]");
  var live = root.querySelector("[data-role=live]");
  var historyList = root.querySelector("[data-role=history]");
  var busy = false;

  // i18n: the platform's catalog (OEP-58: window.EvidenceScenarioI18N.gettext) or the packaged one
  var ns = window.EvidenceScenarioI18N || {};
  var catalog = ns[args.lang] || ns[String(args.lang).split(/[-_]/)[0]] || {};
  function t(text) {
    if (typeof ns.gettext === "function") { return ns.gettext(text); }
    return catalog[text] || text;
  }
  function fmt(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return values[k] === undefined ? m : values[k]; });
  }
  function num(n) { return String(Math.round(n * 100) / 100); }

  function node(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function html(tag, attrs, markup) {  // markup: author HTML, sanitised on the server
    var e = node(tag, attrs);
    e.innerHTML = markup || "";
    if (!e.hasAttribute("dir")) { e.setAttribute("dir", "auto"); }  // course text keeps its own direction
    return e;
  }
  // A translated string with course text in it: each value sits in a <bdi>, so English course text in
  // an Arabic page is ordered on its own (its full stop stays at its end).
  function mixed(tag, attrs, text, values) {
    var e = node(tag, attrs), re = /\{(\w+)\}/g, last = 0, m;
    while ((m = re.exec(text))) {
      e.appendChild(document.createTextNode(text.slice(last, m.index)));
      if (values[m[1]] === undefined) { e.appendChild(document.createTextNode(m[0])); }
      else { e.appendChild(node("bdi", {}, String(values[m[1]]))); }
      last = re.lastIndex;
    }
    e.appendChild(document.createTextNode(text.slice(last)));
    return e;
  }
  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }
  function say(parts) {
    live.textContent = "";
    parts.forEach(function (p) { if (p) { live.appendChild(p); } });
  }

  function post(handler, body) {
    if (busy) { return; }
    var url;
    try { url = runtime.handlerUrl(el, handler); } catch (e) {
      say([node("p", { "class": "es-error" }, t("The server could not be reached. Please try again."))]);
      return;
    }
    busy = true;
    root.setAttribute("aria-busy", "true");
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(body || {})
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        return { ok: r.ok, data: data, status: r.status };
      });
    }).then(function (res) {
      busy = false;
      root.removeAttribute("aria-busy");
      if (!res.ok) {
        say([node("p", { "class": "es-error" }, fmt(t("Not accepted: {message}"), { message: res.data.error || ("HTTP " + res.status) }))]);
        return;
      }
      render(res.data, true);
    }).catch(function () {
      busy = false;
      root.removeAttribute("aria-busy");
      say([node("p", { "class": "es-error" }, t("The server could not be reached. Please try again."))]);
    });
  }

  function renderHistory(state) {
    historyList.textContent = "";
    var items = state.history || [];
    if (state.last) { items = items.slice(0, -1); }  // the latest one is in the live region
    items.forEach(function (h) {
      var li = node("li", { "class": "es-past" });
      li.appendChild(node("p", { "class": "es-past-step", dir: "auto" }, h.step));
      li.appendChild(mixed("p", { "class": "es-past-choice" }, t("You chose: {choice}"), { choice: h.choice }));
      if (h.consequence) { li.appendChild(html("div", { "class": "es-consequence" }, h.consequence)); }
      if (h.coaching) { li.appendChild(html("div", { "class": "es-coaching" }, h.coaching)); }
      historyList.appendChild(li);
    });
    historyList.hidden = !historyList.children.length || !!state.done;
  }

  function renderStep(step, state) {
    var hid = uid + "-step-" + step.number;
    var heading = mixed("h3", { id: hid, tabindex: "-1", "class": "es-step-title" },
      t("Step {n}: {title}"), { n: step.number, title: step.title });
    stage.appendChild(heading);
    if (step.narrative) { stage.appendChild(html("div", { "class": "es-narrative" }, step.narrative)); }
    if (step.image) {
      var fig = node("figure", { "class": "es-figure" });
      fig.appendChild(node("img", { src: step.image.src, alt: step.image.alt || "" }));
      stage.appendChild(fig);
    }
    if (step.exhibit) {
      var ex = node("section", { "class": "es-exhibit", "aria-labelledby": hid + "-exhibit" });
      ex.appendChild(mixed("h4", { id: hid + "-exhibit" }, t("Exhibit: {title}"), { title: step.exhibit.title }));
      if (step.exhibit.body) { ex.appendChild(html("div", { "class": "es-exhibit-body" }, step.exhibit.body)); }
      if (step.exhibit.file) {
        var p = node("p");
        p.appendChild(mixed("a", { href: step.exhibit.file }, t("Open the exhibit: {title}"), { title: step.exhibit.title }));
        ex.appendChild(p);
      }
      stage.appendChild(ex);
    }
    var form = node("form", { "class": "es-form", "data-role": "choice-form" });
    var fs = node("fieldset");
    fs.appendChild(node("legend", {}, t("What do you do?")));
    step.choices.forEach(function (c, i) {
      var id = hid + "-c" + i;
      var row = node("div", { "class": "es-choice" });
      var input = node("input", { type: "radio", name: hid + "-choice", id: id, value: c.id, required: "" });
      row.appendChild(input);
      row.appendChild(node("label", { "for": id, dir: "auto" }, c.text));
      fs.appendChild(row);
    });
    form.appendChild(fs);
    var actions = node("div", { "class": "es-actions" });
    actions.appendChild(node("button", { type: "submit", "data-role": "submit-choice" }, t("Confirm decision")));
    if (state.can_undo) {
      var undo = node("button", { type: "button", "data-role": "undo", "class": "es-secondary" }, t("Undo last decision"));
      undo.addEventListener("click", function () { post("undo", {}); });
      actions.appendChild(undo);
    }
    form.appendChild(actions);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var picked = form.querySelector("input[type=radio]:checked");
      if (!picked) {
        say([node("p", { "class": "es-error" }, t("Choose one option first."))]);
        return;
      }
      post("choose", { step_id: step.id, choice_id: picked.value });
    });
    stage.appendChild(form);
    return heading;
  }

  function renderDebrief(state) {
    var d = state.debrief;
    var hid = uid + "-debrief-" + state.attempt;
    var heading = d.outcome ? mixed("h3", { id: hid, tabindex: "-1", "class": "es-step-title" },
      t("Outcome: {title}"), { title: d.outcome.title }) :
      node("h3", { id: hid, tabindex: "-1", "class": "es-step-title" }, t("Outcome"));
    stage.appendChild(heading);
    if (d.outcome && d.outcome.band) {
      stage.appendChild(node("p", { "class": "es-band es-band-" + d.outcome.band.replace(/[^a-z0-9_-]/gi, "") },
        fmt(t("Result: {band}"), { band: d.outcome.band })));
    }
    if (d.outcome && d.outcome.narrative) { stage.appendChild(html("div", { "class": "es-narrative" }, d.outcome.narrative)); }
    stage.appendChild(node("p", { "class": "es-score", "data-role": "score" },
      fmt(t("Score for this attempt: {earned} of {possible}"), { earned: num(d.earned), possible: num(d.possible) })));
    if (state.grade) {
      stage.appendChild(node("p", { "class": "es-grade", "data-role": "grade" },
        fmt(t("Score recorded: {earned} of {possible}"), { earned: num(state.grade.earned), possible: num(state.grade.possible) })));
    }
    if (d.competencies && d.competencies.length) {
      stage.appendChild(node("h4", {}, t("Competencies")));
      var ul = node("ul", { "class": "es-competencies", "data-role": "competencies" });
      d.competencies.forEach(function (c) {
        ul.appendChild(c.possible || c.earned ?
          mixed("li", {}, t("{label} {earned}/{possible}"), { label: c.label, earned: num(c.earned), possible: num(c.possible) }) :
          mixed("li", {}, t("{label}: not assessed on your path"), { label: c.label }));
      });
      stage.appendChild(ul);
    }
    stage.appendChild(node("h4", {}, t("Your decisions")));
    var ol = node("ol", { "class": "es-decisions", "data-role": "decisions" });
    d.decisions.forEach(function (x) {
      var li = node("li");
      li.appendChild(node("p", { "class": "es-past-step", dir: "auto" }, x.step));
      li.appendChild(mixed("p", { "class": "es-past-choice" }, t("You chose: {choice}"), { choice: x.choice }));
      if (x.critical) { li.appendChild(node("p", { "class": "es-critical" }, t("Critical error"))); }
      if (x.consequence) { li.appendChild(html("div", { "class": "es-consequence" }, x.consequence)); }
      if (x.coaching) { li.appendChild(html("div", { "class": "es-coaching" }, x.coaching)); }
      if (x.better) {
        var b = node("div", { "class": "es-better" });
        b.appendChild(mixed("p", {}, t("A better choice: {choice}"), { choice: x.better.text }));
        if (x.better.coaching) { b.appendChild(html("div", { "class": "es-coaching" }, x.better.coaching)); }
        li.appendChild(b);
      }
      ol.appendChild(li);
    });
    stage.appendChild(ol);
    var info = state.max_attempts ?
      fmt(t("Attempt {n} of {max}"), { n: state.attempt, max: state.max_attempts }) :
      fmt(t("Attempt {n}"), { n: state.attempt });
    stage.appendChild(node("p", { "class": "es-attempts" }, info));
    if (state.can_retry) {
      var retry = node("button", { type: "button", "data-role": "retry" }, t("Start a new attempt"));
      retry.addEventListener("click", function () { post("retry", {}); });
      stage.appendChild(retry);
    } else {
      stage.appendChild(node("p", {}, t("No attempts left.")));
    }
    return heading;
  }

  function render(state, moveFocus) {
    stage.textContent = "";
    renderHistory(state);
    if (state.last) {
      var parts = [mixed("p", { "class": "es-past-choice" }, t("You chose: {choice}"), { choice: state.last.choice })];
      if (state.last.consequence) { parts.push(html("div", { "class": "es-consequence" }, state.last.consequence)); }
      if (state.last.coaching) { parts.push(html("div", { "class": "es-coaching" }, state.last.coaching)); }
      say(parts);
    } else {
      live.textContent = "";
    }
    var heading = state.done ? renderDebrief(state) : (state.step ? renderStep(state.step, state) : null);
    if (moveFocus && heading) { heading.focus(); }
  }

  render(args.state, false);
}
