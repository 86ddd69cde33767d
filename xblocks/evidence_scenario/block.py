"""The evidence_scenario XBlock: fields, views and handlers. The logic lives in model/play/olx/validation.

The learner plays a branching evidence-handling scenario one step at a time. The graph and the key
(points, targets) never leave the server: every ``choose`` is checked against the learner's stored
position, the path is stored, and the score is computed here from that path under the current key,
so an instructor's rescore after an author fixes a key gives the corrected grade.
"""

from __future__ import annotations

import functools
import json
import logging
from importlib import resources

from web_fragments.fragment import Fragment
from webob import Response
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Boolean, Float, Integer, List, Scope, String
from xblock.scorable import ScorableXBlockMixin, Score

from ..common.compat import in_course_context
from ..common.i18n import _, gettext_for, language_of, text_direction
from ..common.olx import ReadableOlxMixin
from ..common.problems import ContentError, errors_only
from ..common.refusals import Refusal
from ..common.sanitize import clean_html as _clean_html
from ..common.urls import expand_static_url, replace_static_urls
from . import editor, olx, play
from .model import FEEDBACK_MODES, GRADING_POLICIES, Scenario
from .validation import MAX_ID, validate

log = logging.getLogger(__name__)

# nh3 is a pure function of its input: the same author texts are cleaned once per process, not on every
# request (sanitised on render all the same).
clean_html = functools.lru_cache(maxsize=8192)(_clean_html)

PACKAGE = __package__
MAX_BODY = 2048  # bytes: a learner request is two ids
MAX_STUDIO_BODY = 600_000
EVENT = "edx.evidence_scenario.choice"
SETTINGS = ("title", "weight", "max_attempts", "grading_policy", "feedback_mode", "allow_undo")
FIELD_OF = {"title": "display_name"}


def _resource(path: str) -> str:
    return resources.files(PACKAGE).joinpath(path).read_text("utf-8")


class AsciiJson(String):
    """A String field holding ASCII-only JSON text (``json.dumps(..., ensure_ascii=True)``).

    ``String`` scans every value for characters XML forbids on each read, which for a 60-step scenario
    costs more than the handler itself; ASCII JSON cannot contain them (json escapes control
    characters and everything non-ASCII), so the scan is skipped.
    """

    def _sanitize(self, value):
        return value.decode("ascii") if isinstance(value, bytes) else value


def bounded_json_handler(limit: int):
    """``XBlock.json_handler``, refusing bodies over *limit* bytes before parsing them, and
    answering a :class:`Refusal` in the requester's language (``{"error": message}``, as
    ``JsonHandlerError`` does)."""

    def decorate(func):
        @functools.wraps(func)
        def translating(self, data, suffix=""):
            try:
                return func(self, data, suffix)
            except Refusal as refusal:
                raise JsonHandlerError(refusal.status, refusal.translated(gettext_for(self))) from refusal

        inner = XBlock.json_handler(translating)

        @XBlock.handler
        @functools.wraps(func)
        def wrapper(self, request, suffix=""):
            if len(request.body or b"") > limit:
                refusal = Refusal(_("request too large (over {limit} bytes)"), 413, limit=limit)
                return JsonHandlerError(413, refusal.translated(gettext_for(self))).get_response()
            return inner(self, request, suffix)

        return wrapper

    return decorate


