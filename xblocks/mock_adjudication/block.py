"""The mock_adjudication XBlock: fields, views and handlers. The logic lives in model/olx/validation.

A learner sits as judge (or prosecutor) on a case file and works through six phases: case file,
admissibility, weighing, verdict and sentence, written reasons, assessment. Each phase's answers are
saved on the server as it is submitted; the learner can go back until the reasons are submitted (the
final submit). The answer key never leaves the server: the browser gets the case without keys, and the
debrief (feedback, model judgment) only after the final submit. Scores are computed here from the
stored answers, never taken from the browser, so instructors can rescore after a key change.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import html
import json
import re
from importlib import resources

from web_fragments.fragment import Fragment
from webob import Response
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Dict, Float, Integer, Scope, String
from xblock.scorable import ScorableXBlockMixin, Score

from ..common.compat import in_course_context
from ..common.i18n import _, gettext_for, language_of, text_direction
from ..common.olx import ReadableOlxMixin
from ..common.problems import ContentError, errors_only
from ..common.refusals import Refusal
from ..common.sanitize import clean_html
from . import editor, olx
from .model import PHASES, RULINGS, VERDICTS, Case, admitted_exhibits, score, word_count
from .validation import validate

PACKAGE = __package__
MAX_BODY = 256 * 1024  # bytes of JSON a learner handler accepts (40 000 characters of reasons in any script)
MAX_REASON_CHARS = 40_000
MAX_RULING_REASON_CHARS = 600
MAX_OLX_CHARS = 400_000
HISTORY_CAP = 50
EVENT = "edx.mock_adjudication.phase_submitted"

UI_STRINGS = {
    "phases": {
        "case_file": _("Case file"),
        "admissibility": _("Admissibility"),
        "weighing": _("Weighing the evidence"),
        "verdict": _("Verdict and sentence"),
        "reasons": _("Written reasons"),
        "assessment": _("Assessment"),
    },
    "judge": {
        "admit": _("Admit"),
        "exclude": _("Exclude"),
        "admit_limited": _("Admit with limited weight"),
        "guilty": _("Guilty"),
        "not_guilty": _("Not guilty"),
        "verdict_legend": _("Verdict on count: {label}"),
        "sentence_legend": _("Sentence"),
        "ruling_legend": _("Ruling on exhibit {id}: {label}"),
        "intro": _("You sit as the judge. Rule on the evidence, decide each count and give reasons."),
    },
    "prosecutor": {
        "admit": _("Tender"),
        "exclude": _("Withdraw"),
        "admit_limited": _("Tender for a limited purpose"),
        "guilty": _("Proceed on this count"),
        "not_guilty": _("Withdraw this count"),
        "verdict_legend": _("Charging decision on count: {label}"),
        "sentence_legend": _("Sentencing submission"),
        "ruling_legend": _("Exhibit {id}: {label}, tender or withdraw?"),
        "intro": _(
            "You act for the prosecution. Decide which exhibits to tender, which counts to pursue and "
            "what sentence to ask for, and give reasons."
        ),
    },
    "next": _("Save and continue"),
    "back": _("Back"),
    "submit_reasons": _("Submit reasons (final)"),
    "submit_self": _("Submit self-assessment"),
    "retry": _("Start a new attempt"),
    "reason": _("Reason (one or two sentences)"),
    "supports": _("Tick each admitted exhibit that supports an element."),
    "element": _("Element"),
    "proven": _("Is the standard of proof ({standard}) met on count: {label}?"),
    # Translators: a line of the feedback list, before "Matches the key" or "Differs from the key".
    "proof_row": _("Standard of proof on count: {label}"),
    "yes": _("Yes"),
    "no": _("No"),
    "amount": _("Sentence ({unit})"),
    "aggravating": _("Aggravating factors"),
    "mitigating": _("Mitigating factors"),
    "words": _("{n} words (between {min} and {max})"),
    "your_reasons": _("Your reasons"),
    "model_answer": _("Model judgment"),
    "rubric": _("Rubric"),
    "feedback": _("Feedback on your decisions"),
    "auto": _("Scored automatically from your answers"),
    "score": _("Score: {earned} of {possible}"),
    "saved": _("Saved."),
    "error": _("Not saved: {message}"),
    "network": _("Not saved: the server could not be reached. Your answers are still on this page."),
    "correct": _("Matches the key"),
    "incorrect": _("Differs from the key"),
    "expected": _("Expected: {value}"),
    "your_choice": _("Your choice: {value}"),
    "none": _("none"),
    "in_range": _("Within the accepted range"),
    "out_of_range": _("Outside the accepted range"),
    # Translators: ends "Matches the key" before "Your choice: …" in the feedback list.
    "stop": _(". "),
    # Translators: separates "Your choice: …" from "Expected: …" in the feedback list.
    "sep": _("; "),
    "calibration": {
        "match": _("Your rating matches the expert's."),
        "higher": _("You rated this higher than the expert did."),
        "lower": _("You rated this lower than the expert did."),
    },
    "no_attempts": _("No attempts left."),
    "attempt": _("Attempt {n}"),
    "locked": _("Reasons submitted: earlier phases can be read but no longer changed."),
    "exhibits": _("Exhibits"),
    "counts": _("Counts and elements"),
    "agreed_facts": _("Agreed facts"),
    "law": _("Applicable law"),
    "brief": _("Brief"),
    "contested": _("contested"),
    "open_file": _("Open the file"),
    "step": _("Step {n} of {total}: {name}"),
    "progress": _("Progress"),
}


def _resource(path: str) -> str:
    return resources.files(PACKAGE).joinpath(path).read_text("utf-8")


def script_safe_json(value) -> str:
    """JSON that can sit inside an HTML <script> element: no literal <, > or &."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _translate(strings, gettext):
    if isinstance(strings, dict):
        return {k: _translate(v, gettext) for k, v in strings.items()}
    return gettext(strings)


