"""Step definitions of the living policy (pytest-bdd), in the domain's own words, English and
Finnish.

Every step drives the real engine: a planning folder in a temporary directory, an
:class:`eventflow.Engine` on it, events created, changed and advanced through the engine's
public API, and the ``eventflow`` command line (click's CliRunner) where the command line is
the point. Requirements are named in quotes by (a part of) their checklist label in any
language, e.g. ``"at least one partner organisation"``; the step finds the one workflow item
whose label says so.

Plugin authors: your step module can use the ``world`` fixture (a :class:`World`) and these
decorators (``from eventflow.policy.steps import given, when, then, World``); register the
module with ``register_policy(register)`` as ``register(features, steps="your.module")``.
"""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import pytest_bdd
from pytest_bdd import parsers

from .catalogue import resolve_requirement, resolve_stage

if TYPE_CHECKING:
    from click.testing import Result

    from ..checklist import ItemStatus
    from ..engine import Engine
    from ..event import Event
    from ..store import Project
    from ..workflow import Item, Stage, Workflow

EVENT_DATE = dt.date(2027, 3, 18)
WORKFLOW_ID = "good-relations-training"
DONE_WORDS = ("done", "valmis", "klar")

# Organisers named in the features: (organisation, type, bilingual authority)
ORGANISERS = {
    "a city": ("Tampereen kaupunki", "authority", False),
    "kaupungin": ("Tampereen kaupunki", "authority", False),
    "a bilingual authority": ("Vaasan kaupunki", "authority", True),
    "kaksikielisen viranomaisen": ("Vaasan kaupunki", "authority", True),
    "an association": ("Monikulttuurinen yhdistys ry", "ngo", False),
    "yhdistyksen": ("Monikulttuurinen yhdistys ry", "ngo", False),
}


# the step registry: pytest-bdd's decorators, remembered for the catalogue and the in-process
# runner of the mutation check ------------------------------------------------------------------
@dataclass(frozen=True)
class StepDef:
    type: str
    parser: Any
    func: Callable[..., Any]
    requirement_table: bool = False


STEPS: list[StepDef] = []


