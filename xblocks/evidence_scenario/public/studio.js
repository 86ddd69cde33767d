/* Studio editor for evidence_scenario: structured form and OLX box, both validated on the server.
 * Errors come back with the key path of the field they concern and are shown beside it. */
function EvidenceScenarioStudio(runtime, element, args) {
  "use strict";
  var text = (args && args.strings) || {};
  function fmt(key, fallback, values) {
    return (text[key] || fallback).replace(/\{(\w+)\}/g, function (m, k) { return values && values[k] !== undefined ? values[k] : m; });
  }
  var el = element && element.jquery ? element[0] : element;
  var status = el.querySelector("[data-role=status]");
  var structured = el.querySelector("[data-role=structured]");
  var olxForm = el.querySelector("[data-role=olx]");
  var olxErrors = el.querySelector("[data-role=olx-errors]");

  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }
  function set(root, path, value) {
    var parts = path.split(".");
    var here = root;
    for (var i = 0; i < parts.length; i++) {
      var key = /^\d+$/.test(parts[i]) ? Number(parts[i]) : parts[i];
      if (i === parts.length - 1) { here[key] = value; return; }
      if (here[key] === undefined) { here[key] = /^\d+$/.test(parts[i + 1]) ? [] : {}; }
      here = here[key];
    }
  }
  function collect() {
    var data = {};
    structured.querySelectorAll("[data-list]").forEach(function (f) { set(data, f.getAttribute("data-list"), []); });
    structured.querySelectorAll("[data-path]").forEach(function (input) {
      var value = input.value;
      if (input.type === "checkbox") { value = input.checked; }
      else if (input.type === "number" && value !== "" && !isNaN(Number(value))) { value = Number(value); }
      set(data, input.getAttribute("data-path"), value);
    });
    return data;
  }
  function clearErrors() {
    el.querySelectorAll("[data-error-for]").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    el.querySelectorAll("[aria-invalid]").forEach(function (i) { i.removeAttribute("aria-invalid"); });
    olxErrors.hidden = true; olxErrors.textContent = "";
  }
  function showErrors(errors, inOlx) {
    var first = null;
    errors.forEach(function (e) {
      var text = e.message + (e.hint ? " (" + e.hint + ")" : "");
      var li = document.createElement("li");
      li.textContent = (e.path ? e.path + ": " : "") + text;
      if (inOlx) { olxErrors.appendChild(li); olxErrors.hidden = false; return; }
      var path = e.path;
      var target = null;
      while (path && !(target = structured.querySelector('[data-error-for="' + path + '"]'))) {
        path = path.indexOf(".") < 0 ? "" : path.slice(0, path.lastIndexOf("."));
      }
      if (!target) { olxErrors.appendChild(li); olxErrors.hidden = false; return; }
      target.hidden = false;
      target.textContent = (target.textContent ? target.textContent + " " : "") + text;
      var input = structured.querySelector('[data-path="' + path + '"]');
      if (input) { input.setAttribute("aria-invalid", "true"); first = first || input; }
    });
    if (first) { first.focus(); }
  }
  function save(body, inOlx) {
    clearErrors();
    status.textContent = fmt("saving", "Saving…");
    if (runtime.notify) { runtime.notify("save", { state: "start" }); }
    fetch(runtime.handlerUrl(el, "studio_submit"), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(body)
    }).then(function (r) { return r.json(); }).then(function (res) {
      if (res.ok) {
        status.textContent = res.warnings && res.warnings.length ?
          fmt("saved_warnings", "Saved, with {n} warning(s).", { n: res.warnings.length }) : fmt("saved", "Saved.");
        if (runtime.notify) { runtime.notify("save", { state: "end" }); }
      } else {
        status.textContent = res.errors ? fmt("problems", "Not saved: {n} problem(s).", { n: res.errors.length }) :
          fmt("refused", "Not saved: {message}", { message: res.error || "" });
        showErrors(res.errors || [], inOlx);
      }
    }).catch(function () { status.textContent = fmt("network", "Not saved: the server could not be reached."); });
  }
  structured.addEventListener("submit", function (ev) { ev.preventDefault(); save({ data: collect() }, false); });
  olxForm.addEventListener("submit", function (ev) {
    ev.preventDefault();
    save({ olx: olxForm.querySelector("textarea").value }, true);
  });
}