class InputError(Refusal):
    """A learner or author request the block refuses; the message is shown to them, translated.

    *errors* (per-field problems from the validators) go back beside the message.
    """

    def __init__(self, message: str, status: int = 400, errors: list | None = None, **params):
        super().__init__(message, status, **params)
        self.extra = {} if errors is None else {"errors": errors}


def json_api(func):
    """Like ``XBlock.json_handler``, but refuses oversized bodies before parsing and answers errors
    as ``{"ok": false, "error": message, ...}`` with a 4xx status, never touching saved state."""

    @XBlock.handler
    @functools.wraps(func)
    def wrapper(self, request, suffix=""):
        def reply(body: dict, status: int = 200) -> Response:
            return Response(json.dumps(body), status=status, content_type="application/json", charset="utf8")

        if request.method != "POST":
            return reply({"ok": False, "error": gettext_for(self)(_("Method must be POST"))}, 405)
        body = request.body
        if len(body) > MAX_BODY:
            refusal = InputError(
                _("request too large ({size} bytes, limit {limit})"), size=len(body), limit=MAX_BODY
            )
            return reply({"ok": False, "error": refusal.translated(gettext_for(self))}, 413)
        try:
            data = json.loads(body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return reply({"ok": False, "error": gettext_for(self)(_("Invalid JSON"))}, 400)
        if not isinstance(data, dict):
            return reply({"ok": False, "error": gettext_for(self)(_("expected a JSON object"))}, 400)
        try:
            result = func(self, data, suffix)
        except InputError as exc:
            return reply({"ok": False, "error": exc.translated(gettext_for(self)), **exc.extra}, exc.status)
        return reply({"ok": True, **result})

    return wrapper


def _require(condition: bool, message: str, **params) -> None:
    """Refuse the request unless *condition*; *message* is a template marked with ``_()``."""
    if not condition:
        raise InputError(message, **params)


HTML_KEYS = ("brief", "law", "model_answer")


def sanitized(case: Case) -> Case:
    """A copy of *case* with every author HTML text passed through the allow-list."""
    case = copy.deepcopy(case)
    for key in HTML_KEYS:
        setattr(case, key, clean_html(getattr(case, key)))
    case.agreed_facts = [clean_html(f) for f in case.agreed_facts]
    for x in case.exhibits:
        x.description = clean_html(x.description)
    for r in case.rulings:
        r.feedback = {k: clean_html(v) for k, v in r.feedback.items()}
    case.reasoning.prompt = clean_html(case.reasoning.prompt)
    for c in case.rubric.criteria:
        c.prompt = clean_html(c.prompt)
        for o in c.options:
            o.explanation = clean_html(o.explanation)
    return case


def _progress(key: str, default, doc: str) -> property:
    """A named part of the ``progress`` field (copies of lists and dicts, so no one mutates it unseen)."""

    def get(self):
        value = self.progress.get(key, default)
        return copy.deepcopy(value) if isinstance(value, dict | list) else value

    def set(self, value):
        self.progress = {**self.progress, key: value}

    return property(get, set, doc=doc)


def default_case() -> Case:
    return olx.read_string(_resource("scenarios/judge.xml"))


@XBlock.wants("user", "i18n")
@XBlock.supports("multi_device")
class MockAdjudicationBlock(ReadableOlxMixin, ScorableXBlockMixin, CompletableXBlockMixin, XBlock):
    """Practise the whole decision on a realistic case file: rule, weigh, decide, sentence, reason."""

    display_name = String(
        display_name=_("Display name"),
        help=_("The title learners see; also the case title."),
        scope=Scope.settings,
        default=_("Mock adjudication"),
        enforce_type=True,
    )
    weight = Float(
        display_name=_("Problem weight"),
        help=_("How much this block counts in the grade; 0 makes it ungraded practice."),
        scope=Scope.settings,
        default=1.0,
        values={"min": 0},
        enforce_type=True,
    )
    max_attempts = Integer(
        display_name=_("Maximum attempts"),
        help=_("How many times a learner may work the case; 0 means no limit."),
        scope=Scope.settings,
        default=1,
        values={"min": 0},
        enforce_type=True,
    )
    grading_policy = String(
        display_name=_("Grading policy"),
        help=_("Which attempt counts: the best or the last."),
        scope=Scope.settings,
        default="best",
        values=[
            {"display_name": _("Best attempt"), "value": "best"},
            {"display_name": _("Last attempt"), "value": "last"},
        ],
        enforce_type=True,
    )
    case_data = Dict(
        help=_("The case in its authoring shape (texts as HTML); edited through the OLX or the Studio form."),
        scope=Scope.content,
        default={},
    )

    progress = Dict(
        help=_(
            "The learner's progress: the current attempt's answers and phase, the answers of every "
            "submitted attempt (for rescoring) and the score last published."
        ),
        scope=Scope.user_state,
        default={},
    )

    # The learner's state is one field, read once per request (some runtimes, the workbench among
    # them, answer every field read with its own storage query); these properties name its parts.
    answers = _progress("answers", {}, "The current attempt's saved answers, by phase.")
    phase = _progress("phase", "case_file", "The phase the learner is on.")
    reached = _progress("reached", 0, "How many phases the learner has saved.")
    submitted = _progress("submitted", False, "Reasons submitted (the final submit).")
    finished = _progress("finished", False, "Self-assessment done; the attempt is over.")
    attempt = _progress("attempt", 1, "The current attempt, from 1.")
    history = _progress("history", [], "Answers of every submitted attempt, for rescoring.")
    raw_earned = _progress("raw_earned", None, "The raw score last published.")

    has_author_view = True
    show_in_read_only_mode = True
    icon_class = "problem"

    # -- the content ------------------------------------------------------------------------------

    @property
    def content_case(self) -> Case:
        """The case as authored (content scope only), built once per block instance and content.

        The runtime hands back the same ``case_data`` object until the field is assigned again (the
        block never mutates it in place). Handlers use this one: it reads no settings field.
        """
        data = self.case_data
        cached = self.__dict__.get("_case_cache")
        if cached is not None and cached[0] is data:
            return cached[1]
        case = Case.from_dict(data) if data else default_case()
        self.__dict__["_case_cache"] = (data, case)
        return case

    @property
    def case(self) -> Case:
        """The case with the settings fields applied (Studio's settings tab edits those)."""
        return dataclasses.replace(
            self.content_case,
            title=self.display_name,
            weight=self.weight,
            max_attempts=self.max_attempts,
            grading_policy=self.grading_policy,
        )

    def _store_case(self, case: Case) -> None:
        self.case_data = case.to_dict()
        self.display_name = case.title
        self.weight = case.weight
        self.max_attempts = case.max_attempts
        self.grading_policy = case.grading_policy

    content_olx = olx
    validate_content = staticmethod(validate)

    @property
    def content_model(self) -> Case:
        return self.case

    def store_content(self, case: Case) -> None:
        self._store_case(case)

    # -- grading ----------------------------------------------------------------------------------

    @property
    def location(self):
        """The usage key, as edx-platform's mixin names it (``rescore`` uses it in messages)."""
        return self.__dict__.get("_location") or self.scope_ids.usage_id

    @location.setter
    def location(self, value):  # runtimes such as the workbench set it
        self.__dict__["_location"] = value

    def max_score(self) -> float:
        """Raw points possible, fixed by the content (never by learner state)."""
        return self.content_case.max_score()

    def has_submitted_answer(self) -> bool:
        return bool(self.history) or self.submitted

    def get_score(self) -> Score:
        return Score(raw_earned=self.raw_earned or 0.0, raw_possible=self.max_score())

    def set_score(self, score: Score) -> None:
        self.raw_earned = score.raw_earned

    def _attempt_answers(self) -> list[dict]:
        answers = list(self.history)
        if self.submitted and not self.finished:
            answers.append(self.answers)
        return answers

    def calculate_score(self) -> Score:
        """Recompute from every stored attempt against the current key (used by rescoring)."""
        case = self.content_case
        earned = [score(case, a).earned for a in self._attempt_answers()]
        if not earned:
            return Score(0.0, case.max_score())
        value = max(earned) if self.grading_policy == "best" else earned[-1]
        return Score(raw_earned=value, raw_possible=case.max_score())

    def _publish_grade(self, score, only_if_higher=None):
        if in_course_context(self):
            super()._publish_grade(score, only_if_higher)

    def _grade(self) -> None:
        """Score the stored attempts, keep the score, publish grade and completion in a course."""
        new = self.calculate_score()
        self.set_score(new)
        self._publish_grade(new, only_if_higher=False)
        if self.finished and in_course_context(self):
            # has_custom_completion: the platform does not infer completion from the grade; the
            # block is complete when an attempt is finished (reasons and self-assessment done)
            self.emit_completion(1.0)

    # -- learner views ----------------------------------------------------------------------------

    def student_view_data(self, context=None) -> dict:
        """The case as the learner (web or mobile) may see it: no expected rulings, supports, verdicts,
        sentence range, factor keys, expert options or model answer."""
        case = sanitized(self.case)
        data = {
            "title": case.title,
            "role": case.role,
            "standard_of_proof": case.standard_of_proof,
            "brief": case.brief,
            "law": case.law,
            "agreed_facts": case.agreed_facts,
            "counts": [
                {"id": c.id, "label": c.label, "elements": [{"id": e.id, "text": e.text} for e in c.elements]}
                for c in case.counts
            ],
            "exhibits": [
                {
                    "id": x.id,
                    "type": x.type,
                    "label": x.label,
                    "description": x.description,
                    "contested": x.id in {c.id for c in case.contested()},
                    "media": (
                        {
                            "src": x.media.src,
                            "file": x.media.file,
                            "alt": "" if x.media.decorative else x.media.alt,
                        }
                        if x.media
                        else None
                    ),
                }
                for x in case.exhibits
            ],
            "sentence": (
                {
                    "unit": case.sentence.unit,
                    "factors": [
                        {"id": f.id, "kind": f.kind, "label": f.label} for f in case.sentence.factors
                    ],
                }
                if case.sentence
                else None
            ),
            "reasoning": {
                "min_words": case.reasoning.min_words,
                "max_words": case.reasoning.max_words,
                "prompt": case.reasoning.prompt,
            },
            "rubric": [
                {
                    "name": c.name,
                    "label": c.label,
                    "source": c.source,
                    "prompt": c.prompt,
                    "options": [
                        {"name": o.name, "label": o.label, "points": o.points, "explanation": o.explanation}
                        for o in c.options
                    ],
                }
                for c in case.rubric.criteria
            ],
            "max_score": case.max_score(),
            "weight": case.weight,
            "max_attempts": case.max_attempts,
        }
        return data

    def user_state(self) -> dict:
        """What this learner has done, plus the debrief once the reasons are submitted."""
        case = self.content_case
        finished = self.finished
        can_retry = False
        if finished:  # the setting is read only when it matters
            limit = self.max_attempts
            can_retry = limit == 0 or self.attempt < limit
        state = {
            "phase": self.phase if self.phase in PHASES else "case_file",
            "reached": self.reached,
            "answers": self.answers,
            "submitted": self.submitted,
            "finished": finished,
            "attempt": self.attempt,
            "can_retry": can_retry,
            "admitted": [x.id for x in admitted_exhibits(case, self.answers)],
            "score": {"earned": self.raw_earned, "possible": case.max_score()}
            if self.raw_earned is not None
            else None,
        }
        if self.submitted:
            state["debrief"] = self._debrief(case)
        return state

    def _debrief(self, case: Case) -> dict:
        result = score(case, self.answers)
        for row in result.rulings:
            row["feedback"] = clean_html(row["feedback"])
        labels = {x.id: x.label for x in case.exhibits}
        counts = {c.id: c.label for c in case.counts}
        auto = {
            name: {"earned": round(p.earned, 3), "possible": p.possible} for name, p in result.parts.items()
        }
        debrief = {
            "model_answer": clean_html(case.model_answer),
            "rulings": [{**row, "label": labels.get(row["exhibit"], "")} for row in result.rulings],
            "verdicts": [{**row, "label": counts.get(row["count"], "")} for row in result.verdicts],
            "proof": [{**row, "label": counts.get(row["count"], "")} for row in result.proof],
            "sentence_in_range": result.sentence_in_range,
            "sentence_range": [case.sentence.min, case.sentence.max] if case.sentence else None,
            "parts": auto,
            "criteria": [
                {"name": c.name, "measures": c.measures, **auto.get(c.measures, {"earned": 0, "possible": 0})}
                for c in case.rubric.criteria
                if c.source == "auto"
            ],
            "earned": result.earned,
            "possible": result.possible,
        }
        if self.finished:
            debrief["calibration"] = result.calibration
        return debrief

    def student_view(self, context=None):
        gettext = gettext_for(self)
        language = language_of(self)
        uid = _dom_id(self)
        html = _resource("templates/student.html")
        html = (
            html.replace("{{uid}}", uid)
            .replace("{{lang}}", language)
            .replace("{{dir}}", text_direction(language))
            .replace("{{loading}}", gettext("Loading the case file…"))
            .replace("{{noscript}}", gettext("This exercise needs JavaScript."))
        )
        fragment = Fragment(html)
        fragment.add_css(_resource("public/mock_adjudication.css"))
        fragment.add_javascript(_resource("public/mock_adjudication.js"))
        payload = {
            "uid": uid,
            "case": self.student_view_data(),
            "state": self.user_state(),
            "strings": _translate(UI_STRINGS, gettext),
        }
        # Runtimes write init args with a bare json.dumps inside <script>; a learner's "</script>" in
        # the reasons would end that element. Sent as a string with <, > and & escaped, it cannot.
        fragment.initialize_js("MockAdjudicationBlock", {"payload": script_safe_json(payload)})
        return fragment

    # -- learner handlers -------------------------------------------------------------------------

    def _check_phase(self, phase: str) -> int:
        _require(phase in PHASES, _("unknown phase '{phase}'"), phase=phase[:40])
        index = PHASES.index(phase)
        if phase == "assessment":
            _require(self.submitted, _("the assessment opens after the reasons are submitted"))
            _require(not self.finished, _("this attempt is finished"))
        else:
            _require(
                not self.submitted, _("the reasons are submitted: earlier phases can no longer be changed")
            )
            _require(
                index <= self.reached,
                _("phase '{phase}' is not open yet: finish the earlier phases first"),
                phase=phase,
            )
        return index

    @json_api
    def save_phase(self, data, suffix=""):
        """Save one phase's answers (validated against the case), move on, emit a tracking event."""
        phase = data.get("phase")
        _require(isinstance(phase, str), _("missing '{key}'"), key="phase")
        index = self._check_phase(phase)
        payload = data.get("answers", {})
        _require(isinstance(payload, dict), _("'{key}' must be an object"), key="answers")
        case = self.content_case
        answers = copy.deepcopy(self.answers)
        event: dict = {"phase": phase, "attempt": self.attempt}
        if phase == "admissibility":
            answers["rulings"] = self._clean_rulings(case, payload)
            # exhibits no longer admitted cannot support anything
            kept = {x.id for x in admitted_exhibits(case, answers)}
            weighing = answers.get("weighing")
            if weighing:
                weighing["supports"] = [p for p in weighing.get("supports", []) if p[1] in kept]
            event["rulings"] = {k: v["choice"] for k, v in answers["rulings"].items()}
        elif phase == "weighing":
            answers["weighing"] = self._clean_weighing(case, answers, payload)
            event["weighing"] = answers["weighing"]
        elif phase == "verdict":
            answers["verdicts"], sentence = self._clean_verdict(case, payload)
            if sentence is not None:
                answers["sentence"] = sentence
            event["verdicts"] = answers["verdicts"]
            event["sentence"] = sentence
        elif phase == "reasons":
            answers["reasons"] = self._clean_reasons(case, payload)
            event["words"] = word_count(answers["reasons"])
        elif phase == "assessment":
            answers["self"] = self._clean_self(case, payload)
            event["self"] = answers["self"]
        # every check passed: only now is state written
        self.answers = answers
        self.reached = max(self.reached, index + 1)
        self.phase = PHASES[min(index + 1, len(PHASES) - 1)]
        if phase == "reasons":
            self.submitted = True
            self._grade()
            event["score"] = self.raw_earned
        elif phase == "assessment":
            self.finished = True
            self.history = [*self.history, answers][-HISTORY_CAP:]
            self._grade()
            event["score"] = self.raw_earned
        self.runtime.publish(self, EVENT, event)
        return {"state": self.user_state()}

    def _clean_rulings(self, case: Case, payload: dict) -> dict:
        rulings = payload.get("rulings")
        _require(isinstance(rulings, dict), _("'{key}' must be an object keyed by exhibit id"), key="rulings")
        contested = [x.id for x in case.contested()]
        out = {}
        for exhibit, value in rulings.items():
            _require(exhibit in contested, _("no contested exhibit '{exhibit}'"), exhibit=str(exhibit)[:40])
            _require(
                isinstance(value, dict), _("the ruling on '{exhibit}' must be an object"), exhibit=exhibit
            )
            choice = value.get("choice")
            _require(
                choice in RULINGS,
                _("the ruling on '{exhibit}' must be one of {allowed}"),
                exhibit=exhibit,
                allowed=", ".join(RULINGS),
            )
            reason = value.get("reason", "")
            _require(isinstance(reason, str), _("the reason for '{exhibit}' must be text"), exhibit=exhibit)
            _require(
                len(reason) <= MAX_RULING_REASON_CHARS,
                _("the reason for '{exhibit}' is too long (limit {limit} characters)"),
                exhibit=exhibit,
                limit=MAX_RULING_REASON_CHARS,
            )
            out[exhibit] = {"choice": choice, "reason": reason.strip()}
        missing = [x for x in contested if x not in out]
        _require(
            not missing, _("rule on every contested exhibit (missing: {missing})"), missing=", ".join(missing)
        )
        return out

    def _clean_weighing(self, case: Case, answers: dict, payload: dict) -> dict:
        supports = payload.get("supports", [])
        _require(
            isinstance(supports, list),
            _("'{key}' must be a list of [element, exhibit] pairs"),
            key="supports",
        )
        elements = {e.id for _count, e in case.elements()}
        admitted = {x.id for x in admitted_exhibits(case, answers)}
        _require(len(supports) <= len(elements) * max(1, len(admitted)), _("too many supports"))
        pairs = []
        for pair in supports:
            _require(
                isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair),
                _("each support must be [element id, exhibit id]"),
            )
            _require(pair[0] in elements, _("no element '{element}'"), element=pair[0][:40])
            _require(pair[1] in admitted, _("exhibit '{exhibit}' is not admitted"), exhibit=pair[1][:40])
            if pair not in pairs:
                pairs.append(pair)
        proven = payload.get("proven", {})
        _require(isinstance(proven, dict), _("'{key}' must be an object keyed by count id"), key="proven")
        counts = [c.id for c in case.counts]
        for key, value in proven.items():
            _require(key in counts, _("no count '{count}'"), count=str(key)[:40])
            _require(isinstance(value, bool), _("'proven' for '{count}' must be true or false"), count=key)
        missing = [c for c in counts if c not in proven]
        _require(
            not missing,
            _("say whether the standard is met on every count (missing: {missing})"),
            missing=", ".join(missing),
        )
        return {"supports": pairs, "proven": {c: proven[c] for c in counts}}

    def _clean_verdict(self, case: Case, payload: dict):
        verdicts = payload.get("verdicts")
        _require(isinstance(verdicts, dict), _("'{key}' must be an object keyed by count id"), key="verdicts")
        counts = [c.id for c in case.counts]
        for key, value in verdicts.items():
            _require(key in counts, _("no count '{count}'"), count=str(key)[:40])
            _require(
                value in VERDICTS,
                _("the verdict on '{count}' must be one of {allowed}"),
                count=key,
                allowed=", ".join(VERDICTS),
            )
        missing = [c for c in counts if c not in verdicts]
        _require(not missing, _("decide every count (missing: {missing})"), missing=", ".join(missing))
        sentence = None
        if case.sentence is not None:
            given = payload.get("sentence")
            _require(isinstance(given, dict), _("'{key}' must be an object"), key="sentence")
            amount = given.get("amount")
            _require(
                isinstance(amount, int | float) and not isinstance(amount, bool) and 0 <= amount <= 1_000_000,
                _("the sentence must be a number of at least 0"),
            )
            factors = given.get("factors", [])
            known = [f.id for f in case.sentence.factors]
            _require(
                isinstance(factors, list) and all(isinstance(f, str) for f in factors),
                _("'{key}' must be a list"),
                key="factors",
            )
            for f in factors:
                _require(f in known, _("no factor '{factor}'"), factor=f[:40])
            sentence = {"amount": amount, "factors": [f for f in known if f in factors]}
        return {c: verdicts[c] for c in counts}, sentence

    def _clean_reasons(self, case: Case, payload: dict) -> str:
        text = payload.get("text")
        _require(isinstance(text, str), _("'{key}' must be the reasons as text"), key="text")
        _require(
            len(text) <= MAX_REASON_CHARS,
            _("the reasons are too long (limit {limit} characters)"),
            limit=MAX_REASON_CHARS,
        )
        n = word_count(text)
        r = case.reasoning
        _require(
            n >= r.min_words, _("the reasons have {n} words; write at least {min}"), n=n, min=r.min_words
        )
        _require(n <= r.max_words, _("the reasons have {n} words; the limit is {max}"), n=n, max=r.max_words)
        return text

    def _clean_self(self, case: Case, payload: dict) -> dict:
        chosen = payload.get("self", {})
        _require(isinstance(chosen, dict), _("'{key}' must be an object keyed by criterion name"), key="self")
        criteria = {c.name: c for c in case.self_criteria()}
        for key, value in chosen.items():
            _require(key in criteria, _("no self-assessed criterion '{criterion}'"), criterion=str(key)[:40])
            _require(
                isinstance(value, str) and criteria[key].option(value) is not None,
                _("no option '{option}' in criterion '{criterion}'"),
                option=str(value)[:40],
                criterion=key,
            )
        missing = [c for c in criteria if c not in chosen]
        _require(not missing, _("rate every criterion (missing: {missing})"), missing=", ".join(missing))
        return {c: chosen[c] for c in criteria}

    @json_api
    def goto(self, data, suffix=""):
        """Move to an open phase (back, or forward to one already saved); nothing else changes."""
        phase = data.get("phase")
        _require(isinstance(phase, str) and phase in PHASES, _("unknown phase"))
        index = PHASES.index(phase)
        # after the final submit every phase may be re-read (read-only); before it, only saved ones
        _require(self.submitted or index <= self.reached, _("phase '{phase}' is not open yet"), phase=phase)
        self.phase = phase
        return {"state": self.user_state()}

    @json_api
    def retry(self, data, suffix=""):
        """Start a new attempt when the last is finished and attempts remain."""
        _require(self.finished, _("finish this attempt first"))
        limit = self.max_attempts
        _require(limit == 0 or self.attempt < limit, _("no attempts left"))
        self.attempt += 1
        self.answers = {}
        self.phase = "case_file"
        self.reached = 0
        self.submitted = False
        self.finished = False
        return {"state": self.user_state()}

    @json_api
    def state(self, data, suffix=""):
        return {"state": self.user_state()}

    # -- Studio -----------------------------------------------------------------------------------

    def author_view(self, context=None):
        case = self.case
        problems = validate(case)
        html = _render_author(sanitized(case), problems)
        fragment = Fragment(html)
        fragment.add_css(_resource("public/mock_adjudication.css"))
        return fragment

    def studio_view(self, context=None):
        gettext = gettext_for(self)
        case = self.case
        uid = _dom_id(self)
        html = _translate_template(_resource("templates/studio.html"), gettext)
        values = {
            "uid": _escape(uid),
            "olx": _escape(olx.to_string(case)),
            "form": editor.form_body(case, gettext, uid),
        }
        # one pass, so nothing an author wrote is ever read as a placeholder
        html = re.sub(r"\{\{(\w+)\}\}", lambda m: values.get(m.group(1), m.group(0)), html)
        fragment = Fragment(html)
        fragment.add_css(_resource("public/studio.css"))
        fragment.add_javascript(_resource("public/studio.js"))
        fragment.initialize_js("MockAdjudicationStudio", {"strings": editor.script_strings(gettext)})
        return fragment

    @json_api
    def studio_submit(self, data, suffix=""):
        """Save the structured form (``{"data": {...}}``, the whole authoring shape) or the OLX box
        (``{"olx": "...", "fields": {...}}``), or report every problem by field and save nothing.

        Both go through ``Case.from_dict`` and the one validator; a form problem comes back with the
        key path of its input (``counts.0.elements.1.text``), an OLX problem under the OLX box.
        """
        if "data" in data:
            authoring = data["data"]
            _require(isinstance(authoring, dict), _("'{key}' must be an object"), key="data")
            try:
                case = Case.from_dict(authoring)
            except ContentError as exc:
                raise InputError(
                    _("the case is not valid"), errors=_problem_list(exc.problems, None)
                ) from exc
            problems = validate(case)
            errors = errors_only(problems)
            if errors:
                raise InputError(_("the case is not valid"), errors=_problem_list(errors, None))
            self._store_case(sanitized(case))
            return {
                "warnings": _problem_list([p for p in problems if not p.is_error], None),
                "olx": olx.to_string(self.case),
            }
        source = data.get("olx")
        fields = data.get("fields", {})
        _require(isinstance(source, str), _("'{key}' must be text"), key="olx")
        _require(isinstance(fields, dict), _("'{key}' must be an object"), key="fields")
        _require(
            len(source) <= MAX_OLX_CHARS,
            _("the OLX is too long (limit {limit} characters)"),
            limit=MAX_OLX_CHARS,
        )
        try:
            authoring = olx.to_authoring(olx.parse_string(source))
        except ContentError as exc:
            raise InputError(_("the OLX is not valid"), errors=_problem_list(exc.problems, "olx")) from exc
        form_errors = []
        for key, path, kind in FORM_FIELDS:
            if key not in fields:
                continue
            raw = fields[key]
            try:
                value = kind(raw)
            except (TypeError, ValueError):
                form_errors.append(
                    {"field": key, "message": f"'{raw}' is not a valid {kind.__name__}", "hint": ""}
                )
                continue
            target = authoring
            for step in path[:-1]:
                target = target.setdefault(step, {})
            target[path[-1]] = value
        if form_errors:
            raise InputError(_("some fields are not valid"), errors=form_errors)
        try:
            case = Case.from_dict(authoring)
        except ContentError as exc:
            raise InputError(_("the case is not valid"), errors=_problem_list(exc.problems, "olx")) from exc
        problems = validate(case)
        errors = errors_only(problems)
        if errors:
            raise InputError(_("the case is not valid"), errors=_problem_list(errors, "olx"))
        self._store_case(sanitized(case))
        return {
            "warnings": _problem_list([p for p in problems if not p.is_error], "olx"),
            "form": editor.form_body(self.case, gettext_for(self), _dom_id(self)),
        }

    @staticmethod
    def workbench_scenarios():
        """The canned cases in scenarios/*.xml (also the test fixtures)."""
        out = []
        for name, title in (
            ("judge.xml", "Mock adjudication: judge"),
            ("prosecutor.xml", "Mock adjudication: prosecutor"),
        ):
            out.append((title, _resource(f"scenarios/{name}")))
        return out


