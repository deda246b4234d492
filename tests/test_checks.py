"""Each built-in check, with data that passes and data that fails."""

from __future__ import annotations

import datetime as dt

import pytest

from eventflow.default_plugins import checks as c
from eventflow.event import (
    Cost,
    Event,
    Organiser,
    Panelist,
    PanelQuestion,
    Partner,
    Speaker,
    WorkflowPin,
)
from eventflow.testing import fill_stage

STAGES = ["partner_agreed", "venue", "costs_split", "speakers", "invitations", "panel_questions",
          "delivery", "follow_up"]


def make_event(**kw) -> Event:
    base = dict(id="e", title="T", date=dt.date(2027, 3, 18), region="Pirkanmaa",
                stage="partner_agreed", workflow=WorkflowPin(id="w", version="1", hash="h"))
    base.update(kw)
    return Event(**base)


@pytest.fixture
def full() -> Event:
    event = make_event(languages=["fi", "sv"])
    for stage in STAGES:
        fill_stage(event, stage)
    return event


def test_partners_min(full):
    assert c.partners_min(full, min=1).ok
    full.partners = []
    result = c.partners_min(full, min=1)
    assert not result.ok and "eventflow partner add" in result.reason


def test_partner_that_is_the_host_does_not_count(full):
    full.host.name = "Tampereen kaupunki"
    full.partners = [Partner(id="p1", name="Tampereen kaupunki", type="authority")]
    assert not c.partners_min(full, min=1).ok


def test_agreement_topics_lists_every_missing_topic(full):
    assert c.agreement_topics(full, topics=["date", "venue"]).ok
    full.agreement.venue = ""
    full.agreement.cost_sharing = " "
    result = c.agreement_topics(full, topics=["date", "venue", "cost_sharing"])
    assert not result.ok and "venue, cost_sharing" in result.reason


def test_controller_model(full):
    assert c.controller_model(full).ok
    full.agreement.controller_model = ""
    assert not c.controller_model(full).ok


@pytest.mark.parametrize("region,ok", [("Pirkanmaa", True), ("Birkaland", True),
                                       ("Pirkanmaa, Uusimaa", False), ("Atlantis", False)])
def test_single_region(region, ok):
    assert c.single_region(make_event(region=region)).ok is ok


def test_organisers_from_target_group(full):
    assert c.organisers_from_target_group(full, min=1).ok
    full.organisers = [Organiser(name="X")]
    assert not c.organisers_from_target_group(full, min=1).ok


def test_venue_recorded_and_accessibility(full):
    assert c.venue_recorded(full, fields=["name", "address", "capacity"]).ok
    assert c.venue_accessibility(full).ok
    full.venue.address = ""
    full.venue.accessibility = []
    assert "address" in c.venue_recorded(full, fields=["name", "address"]).reason
    assert not c.venue_accessibility(full).ok


def test_budget_categories(full):
    assert c.budget_categories(full, categories=["venue", "catering", "speaker_fee",
                                                 "travel"]).ok
    full.costs = [x for x in full.costs if x.category != "travel"]
    result = c.budget_categories(full, categories=["venue", "travel"])
    assert not result.ok and "travel" in result.reason


def test_ex_officio_no_fee(full):
    assert c.ex_officio_no_fee(full).ok
    full.speakers[0].fee = 300.0
    result = c.ex_officio_no_fee(full)
    assert not result.ok and "Laura Niemi" in result.reason


def test_cost_split_complete(full):
    assert c.cost_split_complete(full).ok
    full.costs[0].split = {"host": 50.0, "p1": 40.0}
    result = c.cost_split_complete(full)
    assert not result.ok and "90 %" in result.reason
    full.costs[0].split = {"host": 50.0, "nobody": 50.0}
    assert "unknown" in c.cost_split_complete(full).reason
    full.costs.append(Cost(id="c9", category="other", amount=5.0))
    assert "c9 (other) has no split" in c.cost_split_complete(full).reason


def test_cost_split_does_not_apply_without_partner():
    result = c.cost_split_complete(make_event())
    assert result.ok and not result.applies


def test_slot_count_bounds_and_required_fields(full):
    assert c.slot_count(full, kind="comment_talk", min=1, max=3, require=["target_group"]).ok
    full.speakers[2].target_group = ""
    assert "lacks target_group" in c.slot_count(full, kind="comment_talk", min=1, max=3,
                                                require=["target_group"]).reason
    full.speakers += [Speaker(id=f"x{i}", name=f"C{i}", slot="comment_talk", target_group="ngo")
                      for i in range(3)]
    assert "at most 3" in c.slot_count(full, kind="comment_talk", min=1, max=3).reason
    assert not c.slot_count(full, kind="showcase", min=1).ok