@XBlock.needs("i18n")
@XBlock.wants("user")
@XBlock.wants("replace_urls")
class EvidenceScenarioBlock(ReadableOlxMixin, ScorableXBlockMixin, XBlock):
    """A branching evidence-handling exercise, graded on the server from the learner's path."""

    has_score = True
    has_custom_completion = True  # completion is published when an attempt reaches an outcome
    has_author_view = True  # Studio's preview shows the outline with its warnings (edx-platform reads this)
    icon_class = "problem"
    i18n_js_namespace = "EvidenceScenarioI18N"

    display_name = String(
        display_name=_("Display name"),
        help=_("The title learners see above the scenario."),
        scope=Scope.settings,
        default=_("Evidence-handling scenario"),
    )
    weight = Float(
        display_name=_("Problem weight"),
        help=_("How much this scenario counts in the grade; its points are scaled to this weight."),
        scope=Scope.settings,
        default=1.0,
        enforce_type=True,
    )
    max_attempts = Integer(
        display_name=_("Maximum attempts"),
        help=_("How many times a learner may play the scenario through (0 = unlimited)."),
        scope=Scope.settings,
        default=1,
        enforce_type=True,
    )
    grading_policy = String(
        display_name=_("Grading policy"),
        help=_("Which attempt counts: the best one or the last one."),
        scope=Scope.settings,
        default="best",
        values=GRADING_POLICIES,
    )
    feedback_mode = String(
        display_name=_("Feedback mode"),
        help=_(
            "Immediate: coaching after each choice. Debrief: consequences in the flow, coaching at the end."
        ),
        scope=Scope.settings,
        default="immediate",
        values=FEEDBACK_MODES,
    )
    allow_undo = Boolean(
        display_name=_("Allow undo"),
        help=_("Whether learners may take back their last decision before reaching an outcome."),
        scope=Scope.settings,
        default=False,
    )
    content = AsciiJson(
        help=_(
            "The scenario graph in its authoring shape (texts as sanitised HTML), without settings, as JSON "
            "text: read once per process, never deep-copied per request. OLX export stays readable XML."
        ),
        scope=Scope.content,
        default="",
    )

    path = List(
        help=_('This attempt\'s decisions, oldest first, each "step id/choice id".'),
        scope=Scope.user_state,
        default=[],
    )
    finished_paths = List(
        help=_("Every finished attempt's path, oldest first."), scope=Scope.user_state, default=[]
    )
    attempts = Integer(help=_("Attempts started."), scope=Scope.user_state, default=0)
    raw_earned = Float(help=_("The score last published."), scope=Scope.user_state, default=None)

    # -- the scenario --------------------------------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        """The model: the stored content with the settings fields laid over it.

        Built once per process for each content and settings (blocks are instantiated per request;
        the stored text is parsed at most once), never mutated by the block.
        """
        return _model(
            self.content,
            (
                self.display_name,
                self.weight,
                self.max_attempts,
                self.grading_policy,
                self.feedback_mode,
                self.allow_undo,
            ),
        )

    def _store(self, scenario: Scenario) -> None:
        """Save a validated scenario: HTML sanitised on the way in, settings to their fields."""
        scenario = play.sanitized(scenario, clean_html)
        data = scenario.to_dict()
        for name in SETTINGS:
            setattr(self, FIELD_OF.get(name, name), data.pop(name))
        self.content = json.dumps(data, ensure_ascii=True)

    # -- OLX -----------------------------------------------------------------------------------------

    content_olx = olx
    validate_content = staticmethod(validate)

    @property
    def content_model(self) -> Scenario:
        return self.scenario

    def store_content(self, scenario: Scenario) -> None:
        self._store(scenario)

    # -- grading -------------------------------------------------------------------------------------

    @property
    def location(self):
        """The usage key, as edx-platform's mixin names it (``rescore`` uses it in messages)."""
        return getattr(self, "_location", None) or self.scope_ids.usage_id

    @location.setter
    def location(self, value):  # edx-platform and the workbench set it on their blocks
        self._location = value

    def max_score(self) -> float:
        """Raw points possible: the best path's points, fixed by the content (never by learner state)."""
        return self.scenario.max_score()

    def has_submitted_answer(self) -> bool:
        return bool(self.finished_paths)

    def get_score(self) -> Score:
        return Score(raw_earned=self.raw_earned or 0.0, raw_possible=self.max_score())

    def set_score(self, score: Score) -> None:
        self.raw_earned = score.raw_earned

    def calculate_score(self) -> Score:
        """The score from the stored paths under the current key, by the grading policy."""
        scenario = self.scenario
        scores = [scenario.score(_pairs(p)) for p in self.finished_paths]
        if not scores:
            earned = 0.0
        elif scenario.grading_policy == "last":
            earned = scores[-1]
        else:
            earned = max(scores)
        return Score(raw_earned=float(earned), raw_possible=float(scenario.max_score()))

    def _finish_attempt(self) -> None:
        """Record the finished path, then publish grade and completion (course context only).

        The score is stored before publishing so ``get_score`` agrees with what the grades app hears.
        """
        self.finished_paths = [*self.finished_paths, list(self.path)]
        score = self.calculate_score()
        self.set_score(score)
        if in_course_context(self):
            self._publish_grade(score)
            self.runtime.publish(self, "completion", {"completion": 1.0})

    # -- learner views -------------------------------------------------------------------------------

    def _html(self, html: str) -> str:
        """Author HTML as the learner gets it: sanitised (again, on render) and /static/ links resolved."""
        return replace_static_urls(self, clean_html(html))

    def _url(self, url: str) -> str:
        return expand_static_url(self, url)

    def _state(self, last: dict | None = None) -> dict:
        """Everything the learner's browser needs now, and nothing it must not see."""
        s = self.scenario
        pairs = _pairs(self.path)
        taken, node = s.walk(pairs)
        if len(taken) != len(pairs):  # the author changed the graph under a stored path
            pairs = [(st.id, ch.id) for st, ch in taken]
        done = s.outcome(node) is not None
        immediate = s.feedback_mode == "immediate"
        state = {
            "title": s.title,
            "role": s.role,
            "feedback_mode": s.feedback_mode,
            "attempt": max(self.attempts, 1),
            "max_attempts": s.max_attempts,
            "history": play.history_view(s, pairs, coaching=immediate, clean=self._html),
            "done": done,
            "can_undo": bool(s.allow_undo and pairs and not done),
            "can_retry": bool(done and (s.max_attempts == 0 or self.attempts < s.max_attempts)),
            "step": None,
            "debrief": None,
        }
        if done:
            state["debrief"] = play.debrief(s, pairs, self._html)
            graded = self.get_score()
            state["grade"] = {"earned": graded.raw_earned, "possible": graded.raw_possible}
        else:
            step = s.step(node)
            state["step"] = play.step_view(step, len(pairs) + 1, self._html, self._url) if step else None
        if last is not None:
            state["last"] = last
        return state

    def student_view_data(self, context=None) -> dict:
        """Authored content for the mobile apps, without points, targets or coaching."""
        s = self.scenario
        return {
            "title": s.title,
            "role": s.role,
            "intro": self._html(s.intro),
            "feedback_mode": s.feedback_mode,
            "max_attempts": s.max_attempts,
            "start": s.start,
            "competencies": [{"id": c.id, "label": c.label} for c in s.competencies],
        }

    @XBlock.supports("multi_device")
    def student_view(self, context=None) -> Fragment:
        gettext = gettext_for(self)
        language = language_of(self)
        uid = _dom_id(self)
        s = self.scenario
        html = _resource("templates/student.html").format(
            uid=uid,
            lang=language,
            dir=text_direction(language),
            title=_escape(s.title),
            role=_escape(gettext("Your role: {role}").format(role=s.role)) if s.role else "",
            role_hidden="" if s.role else " hidden",
            intro=self._html(s.intro),
            loading=_escape(gettext("Loading the scenario…")),
            noscript=_escape(gettext("This scenario needs JavaScript.")),
        )
        frag = Fragment(html)
        frag.add_css(_resource("public/evidence_scenario.css"))
        self._add_js_catalog(frag, language)
        frag.add_javascript(_resource("public/evidence_scenario.js"))
        frag.initialize_js("EvidenceScenarioBlock", {"state": self._state(), "uid": uid, "lang": language})
        return frag

    def _add_js_catalog(self, frag: Fragment, language: str) -> None:
        """The platform's catalog when it offers one (OEP-58), else the packaged one for the language."""
        service = self.runtime.service(self, "i18n")
        url = (
            getattr(service, "get_javascript_i18n_catalog_url", lambda block: None)(self) if service else None
        )
        if url:
            frag.add_javascript_url(url)
            return
        for code in (language, language.split("-")[0].split("_")[0]):
            path = f"public/js/translations/{code}/text.js"
            if resources.files(PACKAGE).joinpath(path).is_file():
                frag.add_javascript(_resource(path))
                return

    # -- learner handlers ----------------------------------------------------------------------------

    @bounded_json_handler(MAX_BODY)
    def start(self, data, suffix=""):
        """Start the first attempt, or resume where the learner is."""
        _expect(data, set())
        if self.attempts == 0:
            self.attempts = 1
        return self._state()

    @bounded_json_handler(MAX_BODY)
    def choose(self, data, suffix=""):
        """Take one decision: ``{step_id, choice_id}``, which must be the learner's current step."""
        _expect(data, {"step_id", "choice_id"})
        step_id, choice_id = _id(data, "step_id"), _id(data, "choice_id")
        s = self.scenario
        pairs = _pairs(self.path)
        taken, node = s.walk(pairs)
        if s.outcome(node) is not None:
            raise Refusal(_("this attempt is finished: start a new attempt to choose again"), 409)
        if step_id != node:
            raise Refusal(
                _("out of order: you are at step '{current}', not '{sent}'"), 409, current=node, sent=step_id
            )
        step = s.step(node)
        choice = step.choice(choice_id) if step else None
        if choice is None:
            raise Refusal(_("step '{step}' has no choice '{choice}'"), 400, step=step_id, choice=choice_id)
        if self.attempts == 0:
            self.attempts = 1
        self.path = [*_encode((st.id, ch.id) for st, ch in taken), f"{step_id}/{choice_id}"]
        self.runtime.publish(
            self,
            EVENT,
            {
                "step_id": step_id,
                "choice_id": choice_id,
                "goto": choice.goto,
                "points": choice.points,
                "competency": choice.competency,
                "critical": choice.critical,
                "attempt": self.attempts,
                "decision": len(self.path),
            },
        )
        if s.outcome(choice.goto) is not None:
            self._finish_attempt()
        last = {"choice": choice.text, "consequence": self._html(choice.consequence)}
        if s.feedback_mode == "immediate":
            last["coaching"] = self._html(choice.coaching)
        return self._state(last)

    @bounded_json_handler(MAX_BODY)
    def undo(self, data, suffix=""):
        """Take back the last decision of an unfinished attempt, when the author allows it."""
        _expect(data, set())
        s = self.scenario
        if not s.allow_undo:
            raise Refusal(_("undo is not allowed in this scenario"), 403)
        taken, node = s.walk(_pairs(self.path))
        if s.outcome(node) is not None:
            raise Refusal(_("this attempt is finished: it can no longer be changed"), 409)
        if not taken:
            raise Refusal(_("there is no decision to undo"), 409)
        self.path = _encode((st.id, ch.id) for st, ch in taken[:-1])
        self.runtime.publish(self, "edx.evidence_scenario.undo", {"step_id": taken[-1][0].id})
        return self._state()

    @bounded_json_handler(MAX_BODY)
    def retry(self, data, suffix=""):
        """Start a new attempt after finishing one, within ``max_attempts``."""
        _expect(data, set())
        s = self.scenario
        node = s.walk(_pairs(self.path))[1]
        if s.outcome(node) is None:
            raise Refusal(_("finish this attempt before starting a new one"), 409)
        if s.max_attempts and self.attempts >= s.max_attempts:
            raise Refusal(_("no attempts left (maximum {maximum})"), 403, maximum=s.max_attempts)
        self.attempts += 1
        self.path = []
        self.runtime.publish(self, "edx.evidence_scenario.retry", {"attempt": self.attempts})
        return self._state()

    @XBlock.handler
    def student_view_user_state(self, request, suffix=""):
        """The learner's own state for the mobile apps (their path, attempts and score)."""
        score = self.get_score()
        body = {
            "path": self.path,
            "attempts": self.attempts,
            "finished_attempts": len(self.finished_paths),
            "raw_earned": score.raw_earned,
            "raw_possible": score.raw_possible,
        }
        return Response(json.dumps(body), content_type="application/json", charset="utf8")

    # -- Studio --------------------------------------------------------------------------------------

    def author_view(self, context=None) -> Fragment:
        gettext = gettext_for(self)
        frag = Fragment(editor.outline(self.scenario, validate(self.scenario), gettext, _dom_id(self)))
        frag.add_css(_resource("public/studio.css"))
        return frag

    def studio_view(self, context=None) -> Fragment:
        gettext = gettext_for(self)
        frag = Fragment(editor.form(self.scenario, olx.to_string(self.scenario), gettext, _dom_id(self)))
        frag.add_css(_resource("public/studio.css"))
        frag.add_javascript(_resource("public/studio.js"))
        strings = {
            "saving": gettext("Saving…"),
            "saved": gettext("Saved."),
            "saved_warnings": gettext("Saved, with {n} warning(s)."),
            "problems": gettext("Not saved: {n} problem(s)."),
            "refused": gettext("Not saved: {message}"),
            "network": gettext("Not saved: the server could not be reached."),
        }
        frag.initialize_js("EvidenceScenarioStudio", {"strings": strings})
        return frag

    @bounded_json_handler(MAX_STUDIO_BODY)
    def studio_submit(self, data, suffix=""):
        """Save from the structured form (``{"data": {...}}``) or the OLX box (``{"olx": "..."}``).

        Both go through the same validator as OLX import; errors come back per field, keyed by the
        key path the form uses for its inputs (``steps.0.choices.1.goto``).
        """
        if not isinstance(data, dict) or len(data) != 1 or not ({"data", "olx"} & set(data)):
            raise Refusal(_("send {form} or {olx}"), 400, form="{'data': {...}}", olx="{'olx': '...'}")
        try:
            if "olx" in data:
                if not isinstance(data["olx"], str):
                    raise Refusal(_("'{key}' must be text"), 400, key="olx")
                scenario = olx.read_string(data["olx"])
            else:
                if not isinstance(data["data"], dict):
                    raise Refusal(_("'{key}' must be an object"), 400, key="data")
                scenario = Scenario.from_dict(data["data"])
        except ContentError as exc:
            return {"ok": False, "errors": [_problem_json(p) for p in exc.problems]}
        problems = validate(scenario)
        if errors_only(problems):
            return {"ok": False, "errors": [_problem_json(p) for p in problems]}
        self._store(scenario)
        return {"ok": True, "warnings": [_problem_json(p) for p in problems]}

    # -- workbench -----------------------------------------------------------------------------------

    @staticmethod
    def workbench_scenarios():
        """The packaged scenarios (also the test fixtures), one workbench page each."""
        folder = resources.files(PACKAGE).joinpath("scenarios")
        out = []
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".xml"):
                xml = entry.read_text("utf-8")
                title = olx.read_string(xml).title
                out.append((f"Evidence scenario: {title}", f"<vertical_demo>{xml}</vertical_demo>"))
        return out

    def index_dictionary(self):
        """Text for course search, HTML stripped."""
        import re

        index = super().index_dictionary() if hasattr(super(), "index_dictionary") else {}
        s = self.scenario
        parts = [s.intro] + [st.title + " " + st.narrative for st in s.steps]
        text = re.sub(r"<[^>]+>", " ", " ".join(parts))
        index.setdefault("content", {}).update(display_name=s.title, capa_content=" ".join(text.split()))
        return index