FORM_FIELDS = (
    ("title", ("title",), str),
    ("role", ("role",), str),
    ("weight", ("weight",), float),
    ("max_attempts", ("max_attempts",), int),
    ("grading_policy", ("grading_policy",), str),
    ("standard_of_proof", ("standard_of_proof",), str),
    ("min_words", ("reasoning", "min_words"), int),
    ("max_words", ("reasoning", "max_words"), int),
    ("self_assessment_weight", ("rubric", "self_assessment_weight"), float),
)
FORM_PATHS = {path: key for key, path, _ in FORM_FIELDS}


def _problem_list(problems, default_field: str | None) -> list[dict]:
    """Problems as the Studio script shows them; ``field`` is the input they belong to: a settings
    key (OLX box with fields), ``"olx"``, or (``default_field=None``, the structured form) the key path."""
    out = []
    for p in problems:
        where = ".".join(str(x) for x in p.path)
        field = where if default_field is None else FORM_PATHS.get(tuple(p.path), default_field)
        out.append(
            {"field": field, "path": where, "message": p.message, "hint": p.hint, "severity": p.severity}
        )
    return out


def _dom_id(block) -> str:
    return "ma-" + "".join(ch if ch.isalnum() else "-" for ch in str(block.scope_ids.usage_id))


def _escape(value: str) -> str:
    return html.escape(value, quote=True)