def _decorator(kind: str) -> Callable[..., Callable[[Callable[..., Any]], Callable[..., Any]]]:
    bdd = getattr(pytest_bdd, kind)

    def make(*texts: str, requirement_table: bool = False
             ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
            for text in texts:
                parser = parsers.parse(text)
                STEPS.append(StepDef(kind, parser, func, requirement_table))
                bdd(parser, stacklevel=2)(func)
            return func

        return decorate

    return make


given = _decorator("given")
when = _decorator("when")
then = _decorator("then")


# the world: one planning folder per scenario -------------------------------------------------
_CACHE: dict[str, tuple[Path, dt.date]] = {}  # snapshot of a walk and its day
_CACHE_DIR: list[Path] = []


def scratch_dir() -> str | None:
    """Where scenarios keep their planning folders: memory-backed where the system has it, as
    the store syncs every write to disk and durability is not what the policy is about."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def _cache_dir() -> Path:
    if not _CACHE_DIR:
        path = Path(tempfile.mkdtemp(prefix="eventflow-policy-", dir=scratch_dir()))
        atexit.register(shutil.rmtree, path, True)
        _CACHE_DIR.append(path)
    return _CACHE_DIR[0]


_LOADED: dict[Any, Any] = {}


def _share_loaded_workflows(engine: Engine, key: Any) -> None:
    """Give ``engine`` the plugins and parsed workflows an earlier scenario's engine loaded from
    the same files: parsing and validating the workflow takes longer than most scenarios."""
    first = _LOADED.get(key)
    if first is None:
        _LOADED[key] = engine
        return
    for name in ("pm", "registry", "workflow_files", "_workflows"):
        if name in first.__dict__:
            engine.__dict__[name] = first.__dict__[name]


@dataclass
class World:
    """One scenario's planning folder, engine, event and last command-line result.

    ``workflow_file``: a workflow to put in the folder's ``workflows/`` (it overrides the
    shipped workflow with the same id; the mutation check uses this). ``plugins``: plugins to
    activate in the folder.
    """

    base: Path
    workflow_file: Path | None = None
    plugins: tuple[str, ...] = ()
    project: Project | None = None
    event_id: str = ""
    result: Result | None = None
    refusal: str = ""
    plan: tuple[str, str] = ("", "")
    _engine: Engine | None = field(default=None, repr=False)

    # set-up ------------------------------------------------------------------------------
    def start(self, organiser: str, place: str) -> None:
        from ..store import Project

        self.plan = (organiser, place)
        self.project = Project.init(self.base / "planning", self._settings(organiser))
        if self.workflow_file is not None:
            folder = self.project.root / "workflows"
            folder.mkdir(exist_ok=True)
            shutil.copyfile(self.workflow_file, folder / f"{WORKFLOW_ID}.toml")
        municipality, region = self._place(place)
        event = self.engine.create("Hyvät väestösuhteet ja kotoutuminen", EVENT_DATE, region,
                                   ["fi"], WORKFLOW_ID, municipality)
        self.event_id = event.id

    def _settings(self, organiser: str) -> Any:
        from ..store import Settings

        try:
            name, kind, bilingual = ORGANISERS[organiser.strip().casefold()]
        except KeyError:
            raise LookupError(f'unknown organiser "{organiser}"; say one of: '
                              + ", ".join(ORGANISERS)) from None
        return Settings(organisation=name, organisation_type=kind, bilingual=bilingual,
                        language="en", active_plugins=list(self.plugins))

    @staticmethod
    def _place(place: str) -> tuple[str, str]:
        municipality, _, region = place.rpartition(",")
        return municipality.strip(), region.strip()

    def reach(self, stage_words: str, in_order: bool) -> None:
        """Bring the event to a stage the way planners do (data recorded, items ticked,
        every stage before it advanced); ``in_order``: the stage's own work done as well."""
        from ..testing import move_clock

        stage = self.stage(stage_words)
        template, clock = self._template(stage.id, in_order)
        move_clock(clock)  # the day the walk had come to (an event at delivery is on its day)
        assert self.project is not None
        target = self.project.root / "events"
        shutil.rmtree(target)
        shutil.copytree(template / "events", target)
        if self.workflow_file is not None:
            # the folder's own workflow replaces the shipped one: move the event onto it, as a
            # planning team does with `eventflow migrate` after changing its workflow
            self.engine.migrate(self.event_id, dry_run=False)

    def _template(self, stage: str, in_order: bool) -> tuple[Path, dt.date]:
        """A planning folder walked to ``stage`` with the shipped workflow. One walk per kind
        of training day and process leaves a snapshot at every stage (just reached, and with
        its work done); scenarios copy them, since a real walk takes a second."""
        plan = json.dumps([*self.plan, sorted(self.plugins)])
        key = json.dumps([plan, stage, in_order])
        if key in _CACHE:
            return _CACHE[key]
        clock = os.environ.get("EVENTFLOW_TODAY")
        try:
            return self._walk(plan, key)
        finally:  # the walk's clock is the walk's: each snapshot keeps the day it was made on
            if clock is None:
                os.environ.pop("EVENTFLOW_TODAY", None)
            else:
                os.environ["EVENTFLOW_TODAY"] = clock

    def _walk(self, plan: str, key: str) -> tuple[Path, dt.date]:
        from ..engine import Engine
        from ..schedule import today
        from ..store import Project
        from ..testing import complete_stage, earliest_day, move_clock
        from ..workflow import TERMINAL

        folder = _cache_dir() / hashlib.sha1(plan.encode()).hexdigest()[:16]
        project = Project.init(folder / "walk", self._settings(self.plan[0]))
        engine = Engine(project)
        municipality, region = self._place(self.plan[1])
        event = engine.create("Hyvät väestösuhteet ja kotoutuminen", EVENT_DATE, region, ["fi"],
                              WORKFLOW_ID, municipality)
        while event.stage not in TERMINAL:
            for done in (False, True):
                if done:
                    complete_stage(engine, event.id)
                snapshot = folder / f"{event.stage}-{done}"
                shutil.copytree(project.root, snapshot)
                _CACHE[json.dumps([plan, event.stage, done])] = (snapshot, today())
            move_clock(earliest_day(engine, engine.load(event.id)))
            event = engine.advance(event.id).event
        return _CACHE[key]

    # the engine and the event ------------------------------------------------------------
    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from ..engine import Engine

            assert self.project is not None, "no training day yet: start with the Given step"
            self._engine = Engine(self.project)
            if self.workflow_file is None:
                _share_loaded_workflows(self._engine, self.plugins)
        return self._engine

    @property
    def event(self) -> Event:
        return self.engine.load(self.event_id)

    @property
    def workflow(self) -> Workflow:
        return self.engine.workflow_for(self.event)

    def change(self, mutate: Callable[[Event], Any]) -> Event:
        return self.engine.change(self.event_id, "policy", mutate).event

    def requirement(self, words: str) -> Item:
        return resolve_requirement(self.workflow.items(), words)

    def stage(self, words: str) -> Stage:
        return resolve_stage(self.workflow.stages, words)

    def status(self, item: Item) -> ItemStatus:
        found = [s for s in self.engine.evaluate(self.event, item.stage) if s.item.id == item.id]
        return found[0]

    def cli(self, *args: str) -> Result:
        from click.testing import CliRunner

        from ..cli import cli

        assert self.project is not None
        # the command line gets this scenario's engine, as `eventflow` builds one per command
        self.result = CliRunner().invoke(cli, ["--dir", str(self.project.root), *args],
                                         obj={"engine": self.engine})
        self.engine.warnings.clear()
        return self.result