# -- helpers ----------------------------------------------------------------------------------------


@functools.cache
def _default_content() -> str:
    data = olx.read_string(_resource("scenarios/01-port-seizure-short.xml")).to_dict()
    return json.dumps({k: v for k, v in data.items() if k not in SETTINGS}, ensure_ascii=True)


@functools.lru_cache(maxsize=128)
def _model(content: str, settings: tuple) -> Scenario:
    """The scenario for a stored content text and the settings fields (see ``SETTINGS``)."""
    try:
        data = json.loads(content or _default_content())
        if not isinstance(data, dict):
            raise ValueError("not an object")
        data.update(zip(SETTINGS, settings, strict=True))
        return Scenario.from_dict(data)
    except (ValueError, ContentError):
        log.exception("stored evidence_scenario content cannot be read; showing the default")
        data = json.loads(_default_content())
        data.update(zip(SETTINGS, settings, strict=True))
        return Scenario.from_dict(data)


def _pairs(path) -> list[tuple[str, str]]:
    """Stored decisions ``"step/choice"`` (ids cannot hold '/') as (step id, choice id) pairs."""
    out = []
    for item in path:
        if isinstance(item, str) and item.count("/") == 1:
            step_id, choice_id = item.split("/")
            out.append((step_id, choice_id))
        elif isinstance(item, (list, tuple)) and len(item) == 2:  # pairs, as a hand-edited state might hold
            out.append((str(item[0]), str(item[1])))
    return out