def _translate_template(html: str, gettext) -> str:
    """Replace ``{{T:text}}`` markers with the translated, escaped text."""
    out = []
    rest = html
    while "{{T:" in rest:
        before, _, after = rest.partition("{{T:")
        text, _, rest = after.partition("}}")
        out.append(before)
        out.append(_escape(gettext(text)))
    out.append(rest)
    return "".join(out)


def _render_author(case: Case, problems) -> str:
    """The author view: case summary, the key, max score and the validator's findings."""
    e = html.escape
    rows = []
    rows.append(f'<div class="ma-author"><h3>{e(case.title)}</h3>')
    rows.append(
        f"<p>{e(case.role)} · {e(case.standard_of_proof)} · max score {case.max_score():g} · weight {case.weight:g}"
        f" · attempts {case.max_attempts or '∞'} · {e(case.grading_policy)}</p>"
    )
    if problems:
        rows.append('<ul class="ma-problems">')
        for p in problems:
            where = ".".join(str(x) for x in p.path)
            rows.append(
                f"<li><strong>{e(p.severity)}</strong> <code>{e(where)}</code>: {e(p.message)}"
                + (f" <em>({e(p.hint)})</em>" if p.hint else "")
                + "</li>"
            )
        rows.append("</ul>")
    else:
        rows.append("<p>No problems found.</p>")
    rows.append("<h4>Counts</h4><ul>")
    verdicts = {v.count: v for v in case.verdicts}
    for c in case.counts:
        v = verdicts.get(c.id)
        key = ""
        if v:
            proven = "yes" if v.expected_proven else "no"
            derived = "" if v.proven is not None else ", derived from the verdict"
            key = (
                f" — key: {e(v.expected)} ({v.points:g} pts); standard of proof met: {proven}"
                f" ({v.proof_points:g} pts{derived})"
            )
        rows.append(f"<li><code>{e(c.id)}</code> {e(c.label)}{key}<ul>")
        rows.extend(f"<li><code>{e(el.id)}</code> {e(el.text)}</li>" for el in c.elements)
        rows.append("</ul></li>")
    rows.append("</ul><h4>Exhibits and rulings</h4><ul>")
    for x in case.exhibits:
        r = case.ruling(x.id)
        key = f" — ruling key: {e(r.expected)} ({r.points:g} pts)" if r else ""
        rows.append(f"<li><code>{e(x.id)}</code> [{e(x.type)}] {e(x.label)}{key}</li>")
    rows.append("</ul><h4>Weighing key</h4><ul>")
    rows.extend(
        f"<li><code>{e(s.element)}</code> ← <code>{e(s.exhibit)}</code></li>" for s in case.weighing.supports
    )
    rows.append(f"</ul><p>Matrix worth {case.weighing.points:g} pts (partial credit).</p>")
    if case.sentence:
        s = case.sentence
        rows.append(f"<h4>Sentence</h4><p>{s.min:g}–{s.max:g} {e(s.unit)} ({s.points:g} pts)</p><ul>")
        rows.extend(
            f"<li>{e(f.kind)}: {e(f.label)} — expected {'yes' if f.expected else 'no'}</li>"
            for f in s.factors
        )
        rows.append("</ul>")
    rows.append("<h4>Rubric</h4><ul>")
    for c in case.rubric.criteria:
        detail = (
            f"auto: {e(c.measures)}"
            if c.source == "auto"
            else f"self, max {c.max_points:g}, expert {e(c.expert or '—')}"
        )
        rows.append(f"<li><code>{e(c.name)}</code> {e(c.label)} ({detail})</li>")
    rows.append("</ul></div>")
    return "".join(rows)