def _plugins_for(request: pytest.FixtureRequest) -> tuple[str, ...]:
    """The plugin whose feature this scenario is (``eventflow policy verify`` maps feature
    folders to plugins in EVENTFLOW_POLICY_PLUGINS); eventflow's own run without plugins."""
    from pytest_bdd.scenario import scenario_wrapper_template_registry
    from pytest_bdd.utils import registry_get_safe

    mapping = json.loads(os.environ.get("EVENTFLOW_POLICY_PLUGINS") or "{}")
    template = registry_get_safe(scenario_wrapper_template_registry,
                                 getattr(request.node, "obj", None))
    if not mapping or template is None:
        return ()
    filename = str(Path(template.feature.filename).resolve())
    return tuple(plugin for root, plugin in mapping.items() if filename.startswith(root))


@pytest.fixture
def world(request: pytest.FixtureRequest) -> Iterator[World]:
    """A fresh planning folder for one scenario (see :class:`World`); a plugin's scenario
    gets a folder with that plugin active."""
    plugins = _plugins_for(request)
    base = Path(tempfile.mkdtemp(prefix="eventflow-scenario-", dir=scratch_dir()))
    clock = os.environ.get("EVENTFLOW_TODAY")
    try:
        yield World(base, plugins=plugins)
    finally:
        shutil.rmtree(base, ignore_errors=True)
        if clock is None:  # the clock a scenario moved forward goes back for the next one
            os.environ.pop("EVENTFLOW_TODAY", None)
        else:
            os.environ["EVENTFLOW_TODAY"] = clock


# Given ---------------------------------------------------------------------------------------
@given("a training day in {place}, organised by {organiser}",
       "{organiser} järjestämä koulutuspäivä paikkakunnalla {place}")
def training_day(world: World, place: str, organiser: str) -> None:
    world.start(organiser, place)


@given('the planning has just reached the "{stage}" stage',
       'suunnittelu on juuri edennyt vaiheeseen "{stage}"')
def just_reached(world: World, stage: str) -> None:
    world.reach(stage, in_order=False)


@given('the planning has reached the "{stage}" stage with everything in order',
       'suunnittelu on edennyt vaiheeseen "{stage}" ja kaikki on kunnossa')
def reached_in_order(world: World, stage: str) -> None:
    world.reach(stage, in_order=True)


@given("the event will be recorded", "tilaisuus tallennetaan")
def recorded(world: World) -> None:
    world.change(lambda ev: setattr(ev, "recording", True))


# When: planners record or leave out work -------------------------------------------------------
@when('"{requirement}" is left undone', '"{requirement}" jää tekemättä')
def left_undone(world: World, requirement: str) -> None:
    world.engine.tick(world.event_id, world.requirement(requirement).id, checked=False)