def test_speakers_confirmed(full):
    assert c.speakers_confirmed(full).ok
    full.speakers[1].confirmed = False
    assert "Mikko Salo" in c.speakers_confirmed(full).reason
    full.speakers = []
    assert not c.speakers_confirmed(full).ok


def test_panel_roles(full):
    assert c.panel_roles(full, min=3).ok
    full.panel.panelists = [Panelist(name="A", role="police"), Panelist(name="B", role="Police")]
    assert not c.panel_roles(full, min=3).ok


def test_dimensions_covered(full):
    assert c.dimensions_covered(full, scope="programme").ok
    assert c.dimensions_covered(full, scope="panel").ok
    full.panel.questions = [PanelQuestion(text="q", dimensions=["safety"])]
    result = c.dimensions_covered(full, scope="panel")
    assert not result.ok and "attitudes" in result.reason


def test_invitation_definition_per_language(full):
    assert c.invitation_definition(full, min_chars=80).ok
    full.invitation.definition["sv"] = "kort"
    result = c.invitation_definition(full, min_chars=80)
    assert not result.ok and "sv" in result.reason


def test_definition_mentions_dimensions(full):
    assert c.definition_mentions_dimensions(full).ok
    full.invitation.definition["fi"] = "Hyvät väestösuhteet ovat tärkeitä kaikille meille."
    assert "fi: no mention of" in c.definition_mentions_dimensions(full).reason


def test_bilingual_invitation_for_bilingual_authority(full):
    full.host.type, full.host.bilingual = "authority", True
    assert c.bilingual_invitation(full, applies_to="bilingual_authority").ok
    full.invitation.languages = ["fi"]
    assert not c.bilingual_invitation(full, applies_to="bilingual_authority").ok
    assert not c.bilingual_invitation(full, applies_to="others").applies


def test_bilingual_invitation_for_ngo_is_advice(full):
    full.host.type = "ngo"
    full.invitation.languages = ["fi"]
    assert c.bilingual_invitation(full, applies_to="bilingual_authority").ok
    result = c.bilingual_invitation(full, applies_to="others")
    assert not result.ok and "Swedish" in result.reason


def test_sami_and_aland():
    lappi = make_event(region="Lappi", municipality="Inari", languages=["fi"])
    assert not c.sami_information(lappi).ok
    lappi.languages = ["fi", "se"]
    assert c.sami_information(lappi).ok
    assert not c.sami_information(make_event()).applies
    aland = make_event(region="Åland", languages=["fi"])
    assert not c.aland_swedish(aland).ok
    aland.languages = ["sv"]
    assert c.aland_swedish(aland).ok


def test_target_groups(full):
    assert c.target_groups_min(full, min=3).ok
    assert c.target_group_invited(full, group="regional_etno").ok
    full.invitation.target_groups = ["ngo"]
    assert not c.target_groups_min(full, min=3).ok
    result = c.target_group_invited(full, group="regional_etno")
    assert not result.ok and "Pirkanmaan ja Keski-Suomen ETNO" in result.reason
    assert not c.target_group_invited(make_event(region="Ahvenanmaa"),
                                      group="regional_etno").applies


def test_accessibility_info(full):
    assert c.accessibility_info(full).ok
    full.invitation.accessibility_contact = ""
    assert "responsible" in c.accessibility_info(full).reason


def test_recording_announced(full):
    assert not c.recording_announced(full, channels=["form"]).applies
    full.recording = True
    assert c.recording_announced(full, channels=["form", "confirmation"]).ok
    full.invitation.recording_notice = ["form"]
    assert "confirmation" in c.recording_announced(full, channels=["form",
                                                                   "confirmation"]).reason
    assert not c.ticked_if_recording(full).ok
    full.recording = False
    assert c.ticked_if_recording(full).ok


def test_registration_deadline(full):
    assert c.registration_deadline(full, min_days_before=2).ok
    full.invitation.registration_deadline = full.date
    assert not c.registration_deadline(full, min_days_before=2).ok
    full.invitation.registration_deadline = None
    assert not c.registration_deadline(full, min_days_before=2).ok


def test_invitation_sent_by(full):
    assert c.invitation_sent_by(full, offset="-4w").ok
    full.invitation.sent_at = full.date - dt.timedelta(weeks=3)
    result = c.invitation_sent_by(full, offset="-4w")
    assert not result.ok and "later than 2027-02-18" in result.reason


def test_panel_questions_sent(full):
    assert c.panel_questions_sent(full, min_days_before=7).ok
    full.panel.sent_at = full.date - dt.timedelta(days=2)
    assert not c.panel_questions_sent(full, min_days_before=7).ok
    full.panel.sent_at = None
    assert "not been sent" in c.panel_questions_sent(full, min_days_before=7).reason


def test_personal_data_deleted(full):
    assert c.personal_data_deleted(full).ok
    assert not c.personal_data_deleted(make_event()).ok
