/* The mock_adjudication learner view: a six-phase stepper. Vanilla JS, no dependencies.
 * The server holds the key and the score; this file only shows the case, collects answers, posts
 * them phase by phase and shows what the server sends back. Learner text is only ever set as text. */
function MockAdjudicationBlock(runtime, element, data) {
  "use strict";
  var root = element && element.jquery ? element[0] : element;
  if (data.payload) data = JSON.parse(data.payload);
  var app = root.querySelector("[data-role=app]");
  var live = root.querySelector("[data-role=live]");
  var uid = data.uid, kase = data.case, S = data.strings, state = data.state;
  var R = S[kase.role] || S.judge;
  var PHASES = ["case_file", "admissibility", "weighing", "verdict", "reasons", "assessment"];
  var busy = false, draft = null;

  function fmt(s, o) {
    return String(s).replace(/\{(\w+)\}/g, function (m, k) { return o && k in o ? o[k] : m; });
  }
  function el(tag, attrs, kids) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") n.textContent = v;
      else if (k === "html") { n.innerHTML = v; if (!attrs.dir) n.setAttribute("dir", "auto"); } /* author HTML, sanitised on the server */
      else if (k === "on") Object.keys(v).forEach(function (e) { n.addEventListener(e, v[e]); });
      else n.setAttribute(k, v === true ? "" : v);
    });
    (kids || []).forEach(function (c) { if (c) n.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return n;
  }
  /* Course text inside a translated string is isolated (bdi), and elements holding course text get
   * dir="auto": English text in an Arabic page keeps its own order (full stops on the right side). */
  function bdi(t) { return el("bdi", { text: t }); }
  function mixed(s, o) {
    var out = [], re = /\{(\w+)\}/g, last = 0, m;
    s = String(s);
    while ((m = re.exec(s))) {
      out.push(s.slice(last, m.index));
      out.push(o && m[1] in o ? bdi(String(o[m[1]])) : m[0]);
      last = re.lastIndex;
    }
    out.push(s.slice(last));
    return out;
  }
  function id(s) { return uid + "-" + String(s).replace(/[^A-Za-z0-9_-]/g, "_"); }
  function announce(msg) { live.textContent = ""; setTimeout(function () { live.textContent = msg; }, 30); }
  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }
  function post(handler, body) {
    if (busy) return Promise.reject(new Error("busy"));
    busy = true;
    return fetch(runtime.handlerUrl(root, handler), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return { ok: false, error: r.statusText }; });
    }, function () { return { ok: false, network: true }; }).then(function (res) {
      busy = false;
      if (res.ok) { state = res.state; return res; }
      announce(res.network ? S.network : fmt(S.error, { message: res.error || "?" }));
      throw new Error(res.error);
    });
  }
  function index(p) { return PHASES.indexOf(p); }
  function open(i) { return state.submitted ? (i < 5 || !!state.debrief) : i <= state.reached; }
  function locked() { return state.submitted && state.phase !== "assessment"; }

  /* ---------- building blocks ---------- */
  function radios(name, legend, options, chosen, disabled, authored) {
    /* legend: text, or nodes from mixed(); authored: the legend and option labels are course text */
    var fs = el("fieldset", { "class": "ma-radios" }, [typeof legend === "string" ?
      el("legend", { text: legend, dir: authored ? "auto" : null }) : el("legend", {}, legend)]);
    options.forEach(function (o) {
      var rid = id(name + "-" + o[0]);
      fs.appendChild(el("div", { "class": "ma-choice" }, [
        el("input", { type: "radio", name: id(name), id: rid, value: o[0], checked: chosen === o[0], disabled: disabled }),
        el("label", { "for": rid, text: o[1], dir: authored ? "auto" : null })
      ]));
    });
    return fs;
  }
  function checked(name) {
    var c = app.querySelector("input[name='" + id(name) + "']:checked");
    return c ? c.value : null;
  }
  function buttons(phase, primary, action) {
    var i = index(phase), row = el("div", { "class": "ma-actions" });
    if (i > 0 && !(state.submitted && phase === "assessment")) {
      row.appendChild(el("button", { type: "button", "class": "ma-btn", "data-role": "back", text: S.back,
        on: { click: function () { go(PHASES[i - 1]); } } }));
    }
    if (primary) {
      row.appendChild(el("button", { type: "submit", "class": "ma-btn ma-primary", "data-role": "save", text: primary }));
    } else if (locked() && i < 5) {
      row.appendChild(el("button", { type: "button", "class": "ma-btn", "data-role": "next", text: S.phases[PHASES[i + 1]],
        on: { click: function () { go(PHASES[i + 1]); } } }));
    }
    return row;
  }
  function form(phase, primary, kids, collect) {
    var f = el("form", { "class": "ma-form", novalidate: true, "data-phase": phase }, kids);
    f.appendChild(buttons(phase, locked() ? null : primary));
    f.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (locked()) return;
      var answers;
      try { answers = collect(); } catch (e) { announce(fmt(S.error, { message: e.message })); return; }
      post("save_phase", { phase: phase, answers: answers }).then(function () {
        if (phase === "reasons") draft = null;
        render(true); announce(S.saved);
      }, function () {});
    });
    return f;
  }
  function go(phase) { post("goto", { phase: phase }).then(function () { render(true); }, function () {}); }

  /* ---------- phases ---------- */
  function caseFile() {
    var kids = [el("p", { "class": "ma-intro", text: R.intro })];
    kids.push(el("h4", { text: S.brief }), el("div", { "class": "ma-html", html: kase.brief }));
    var counts = el("ol", { "class": "ma-counts" });
    kase.counts.forEach(function (c) {
      var els = el("ul");
      c.elements.forEach(function (e) { els.appendChild(el("li", { text: e.text, dir: "auto" })); });
      counts.appendChild(el("li", {}, [el("strong", { text: c.label, dir: "auto" }), els]));
    });
    kids.push(el("h4", { text: S.counts }), counts);
    if (kase.agreed_facts.length) {
      var facts = el("ul");
      kase.agreed_facts.forEach(function (f) { facts.appendChild(el("li", { html: f })); });
      kids.push(el("h4", { text: S.agreed_facts }), facts);
    }
    kids.push(el("h4", { text: S.law }), el("div", { "class": "ma-html", html: kase.law }));
    kids.push(el("h4", { text: S.exhibits }));
    kase.exhibits.forEach(function (x) {
      var head = [x.id + " — ", bdi(x.label), x.contested ? " (" + S.contested + ")" : ""];
      var art = el("article", { "class": "ma-exhibit", "aria-labelledby": id("x-" + x.id) }, [
        el("h5", { id: id("x-" + x.id) }, head),
        el("div", { "class": "ma-html", html: x.description })
      ]);
      if (x.media && x.media.src) art.appendChild(el("img", { src: x.media.src, alt: x.media.alt || "", loading: "lazy" }));
      if (x.media && x.media.file) art.appendChild(el("p", {}, [el("a", { href: x.media.file }, [S.open_file + ": ", bdi(x.label)])]));
      kids.push(art);
    });
    return form("case_file", S.next, kids, function () { return {}; });
  }

  function admissibility() {
    var saved = state.answers.rulings || {}, kids = [];
    kase.exhibits.filter(function (x) { return x.contested; }).forEach(function (x) {
      var r = saved[x.id] || {};
      var fs = radios("r-" + x.id, mixed(R.ruling_legend, { id: x.id, label: x.label }),
        [["admit", R.admit], ["exclude", R.exclude], ["admit_limited", R.admit_limited]], r.choice, locked());
      var rid = id("reason-" + x.id);
      fs.appendChild(el("label", { "for": rid, "class": "ma-reason-label", text: S.reason }));
      fs.appendChild(el("input", { type: "text", id: rid, dir: "auto", maxlength: "600", value: r.reason || "", disabled: locked(), "data-exhibit": x.id }));
      kids.push(fs);
    });
    return form("admissibility", S.next, kids, function () {
      var out = {};
      kase.exhibits.filter(function (x) { return x.contested; }).forEach(function (x) {
        var choice = checked("r-" + x.id);
        if (!choice) throw new Error(fmt(R.ruling_legend, { id: x.id, label: x.label }));
        out[x.id] = { choice: choice, reason: app.querySelector("#" + id("reason-" + x.id)).value };
      });
      return { rulings: out };
    });
  }

  function weighing() {
    var w = state.answers.weighing || { supports: [], proven: {} };
    var has = {};
    (w.supports || []).forEach(function (p) { has[p[0] + "\u0000" + p[1]] = true; });
    var admitted = kase.exhibits.filter(function (x) { return state.admitted.indexOf(x.id) >= 0; });
    var table = el("table", { "class": "ma-matrix" }, [el("caption", { text: S.supports })]);
    var head = el("tr", {}, [el("th", { scope: "col", text: S.element })]);
    admitted.forEach(function (x) { head.appendChild(el("th", { scope: "col", id: id("col-" + x.id), text: x.id, title: x.label })); });
    table.appendChild(el("thead", {}, [head]));
    var body = el("tbody");
    kase.counts.forEach(function (c) {
      c.elements.forEach(function (e) {
        var tr = el("tr", {}, [el("th", { scope: "row", id: id("row-" + e.id), text: e.text, dir: "auto" })]);
        admitted.forEach(function (x) {
          tr.appendChild(el("td", {}, [el("input", {
            type: "checkbox", id: id("s-" + e.id + "-" + x.id), "data-element": e.id, "data-exhibit": x.id,
            "aria-labelledby": id("col-" + x.id) + " " + id("row-" + e.id),
            checked: !!has[e.id + "\u0000" + x.id], disabled: locked()
          })]));
        });
        body.appendChild(tr);
      });
    });
    table.appendChild(body);
    var key = el("ul", { "class": "ma-key" });
    admitted.forEach(function (x) { key.appendChild(el("li", {}, [el("strong", { text: x.id }), " ", bdi(x.label)])); });
    var kids = [key, el("div", { "class": "ma-scroll", role: "region", tabindex: "0", "aria-label": S.supports }, [table])];
    kase.counts.forEach(function (c) {
      var v = w.proven && c.id in w.proven ? (w.proven[c.id] ? "yes" : "no") : null;
      kids.push(radios("p-" + c.id, mixed(S.proven, { standard: kase.standard_of_proof, label: c.label }),
        [["yes", S.yes], ["no", S.no]], v, locked()));
    });
    return form("weighing", S.next, kids, function () {
      var supports = [], proven = {};
      app.querySelectorAll(".ma-matrix input:checked").forEach(function (i) { supports.push([i.dataset.element, i.dataset.exhibit]); });
      kase.counts.forEach(function (c) {
        var v = checked("p-" + c.id);
        if (!v) throw new Error(fmt(S.proven, { standard: kase.standard_of_proof, label: c.label }));
        proven[c.id] = v === "yes";
      });
      return { supports: supports, proven: proven };
    });
  }

  function verdict() {
    var a = state.answers, kids = [];
    kase.counts.forEach(function (c) {
      kids.push(radios("v-" + c.id, mixed(R.verdict_legend, { label: c.label }),
        [["guilty", R.guilty], ["not_guilty", R.not_guilty]], (a.verdicts || {})[c.id], locked()));
    });
    var s = kase.sentence;
    if (s) {
      var given = a.sentence || { factors: [] }, sid = id("amount");
      var fs = el("fieldset", { "class": "ma-sentence" }, [el("legend", { text: R.sentence_legend }),
        el("label", { "for": sid }, mixed(S.amount, { unit: s.unit })),
        el("input", { type: "number", id: sid, min: "0", step: "any", inputmode: "decimal",
          value: given.amount === undefined ? "" : given.amount, disabled: locked() })]);
      ["aggravating", "mitigating"].forEach(function (kind) {
        var list = s.factors.filter(function (f) { return f.kind === kind; });
        if (!list.length) return;
        var sub = el("fieldset", { "class": "ma-factors" }, [el("legend", { text: S[kind] })]);
        list.forEach(function (f) {
          var fid = id("f-" + f.id);
          sub.appendChild(el("div", { "class": "ma-choice" }, [
            el("input", { type: "checkbox", id: fid, value: f.id, "data-factor": f.id,
              checked: (given.factors || []).indexOf(f.id) >= 0, disabled: locked() }),
            el("label", { "for": fid, text: f.label, dir: "auto" })]));
        });
        fs.appendChild(sub);
      });
      kids.push(fs);
    }
    return form("verdict", S.next, kids, function () {
      var verdicts = {}, out = {};
      kase.counts.forEach(function (c) {
        var v = checked("v-" + c.id);
        if (!v) throw new Error(fmt(R.verdict_legend, { label: c.label }));
        verdicts[c.id] = v;
      });
      out.verdicts = verdicts;
      if (kase.sentence) {
        var raw = app.querySelector("#" + id("amount")).value;
        if (raw === "" || isNaN(Number(raw))) throw new Error(fmt(S.amount, { unit: kase.sentence.unit }));
        var factors = [];
        app.querySelectorAll("input[data-factor]:checked").forEach(function (i) { factors.push(i.value); });
        out.sentence = { amount: Number(raw), factors: factors };
      }
      return out;
    });
  }

  function rubricList(withOptions) {
    var list = el("dl", { "class": "ma-rubric" });
    kase.rubric.forEach(function (c) {
      list.appendChild(el("dt", { text: c.label, dir: "auto" }));
      var dd = el("dd", {}, [c.source === "auto" ? el("p", { text: S.auto }) : el("div", { html: c.prompt })]);
      if (withOptions && c.options.length) {
        var ul = el("ul");
        c.options.forEach(function (o) { ul.appendChild(el("li", {}, [el("strong", {}, [bdi(o.label), " (" + o.points + "): "]), el("span", { html: o.explanation })])); });
        dd.appendChild(ul);
      }
      list.appendChild(dd);
    });
    return list;
  }

  /* as model.word_count: each Chinese or Japanese ideograph or kana is a word, their punctuation a space */
  var WORD = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\s\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  function words(t) { var m = String(t).match(WORD); return m ? m.length : 0; }

  function reasons() {
    var r = kase.reasoning, tid = id("reasons"), cid = id("count");
    var text = draft !== null ? draft : (state.answers.reasons || "");
    var counter = el("p", { id: cid, "class": "ma-count" });
    function update(v) { counter.textContent = fmt(S.words, { n: words(v), min: r.min_words, max: r.max_words }); }
    update(text);
    var area = el("textarea", { id: tid, rows: "12", dir: "auto", "aria-describedby": cid, disabled: locked(),
      on: { input: function () { draft = area.value; update(area.value); } } });
    area.value = text;
    var kids = [];
    if (r.prompt) kids.push(el("div", { "class": "ma-html", html: r.prompt }));
    kids.push(el("h4", { text: S.rubric }), rubricList(true));
    kids.push(el("label", { "for": tid, "class": "ma-reason-label", text: S.your_reasons }), area, counter);
    return form("reasons", S.submit_reasons, kids, function () { return { text: area.value }; });
  }

  function assessment() {
    var d = state.debrief || {}, kids = [];
    var yours = el("section", { "class": "ma-col", "aria-labelledby": id("yours") }, [
      el("h4", { id: id("yours"), text: S.your_reasons }), el("div", { "class": "ma-learner", dir: "auto", text: state.answers.reasons || "" })]);
    var model = el("section", { "class": "ma-col", "aria-labelledby": id("model") }, [
      el("h4", { id: id("model"), text: S.model_answer }), el("div", { "class": "ma-html", html: d.model_answer || "" })]);
    kids.push(el("div", { "class": "ma-compare" }, [yours, model]));
    var list = el("ul", { "class": "ma-debrief" });
    (d.rulings || []).forEach(function (row) {
      list.appendChild(el("li", { "class": row.correct ? "ma-ok" : "ma-no" }, [
        el("strong", {}, [row.exhibit + " — ", bdi(row.label), ": " + (row.correct ? S.correct : S.incorrect) + S.stop]),
        el("span", { text: fmt(S.your_choice, { value: R[row.choice] || S.none }) + S.sep + fmt(S.expected, { value: R[row.expected] }) + S.stop }),
        el("span", { html: row.feedback || "" })]));
    });
    (d.proof || []).forEach(function (row) {
      var yn = function (v) { return v === true ? S.yes : v === false ? S.no : S.none; };
      list.appendChild(el("li", { "class": row.correct ? "ma-ok" : "ma-no" }, mixed(S.proof_row, { label: row.label }).concat([": " +
        (row.correct ? S.correct : S.incorrect) + S.stop + fmt(S.your_choice, { value: yn(row.given) }) + S.sep + fmt(S.expected, { value: yn(row.expected) })])));
    });
    (d.verdicts || []).forEach(function (row) {
      list.appendChild(el("li", { "class": row.correct ? "ma-ok" : "ma-no" }, [bdi(row.label), ": " +
        (row.correct ? S.correct : S.incorrect) + S.stop + fmt(S.your_choice, { value: R[row.given] || S.none }) + S.sep + fmt(S.expected, { value: R[row.expected] })]));
    });
    if (d.sentence_range) {
      list.appendChild(el("li", { "class": d.sentence_in_range ? "ma-ok" : "ma-no", text: R.sentence_legend + ": " +
        (d.sentence_in_range ? S.in_range : S.out_of_range) + " (" + d.sentence_range[0] + "–" + d.sentence_range[1] + " " + kase.sentence.unit + ")" }));
    }
    kids.push(el("h4", { text: S.feedback }), list);
    var parts = el("ul", { "class": "ma-parts" });
    kase.rubric.forEach(function (c) {
      if (c.source !== "auto") return;
      var p = (d.criteria || []).filter(function (x) { return x.name === c.name; })[0];
      if (p) parts.appendChild(el("li", {}, [bdi(c.label), ": " + fmt(S.score, { earned: p.earned, possible: p.possible })]));
    });
    kids.push(parts);
    var self = kase.rubric.filter(function (c) { return c.source === "self"; });
    var chosen = state.answers.self || {};
    self.forEach(function (c) {
      var fs = radios("c-" + c.name, c.label, c.options.map(function (o) { return [o.name, o.label + " (" + o.points + ")"]; }), chosen[c.name], state.finished, true);
      fs.insertBefore(el("div", { "class": "ma-html", html: c.prompt }), fs.children[1]);
      kids.push(fs);
    });
    if (state.finished) {
      var cal = el("ul", { "class": "ma-calibration" });
      (d.calibration || []).forEach(function (row) {
        var c = self.filter(function (x) { return x.name === row.criterion; })[0];
        cal.appendChild(el("li", {}, [bdi(c ? c.label : row.criterion), ": " + S.calibration[row.verdict]]));
      });
      kids.push(cal);
      if (state.score) kids.push(el("p", { "class": "ma-score", "data-role": "score", text: fmt(S.score, { earned: round(state.score.earned), possible: state.score.possible }) }));
      var f = el("div", { "class": "ma-form" }, kids);
      if (state.can_retry) {
        f.appendChild(el("div", { "class": "ma-actions" }, [el("button", { type: "button", "class": "ma-btn ma-primary", "data-role": "retry", text: S.retry,
          on: { click: function () { post("retry", {}).then(function () { render(true); }, function () {}); } } })]));
      } else {
        f.appendChild(el("p", { text: S.no_attempts }));
      }
      return f;
    }
    return form("assessment", S.submit_self, kids, function () {
      var out = {};
      self.forEach(function (c) {
        var v = checked("c-" + c.name);
        if (!v) throw new Error(c.label);
        out[c.name] = v;
      });
      return { self: out };
    });
  }
  function round(x) { return Math.round(x * 100) / 100; }

  var VIEWS = { case_file: caseFile, admissibility: admissibility, weighing: weighing, verdict: verdict, reasons: reasons, assessment: assessment };

  function render(focus) {
    var phase = PHASES.indexOf(state.phase) >= 0 ? state.phase : "case_file", i = index(phase);
    var nav = el("ol", { "class": "ma-steps" });
    PHASES.forEach(function (p, j) {
      var name = fmt(S.step, { n: j + 1, total: PHASES.length, name: S.phases[p] });
      nav.appendChild(el("li", {}, [el("button", { type: "button", "class": "ma-step", "data-phase": p,
        "aria-current": p === phase ? "step" : null, disabled: !open(j) || p === phase,
        on: { click: function () { go(p); } } }, [el("span", { "class": "ma-num", "aria-hidden": "true", text: String(j + 1) }),
        el("span", { "class": "ma-vh", text: name }), el("span", { "aria-hidden": "true", text: S.phases[p] })])]));
    });
    var heading = el("h3", { id: id("heading"), tabindex: "-1", "class": "ma-heading", "data-role": "heading",
      text: fmt(S.step, { n: i + 1, total: PHASES.length, name: S.phases[phase] }) });
    app.textContent = "";
    app.appendChild(el("h2", { "class": "ma-title", text: kase.title, dir: "auto" }));
    app.appendChild(el("nav", { "aria-label": S.progress }, [nav]));
    var section = el("section", { "class": "ma-phase", "aria-labelledby": id("heading"), "data-role": "phase", "data-phase": phase }, [heading]);
    if (locked()) section.appendChild(el("p", { "class": "ma-note", text: S.locked }));
    section.appendChild(VIEWS[phase]());
    app.appendChild(section);
    if (focus) heading.focus();
  }
  render(false);
}