@when('"{requirement}" is waived because "{reason}"',
      '"{requirement}" ohitetaan perustellen "{reason}"')
def waived(world: World, requirement: str, reason: str) -> None:
    world.engine.tick(world.event_id, world.requirement(requirement).id, note=reason,
                      waive=True)


@when("the partner organisation withdraws", "kumppaniorganisaatio vetäytyy")
def partner_withdraws(world: World) -> None:
    def mutate(ev: Event) -> None:
        ev.partners = []
        for cost in ev.costs:
            cost.split = {}

    world.change(mutate)


@when("the only partner named is the organiser itself",
      "ainoa kumppaniksi merkitty on järjestäjä itse")
def partner_is_host(world: World) -> None:
    from ..event import Partner

    world.change(lambda ev: setattr(ev, "partners", [
        Partner(id="p1", name=ev.host.name, type=ev.host.type or "authority")]))


@when("a second partner organisation joins", "toinen kumppaniorganisaatio liittyy mukaan")
def second_partner(world: World) -> None:
    from ..event import Partner

    world.change(lambda ev: ev.partners.append(
        Partner(id="p2", name="Pirkanmaan poliisilaitos", type="authority")))


@when("the agreement does not say who receives the registrations",
      "sopimuksesta puuttuu ilmoittautumisten vastaanottaja")
def no_registrations_receiver(world: World) -> None:
    world.change(lambda ev: setattr(ev.agreement, "registrations_receiver", ""))


@when("a planner tries to extend the event to cover {region} as well",
      "suunnittelija yrittää laajentaa tilaisuuden kattamaan myös {region}")
def second_region(world: World, region: str) -> None:
    from ..errors import EventflowError

    try:
        world.change(lambda ev: setattr(ev, "region", f"{ev.region}, {region}"))
    except EventflowError as exc:
        world.refusal = str(exc)


@when("the controller model for registration data is left open",
      "ilmoittautumistietojen rekisterinpitäjämalli jää avoimeksi")
def no_controller_model(world: World) -> None:
    world.change(lambda ev: setattr(ev.agreement, "controller_model", ""))


@when("no one from the target group takes part in organising",
      "kohderyhmästä ei ole ketään mukana järjestämässä")
def no_target_group_organiser(world: World) -> None:
    def mutate(ev: Event) -> None:
        for organiser in ev.organisers:
            organiser.target_group = ""

    world.change(mutate)


@when("the venue's accessibility is not recorded", "tilan esteettömyyttä ei ole kirjattu")
def no_venue_accessibility(world: World) -> None:
    world.change(lambda ev: setattr(ev.venue, "accessibility", []))


@when("the venue's address is not recorded", "tilan osoitetta ei ole kirjattu")
def no_venue_address(world: World) -> None:
    world.change(lambda ev: setattr(ev.venue, "address", ""))


@when("the budget has no line for travel costs", "talousarviosta puuttuu matkakustannusten rivi")
def no_travel_line(world: World) -> None:
    world.change(lambda ev: setattr(ev, "costs", [c for c in ev.costs if c.category != "travel"]))


@when("an expert speaking ex officio is booked for a fee of {fee:d} euros",
      "virkansa puolesta puhuvalle asiantuntijalle sovitaan {fee:d} euron palkkio")
def ex_officio_with_fee(world: World, fee: int) -> None:
    _add_ex_officio(world, float(fee))


@when("an expert speaking ex officio is booked without a fee",
      "virkansa puolesta puhuva asiantuntija sovitaan ilman palkkiota")
def ex_officio_without_fee(world: World) -> None:
    _add_ex_officio(world, 0.0)


def _add_ex_officio(world: World, fee: float) -> None:
    from ..event import Speaker

    world.change(lambda ev: ev.speakers.append(Speaker(
        id="s9", name="Laura Niemi", slot="expert_talk", organisation="Oikeusministeriö",
        ex_officio=True, fee=fee)))


@when("the split of the catering costs adds up to {percent:d} %",
      "tarjoilukustannusten jako on yhteensä {percent:d} %")
