/* Studio editor for mock_adjudication: posts the form and the OLX together; shows errors by field. */
function MockAdjudicationStudio(runtime, element) {
  "use strict";
  var root = element && element.jquery ? element[0] : element;
  var form = root.querySelector("[data-role=studio-form]");
  var status = root.querySelector("[data-role=studio-status]");
  var FIELDS = ["title", "role", "weight", "max_attempts", "grading_policy", "standard_of_proof", "min_words", "max_words", "self_assessment_weight"];
  function csrf() { var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/); return m ? decodeURIComponent(m[1]) : ""; }
  function clear() {
    root.querySelectorAll("[data-error]").forEach(function (n) { n.textContent = ""; });
    root.querySelectorAll("[aria-invalid]").forEach(function (n) { n.removeAttribute("aria-invalid"); });
  }
  function show(errors, invalid) {
    var first = null;
    errors.forEach(function (e) {
      var box = root.querySelector("[data-error='" + e.field + "']") || root.querySelector("[data-error=olx]");
      var input = form.elements[e.field] || form.elements.olx;
      var text = (e.severity === "warning" ? "Warning: " : "") + (e.path ? e.path + ": " : "") + e.message + (e.hint ? " (" + e.hint + ")" : "");
      if (box.tagName === "UL") { var li = document.createElement("li"); li.textContent = text; box.appendChild(li); }
      else box.textContent = text;
      if (invalid) { input.setAttribute("aria-invalid", "true"); first = first || input; }
    });
    if (first) first.focus();
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    clear();
    var fields = {};
    FIELDS.forEach(function (f) { fields[f] = form.elements[f].value; });
    if (runtime.notify) runtime.notify("save", { state: "start" });
    fetch(runtime.handlerUrl(root, "studio_submit"), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify({ fields: fields, olx: form.elements.olx.value })
    }).then(function (r) { return r.json(); }).then(function (res) {
      if (res.ok) {
        status.textContent = "Saved" + (res.warnings.length ? " with " + res.warnings.length + " warning(s)" : "") + ".";
        show(res.warnings, false);
        if (runtime.notify) runtime.notify("save", { state: "end" });
      } else {
        status.textContent = res.error;
        show(res.errors || [], true);
        if (runtime.notify) runtime.notify("error", { title: "Not saved", message: res.error });
      }
    }, function () { status.textContent = "The server could not be reached."; });
  });
  root.querySelector("[data-role=studio-cancel]").addEventListener("click", function () {
    if (runtime.notify) runtime.notify("cancel", {});
  });
}
