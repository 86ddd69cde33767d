/* Studio editor for mock_adjudication: the structured form (the whole case, with rows to add, remove
 * and reorder) and the OLX box, both validated on the server by the one validator. Problems come back
 * with the key path of the input they concern (the form's data-path) and are shown beside it; a
 * refused save changes nothing on the page, so what the author typed stays. See common/form.py for
 * the data-* attributes this reads. */
function MockAdjudicationStudio(runtime, element, args) {
  "use strict";
  var root = element && element.jquery ? element[0] : element;
  var S = (args && args.strings) || {};
  var status = root.querySelector("[data-role=studio-status]");
  var form = root.querySelector("[data-role=studio-form]");
  var fields = form.querySelector("[data-role=fields]");
  var olxForm = root.querySelector("[data-role=olx-form]");
  var olxBox = olxForm.querySelector("textarea");
  var olxErrors = olxForm.querySelector("[data-role=olx-errors]");
  var uid = (root.querySelector("[data-role=studio]") || root).id.replace(/-studio$/, "");

  function fmt(key, fallback, values) {
    return String(S[key] || fallback).replace(/\{(\w+)\}/g, function (m, k) {
      return values && values[k] !== undefined ? values[k] : m;
    });
  }
  function say(text) { status.textContent = ""; setTimeout(function () { status.textContent = text; }, 30); }
  function csrf() { var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/); return m ? decodeURIComponent(m[1]) : ""; }
  function kids(node, test) { return Array.prototype.filter.call(node.children, test); }
  function join(prefix, key) { return key === "" ? prefix : (prefix === "" ? String(key) : prefix + "." + key); }
  function fid(path) { return uid + "-f-" + path.split(".").join("-"); }

  /* ---------- paths: recomputed from the DOM after every row change ---------- */
  function number(node, prefix) {
    kids(node, function () { return true; }).forEach(function (child) {
      if (child.tagName === "TEMPLATE") return;
      if (child.hasAttribute("data-err")) { child.setAttribute("data-error-for", prefix); child.id = fid(prefix) + "-err"; return; }
      if (child.hasAttribute("data-list")) {
        var p = join(prefix, child.getAttribute("data-list"));
        var legend = child.getAttribute("data-item-legend") || "{n}";
        number(child, p);
        var items = child.querySelector("[data-items]");
        kids(items, function (c) { return c.hasAttribute("data-item"); }).forEach(function (item, i) {
          item.querySelector(":scope > legend").textContent = legend.replace("{n}", String(i + 1));
          number(item, p + "." + i);
        });
        return;
      }
      if (child.hasAttribute("data-items")) return; /* handled by its list */
      if (child.hasAttribute("data-object")) { number(child, join(prefix, child.getAttribute("data-object"))); return; }
      if (child.classList.contains("ma-f")) { /* one input, its label and its error line */
        var include = child.querySelector("[data-include]");
        var label = child.querySelector("label");
        if (include) {
          include.setAttribute("data-path", prefix); include.id = fid(prefix + ".include");
          var body = child.parentNode.querySelector(":scope > .ma-body");
          body.id = fid(prefix) + "-body"; include.setAttribute("aria-controls", body.id);
          label.htmlFor = include.id;
          return;
        }
        var input = child.querySelector("[data-key]");
        var path = join(prefix, input.getAttribute("data-key"));
        input.setAttribute("data-path", path); input.id = fid(path);
        input.setAttribute("aria-describedby", fid(path) + "-err");
        label.htmlFor = input.id;
        var err = child.querySelector("[data-err]");
        err.setAttribute("data-error-for", path); err.id = fid(path) + "-err";
        return;
      }
      number(child, prefix);
    });
  }
  function renumber() { number(fields, ""); }

  /* ---------- the authoring shape, read back from the inputs ---------- */
  function value(input) {
    var kind = input.getAttribute("data-kind"), v = input.value;
    if (kind === "checkbox") return input.checked;
    if (kind === "tri") return v === "" ? undefined : v === "true";
    if (kind === "number") {
      /* a browser keeps no text it cannot read as a number: send something the server refuses by name */
      if (input.validity && input.validity.badInput) return "?";
      if (v.trim() === "") return undefined;
      return isNaN(Number(v)) ? v : Number(v); /* the server names a value that is not a number */
    }
    if (input.hasAttribute("data-omit-empty") && v.trim() === "") return undefined;
    return v;
  }
  function read(node, into) {
    kids(node, function () { return true; }).forEach(function (child) {
      if (child.tagName === "TEMPLATE" || child.hasAttribute("data-err")) return;
      if (child.hasAttribute("data-list")) {
        var list = [];
        var items = child.querySelector("[data-items]");
        kids(items, function (c) { return c.hasAttribute("data-item"); }).forEach(function (item) {
          var scalar = item.querySelector(":scope > .ma-f > [data-key='']");
          if (scalar) { list.push(value(scalar)); return; }
          var row = {}; read(item, row); list.push(row);
        });
        into[child.getAttribute("data-list")] = list;
        return;
      }
      if (child.hasAttribute("data-object")) {
        var include = child.querySelector(":scope > .ma-f > [data-include]");
        if (include && !include.checked) return;
        var obj = {}; read(child, obj); into[child.getAttribute("data-object")] = obj;
        return;
      }
      if (child.hasAttribute("data-key")) {
        var v = value(child);
        if (v !== undefined) into[child.getAttribute("data-key")] = v;
        return;
      }
      read(child, into);
    });
    return into;
  }

  /* ---------- rows: add, remove, move (keyboard: they are buttons; focus stays with the row) ---------- */
  function rowName(item) { return item.querySelector(":scope > legend").textContent; }
  fields.addEventListener("click", function (ev) {
    var button = ev.target.closest("button[data-action]");
    if (!button || !fields.contains(button)) return;
    var action = button.getAttribute("data-action");
    if (action === "add") {
      var list = button.closest("[data-list]");
      var items = list.querySelector("[data-items]");
      var template = kids(list, function (c) { return c.tagName === "TEMPLATE"; })[0];
      var item = template.content.firstElementChild.cloneNode(true);
      items.appendChild(item);
      renumber();
      var first = item.querySelector("input, select, textarea");
      if (first) first.focus();
      say(fmt("added", "{item} added.", { item: rowName(item) }));
      return;
    }
    var row = button.closest("[data-item]");
    var holder = row.parentNode;
    var rows = kids(holder, function (c) { return c.hasAttribute("data-item"); });
    var at = rows.indexOf(row);
    if (action === "remove") {
      var name = rowName(row);
      var next = rows[at + 1] || rows[at - 1];
      holder.removeChild(row);
      renumber();
      var focus = next ? next.querySelector("[data-action=remove]") : holder.parentNode.querySelector(":scope > [data-action=add]");
      if (focus) focus.focus();
      say(fmt("removed", "{item} removed.", { item: name }));
      return;
    }
    var to = action === "up" ? at - 1 : at + 1;
    if (to < 0 || to >= rows.length) { say(fmt("edge", "{item} cannot move further.", { item: rowName(row) })); return; }
    if (action === "up") holder.insertBefore(row, rows[to]);
    else holder.insertBefore(row, rows[to].nextSibling);
    renumber();
    button.focus();
    say(fmt("moved", "{item} moved to position {n}.", { item: rowName(row), n: to + 1 }));
  });
  fields.addEventListener("change", function (ev) {
    if (ev.target.hasAttribute("data-include")) {
      ev.target.closest("[data-object]").querySelector(".ma-body").hidden = !ev.target.checked;
    }
  });

  /* ---------- problems beside their fields ---------- */
  function clear() {
    root.querySelectorAll("[data-err]").forEach(function (n) { n.textContent = ""; n.hidden = true; });
    root.querySelectorAll("[aria-invalid]").forEach(function (n) { n.removeAttribute("aria-invalid"); });
    olxErrors.textContent = ""; olxErrors.hidden = true;
  }
  function line(e) {
    var text = e.message + (e.hint ? " (" + e.hint + ")" : "");
    return e.severity === "warning" ? fmt("warning", "Warning: {message}", { message: text }) : text;
  }
  function inOlx(e) {
    var li = document.createElement("li");
    li.textContent = (e.path ? e.path + ": " : "") + line(e);
    olxErrors.appendChild(li); olxErrors.hidden = false;
  }
  function showInForm(list, invalid) {
    var first = null;
    list.forEach(function (e) {
      var path = e.path || "", box = null;
      while (!(box = form.querySelector('[data-err][data-error-for="' + path + '"]')) && path !== "") {
        path = path.indexOf(".") < 0 ? "" : path.slice(0, path.lastIndexOf("."));
      }
      if (!box) { inOlx(e); return; }
      box.hidden = false;
      box.textContent = (box.textContent ? box.textContent + " " : "") + line(e);
      if (!invalid) return;
      var input = form.querySelector('[data-key][data-path="' + path + '"]');
      if (input) { input.setAttribute("aria-invalid", "true"); first = first || input; }
      else { first = first || box; }
    });
    if (first) {
      if (first.hasAttribute("data-err")) first.setAttribute("tabindex", "-1");
      var body = first.closest(".ma-body[hidden]"); /* never focus into a hidden part */
      if (!body) first.focus();
    }
  }

  function send(body, done) {
    clear();
    say(fmt("saving", "Saving…"));
    if (runtime.notify) runtime.notify("save", { state: "start" });
    fetch(runtime.handlerUrl(root, "studio_submit"), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return { ok: false, error: r.statusText }; });
    }).then(function (res) {
      if (res.ok) {
        var n = (res.warnings || []).length;
        say(n ? fmt("saved_warnings", "Saved, with {n} warning(s).", { n: n }) : fmt("saved", "Saved."));
        done(res);
        if (runtime.notify) runtime.notify("save", { state: "end" });
      } else {
        say(res.errors ? fmt("problems", "Not saved: {n} problem(s).", { n: res.errors.length })
          : fmt("refused", "Not saved: {message}", { message: res.error || "" }));
        done(res);
        if (runtime.notify) runtime.notify("error", { title: "", message: res.error || "" });
      }
    }, function () { say(fmt("network", "Not saved: the server could not be reached.")); });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    send({ data: read(fields, {}) }, function (res) {
      if (res.ok) { olxBox.value = res.olx; showInForm(res.warnings || [], false); }
      else showInForm(res.errors || [], true);
    });
  });
  olxForm.addEventListener("submit", function (ev) {
    ev.preventDefault();
    send({ olx: olxBox.value }, function (res) {
      if (res.ok) { fields.innerHTML = res.form; (res.warnings || []).forEach(inOlx); }
      else {
        (res.errors || []).forEach(inOlx);
        olxBox.setAttribute("aria-invalid", "true");
        olxBox.focus();
      }
    });
  });
  var cancel = root.querySelector("[data-role=studio-cancel]");
  cancel.addEventListener("click", function () { if (runtime.notify) runtime.notify("cancel", {}); });
}