def catering_split(world: World, percent: int) -> None:
    def mutate(ev: Event) -> None:
        for cost in ev.costs:
            if cost.category == "catering":
                parties = list(cost.split) or ["host"]
                cost.split = {p: percent / len(parties) for p in parties}

    world.change(mutate)


def _speakers(ev: Event, slot: str) -> list[Any]:
    return [s for s in ev.speakers if s.slot == slot]


@when("the commentator has not confirmed yet",
      "kommenttipuheenvuoron pitäjä ei ole vielä vahvistanut osallistumistaan")
def commentator_unconfirmed(world: World) -> None:
    world.change(lambda ev: setattr(_speakers(ev, "comment_talk")[0], "confirmed", False))


@when("the expert talk is dropped from the programme",
      "asiantuntijapuheenvuoro poistetaan ohjelmasta")
def drop_expert_talk(world: World) -> None:
    _drop_slot(world, "expert_talk")


@when("the talk on the region's population is dropped",
      "puheenvuoro alueen väestöstä poistetaan ohjelmasta")
def drop_region_talk(world: World) -> None:
    _drop_slot(world, "region_talk")


@when("the panel is dropped from the programme", "paneeli poistetaan ohjelmasta")
def drop_panel(world: World) -> None:
    _drop_slot(world, "panel")


def _drop_slot(world: World, slot: str) -> None:
    world.change(lambda ev: setattr(ev, "speakers", [s for s in ev.speakers if s.slot != slot]))


@when("a second talk on the region's population is added",
      "ohjelmaan lisätään toinen puheenvuoro alueen väestöstä")
def second_region_talk(world: World) -> None:
    from ..event import Speaker

    world.change(lambda ev: ev.speakers.append(Speaker(
        id="s8", name="Pekka Aalto", slot="region_talk", organisation="Tilastokeskus",
        ex_officio=True, confirmed=True)))


@when("the programme has {count:d} comment talks", "ohjelmassa on {count:d} kommenttipuheenvuoroa")
def comment_talks(world: World, count: int) -> None:
    from ..event import Speaker

    groups = ("ngo", "religious", "employers", "media", "education")

    def mutate(ev: Event) -> None:
        others = [s for s in ev.speakers if s.slot != "comment_talk"]
        talks = [Speaker(id=f"c{i}", name=f"Commentator {i}", slot="comment_talk",
                         target_group=groups[i % len(groups)], confirmed=True)
                 for i in range(1, count + 1)]
        ev.speakers = others + talks

    world.change(mutate)


@when("the commentator's target group is not recorded",
      "kommenttipuheenvuoron pitäjän kohderyhmää ei ole kirjattu")
def commentator_without_group(world: World) -> None:
    world.change(lambda ev: setattr(_speakers(ev, "comment_talk")[0], "target_group", ""))


@when("the panelists have only {count:d} different roles",
      "panelisteilla on vain {count:d} eri roolia")
def panel_roles(world: World, count: int) -> None:
    def mutate(ev: Event) -> None:
        for i, panelist in enumerate(ev.panel.panelists):
            panelist.role = ev.panel.panelists[min(i, count - 1)].role

    world.change(mutate)


@when("a showcase of local good practice is added",
      "ohjelmaan lisätään paikallisen hyvän käytännön esittely")
def add_showcase(world: World) -> None:
    from ..event import Speaker

    world.change(lambda ev: ev.speakers.append(Speaker(
        id="s7", name="Naapurustoyhdistys", slot="showcase", confirmed=True)))


@when("no programme item deals with the sense of safety",
      "mikään ohjelman osa ei käsittele turvallisuuden tunnetta")
def programme_without_safety(world: World) -> None:
    def mutate(ev: Event) -> None:
        for speaker in ev.speakers:
            speaker.dimensions = [d for d in speaker.dimensions if d != "safety"]

    world.change(mutate)


@when("the definition of good population relations is dropped from the invitation",
      "hyvien väestösuhteiden määritelmä poistetaan kutsusta")
def drop_definition(world: World) -> None:
    world.change(lambda ev: setattr(ev.invitation, "definition", {}))


@when("the definition does not name the four dimensions",
      "määritelmässä ei mainita neljää osa-aluetta")