def _encode(pairs) -> list[str]:
    """Decisions as flat ``"step/choice"`` strings: cheap for the runtime to copy and compare."""
    return [f"{step_id}/{choice_id}" for step_id, choice_id in pairs]


def _expect(data, keys: set[str]) -> None:
    if not isinstance(data, dict):
        raise Refusal(_("the request body must be a JSON object"))
    extra, missing = set(data) - keys, keys - set(data)
    if missing:
        raise Refusal(_("the request lacks {keys}"), keys=", ".join(sorted(missing)))
    if extra:
        raise Refusal(
            _("the request has unexpected keys: {keys}"), keys=", ".join(sorted(str(k)[:40] for k in extra))
        )


def _id(data: dict, key: str) -> str:
    value = data[key]
    if not isinstance(value, str) or not value or len(value) > MAX_ID:
        raise Refusal(_("'{key}' must be an id (text of 1 to {limit} characters)"), key=key, limit=MAX_ID)
    return value


def _problem_json(problem) -> dict:
    return {
        "path": ".".join(str(p) for p in problem.path),
        "message": problem.message,
        "hint": problem.hint,
        "severity": problem.severity,
    }


def _dom_id(block) -> str:
    """An id prefix unique to this block instance on the page (usage ids hold '.', ':', '+', '@')."""
    import re

    return "es-" + re.sub(r"[^A-Za-z0-9_-]", "-", str(block.scope_ids.usage_id))


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)