def definition_without_dimensions(world: World) -> None:
    text = {"fi": "Hyvät väestösuhteet tarkoittavat, että eri väestöryhmät toimivat keskenään "
                  "myönteisesti ja kunnioittavasti.",
            "sv": "Goda relationer mellan befolkningsgrupper innebär att olika grupper möts "
                  "positivt och med respekt för varandra.",
            "en": "Good population relations mean that different population groups get on "
                  "with each other positively and with respect."}

    def mutate(ev: Event) -> None:
        ev.invitation.definition = {lang: text.get(lang, text["en"])
                                    for lang in ev.invitation.definition}

    world.change(mutate)


def _invitation_languages(world: World, languages: list[str]) -> None:
    from ..texts import DEFAULT_DEFINITION

    def mutate(ev: Event) -> None:
        ev.invitation.languages = languages
        ev.invitation.definition = {
            lang: ev.invitation.definition.get(lang)
            or DEFAULT_DEFINITION.get(lang, DEFAULT_DEFINITION["en"]) for lang in languages}

    world.change(mutate)


@when("the invitation is published only in Finnish", "kutsu julkaistaan vain suomeksi")
def only_finnish(world: World) -> None:
    _invitation_languages(world, ["fi"])


@when("the invitation is published in Finnish and Swedish",
      "kutsu julkaistaan suomeksi ja ruotsiksi")
def finnish_and_swedish(world: World) -> None:
    _invitation_languages(world, ["fi", "sv"])


@when("the invitation is published in North Sámi as well",
      "kutsu julkaistaan myös pohjoissaameksi")
def north_sami_too(world: World) -> None:
    _invitation_languages(world, sorted(set(world.event.invitation.languages) | {"se"}))


@when("the invitation gives no accessibility contact person",
      "kutsussa ei nimetä esteettömyysasioiden yhteyshenkilöä")
def no_accessibility_contact(world: World) -> None:
    world.change(lambda ev: setattr(ev.invitation, "accessibility_contact", ""))


@when("the registration form does not mention the recording",
      "ilmoittautumislomakkeessa ei kerrota tallentamisesta")
def recording_not_on_form(world: World) -> None:
    world.change(lambda ev: setattr(ev.invitation, "recording_notice",
                                    [c for c in ev.invitation.recording_notice if c != "form"]))


@when("the regional ETNO is not invited", "alueellista ETNOa ei kutsuta")
def etno_not_invited(world: World) -> None:
    world.change(lambda ev: setattr(ev.invitation, "target_groups", [
        g for g in ev.invitation.target_groups if g != "regional_etno"]))


@when("only {count:d} target groups are invited", "kutsu osoitetaan vain {count:d} kohderyhmälle")
def few_target_groups(world: World, count: int) -> None:
    world.change(lambda ev: setattr(ev.invitation, "target_groups",
                                    ev.invitation.target_groups[:count]))


@when("registration closes the day before the event",
      "ilmoittautuminen päättyy tilaisuutta edeltävänä päivänä")
def late_registration_deadline(world: World) -> None:
    world.change(lambda ev: setattr(ev.invitation, "registration_deadline",
                                    ev.date - dt.timedelta(days=1)))


@when("the invitation is sent only {weeks:d} weeks before the event",
      "kutsu lähetetään vasta {weeks:d} viikkoa ennen tilaisuutta")
def late_invitation(world: World, weeks: int) -> None:
    world.change(lambda ev: setattr(ev.invitation, "sent_at",
                                    ev.date - dt.timedelta(weeks=weeks)))


@when("the questions are never sent to the panelists", "kysymyksiä ei lähetetä panelisteille")
def questions_not_sent(world: World) -> None:
    world.change(lambda ev: setattr(ev.panel, "sent_at", None))


@when("the questions are sent to the panelists only {days:d} days before the event",
      "kysymykset lähetetään panelisteille vasta {days:d} päivää ennen tilaisuutta")
def questions_sent_late(world: World, days: int) -> None:
    world.change(lambda ev: setattr(ev.panel, "sent_at", ev.date - dt.timedelta(days=days)))


@when("no panel question deals with interaction",
      "mikään paneelikysymys ei käsittele vuorovaikutusta")
def panel_without_interaction(world: World) -> None:
    def mutate(ev: Event) -> None:
        for question in ev.panel.questions:
            question.dimensions = [d for d in question.dimensions if d != "interaction"]

    world.change(mutate)


@when("the participants' personal data has not been deleted",
      "osallistujien henkilötietoja ei ole poistettu")
def personal_data_kept(world: World) -> None:
    world.change(lambda ev: ev.ext.get("participants", {}).pop("purged_at", None))


# When: planners use the command line -----------------------------------------------------------
@when("a planner asks to move the event to the next stage",
      "suunnittelija pyytää siirtämään tilaisuuden seuraavaan vaiheeseen")
def ask_advance(world: World) -> None:
    world.cli("advance", world.event_id)


@when('a planner reopens the "{stage}" stage because "{reason}"',
      'suunnittelija avaa vaiheen "{stage}" uudelleen perustellen "{reason}"')
def ask_reopen(world: World, stage: str, reason: str) -> None:
    world.cli("reopen", world.event_id, world.stage(stage).id, "--reason", reason)


@when('a planner reopens the "{stage}" stage without giving a reason',
      'suunnittelija avaa vaiheen "{stage}" uudelleen perustelematta')
def ask_reopen_without_reason(world: World, stage: str) -> None:
    world.cli("reopen", world.event_id, world.stage(stage).id)


@when('a planner cancels the event because "{reason}"',
      'suunnittelija peruu tilaisuuden perustellen "{reason}"')
def ask_cancel(world: World, reason: str) -> None:
    world.cli("cancel", world.event_id, "--reason", reason)


@when("a planner cancels the event without giving a reason",
      "suunnittelija peruu tilaisuuden perustelematta")
def ask_cancel_without_reason(world: World) -> None:
    world.cli("cancel", world.event_id)


# Then ----------------------------------------------------------------------------------------
@then('the stage cannot be left until "{requirement}" is in order',
      'vaihetta ei voi jättää ennen kuin "{requirement}" on kunnossa')
def blocked_by(world: World, requirement: str) -> None:
    item = world.requirement(requirement)
    event = world.event
    blockers = {b.item: b for b in world.engine.why(event)}
    assert item.stage == event.stage, (
        f'"{requirement}" belongs to the stage {item.stage}, the event is at {event.stage}')
    assert item.id in blockers, (
        f'"{item.text()}" ({item.id}) does not hold the event at {event.stage}; '
        f"what holds it: {', '.join(blockers) or 'nothing'}")
    assert blockers[item.id].reason, f"{item.id} blocks without giving a reason"


@then('"{requirement}" is in order', '"{requirement}" on kunnossa')
def in_order(world: World, requirement: str) -> None:
    status = world.status(world.requirement(requirement))
    assert status.ok and status.applies, f'"{status.item.text()}" is not in order: {status.reason}'


@then("the change is refused because the event covers at most one region",
      "muutos hylätään, koska tilaisuus kattaa enintään yhden maakunnan")
def refused_second_region(world: World) -> None:
    assert "one region" in world.refusal, f"the change was not refused ({world.refusal!r})"
    assert "," not in world.event.region, f"the event now covers {world.event.region}"


@then('"{requirement}" must be met before the stage can be left',
      '"{requirement}" on täytettävä ennen kuin vaiheesta pääsee eteenpäin')
def must_be_met(world: World, requirement: str) -> None:
    item = world.requirement(requirement)
    result = world.cli("workflow", "show", world.event.workflow.id, "--json")
    assert result.exit_code == 0, result.output
    rows = [i for st in json.loads(result.stdout)["stages"] for i in st["items"]
            if i["id"] == item.id]
    assert rows and rows[0]["required"], f'"{item.text()}" is only advice in the workflow'


@then('"{requirement}" does not apply to this event', '"{requirement}" ei koske tätä tilaisuutta')
def does_not_apply(world: World, requirement: str) -> None:
    status = world.status(world.requirement(requirement))
    assert status.ok and not status.applies, (
        f'"{status.item.text()}" applies to this event ({status.reason})')


@then('"{requirement}" is shown as advice', '"{requirement}" näytetään suosituksena')
def shown_as_advice(world: World, requirement: str) -> None:
    item = world.requirement(requirement)
    result = world.cli("status", world.event_id, "--json")
    assert result.exit_code == 0, result.output
    rows = [row for stage in json.loads(result.stdout)["stages"] for row in stage["items"]
            if row["item"] == item.id]
    assert rows, f"eventflow status does not show {item.id}"
    row = rows[0]
    assert row["ok"] is False and row["required"] is False, (
        f'"{item.text()}" is shown as ok={row["ok"]}, required={row["required"]} '
        f'({row["reason"]}); expected unmet advice')


@then("the stage can be left", "the stage can still be left", "vaiheesta pääsee eteenpäin",
      "vaiheesta pääsee silti eteenpäin")
def can_leave(world: World) -> None:
    from ..errors import TransitionBlocked

    before = world.event.stage
    try:
        after = world.engine.advance(world.event_id).event.stage
    except TransitionBlocked as exc:
        reasons = "; ".join(f"{b.item}: {b.reason}" for b in exc.blockers)
        raise AssertionError(f"the event cannot leave {before}: {reasons}") from None
    assert after == world.workflow.next_stage(before)


@then('"{requirement}" cannot be waived', '"{requirement}" ei ole ohitettavissa')
def cannot_waive(world: World, requirement: str) -> None:
    from ..errors import InvalidInput

    item = world.requirement(requirement)
    with pytest.raises(InvalidInput, match="cannot be (waived|ticked)"):
        world.engine.tick(world.event_id, item.id, note="we would rather not", waive=True)
    assert not world.event.item_state(item.id).waived


@then("the request is refused, listing every unmet requirement:",
      "pyyntö hylätään ja kaikki puuttuvat vaatimukset luetellaan:", requirement_table=True)
def refused_listing(world: World, datatable: list[list[str]]) -> None:
    result = world.result
    assert result is not None, "no request was made on the command line"
    assert result.exit_code == 1, f"exit code {result.exit_code}: {result.output}"
    listed = {line.split("✗", 1)[1].split(":", 1)[0].strip()
              for line in result.output.splitlines() if "✗" in line}
    listed.discard("(date)")  # not a requirement: the day the stage may be left
    expected = {world.requirement(row[0]).id for row in datatable if row and row[0].strip()}
    assert listed == expected, (f"refused listing {sorted(listed)}, the policy expects "
                                f"{sorted(expected)}")


@then('the event moves on to the "{stage}" stage', 'tilaisuus siirtyy vaiheeseen "{stage}"')
def moved_on(world: World, stage: str) -> None:
    assert world.result is not None and world.result.exit_code == 0, (
        world.result.output if world.result else "no request was made")
    wanted = "done" if stage.casefold() in DONE_WORDS else world.stage(stage).id
    assert world.event.stage == wanted, f"the event is at {world.event.stage}, not {wanted}"


@then('the event is back at the "{stage}" stage', 'tilaisuus on taas vaiheessa "{stage}"')
def back_at(world: World, stage: str) -> None:
    assert world.result is not None and world.result.exit_code == 0, (
        world.result.output if world.result else "no request was made")
    assert world.event.stage == world.stage(stage).id


@then("the event is cancelled", "tilaisuus on peruttu")
def is_cancelled(world: World) -> None:
    assert world.result is not None and world.result.exit_code == 0, (
        world.result.output if world.result else "no request was made")
    assert world.event.stage == "cancelled"


@then('the history records the reason "{reason}"', 'historiaan on kirjattu perustelu "{reason}"')
def history_reason(world: World, reason: str) -> None:
    result = world.cli("history", world.event_id, "--json")
    reasons = [e.get("reason") for e in json.loads(result.stdout)["history"]]
    assert reason in reasons, f"history reasons: {reasons}"


@then("the request is refused because no reason is given",
      "pyyntö hylätään, koska perustelu puuttuu")
def refused_without_reason(world: World) -> None:
    result = world.result
    assert result is not None, "no request was made on the command line"
    assert result.exit_code == 1 and "--reason" in result.output, result.output
    actions = [e["action"] for e in world.engine.project.history(world.event_id)]
    assert "reopen" not in actions and "cancel" not in actions, actions
