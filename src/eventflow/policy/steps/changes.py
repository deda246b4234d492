"""When: planners record, change or leave out work on the event."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ...errors import EventflowError
from ...texts import DEFAULT_DEFINITION
from ..stepdefs import when
from .world import World

if TYPE_CHECKING:
    from ...event import Event


@when('"{requirement}" is left undone', '"{requirement}" jää tekemättä',
      '"{requirement}" lämnas ogjort')
def left_undone(world: World, requirement: str) -> None:
    world.engine.tick(world.event_id, world.requirement(requirement).id, checked=False)


@when('"{requirement}" is waived because "{reason}"',
      '"{requirement}" ohitetaan perustellen "{reason}"',
      '"{requirement}" hoppas över med motiveringen "{reason}"')
def waived(world: World, requirement: str, reason: str) -> None:
    world.engine.tick(world.event_id, world.requirement(requirement).id, note=reason,
                      waive=True)


@when("the partner organisation withdraws", "kumppaniorganisaatio vetäytyy",
      "samarbetsorganisationen drar sig ur")
def partner_withdraws(world: World) -> None:
    def mutate(ev: Event) -> None:
        ev.partners = []
        for cost in ev.costs:
            cost.split = {}

    world.change(mutate)


@when("the only partner named is the organiser itself",
      "ainoa kumppaniksi merkitty on järjestäjä itse",
      "den enda angivna samarbetsorganisationen är arrangören själv")
def partner_is_host(world: World) -> None:
    # lazy: eventflow.event costs 27 ms (msgspec), see world.py
    from ...event import Partner

    world.change(lambda ev: setattr(ev, "partners", [
        Partner(id="p1", name=ev.host.name, type=ev.host.type or "authority")]))


@when("a second partner organisation joins", "toinen kumppaniorganisaatio liittyy mukaan",
      "en andra samarbetsorganisation ansluter sig")
def second_partner(world: World) -> None:
    # lazy: eventflow.event costs 27 ms (msgspec), see world.py
    from ...event import Partner

    world.change(lambda ev: ev.partners.append(
        Partner(id="p2", name="Pirkanmaan poliisilaitos", type="authority")))


@when("the agreement does not say who receives the registrations",
      "sopimuksesta puuttuu ilmoittautumisten vastaanottaja",
      "avtalet inte anger vem som tar emot anmälningarna")
def no_registrations_receiver(world: World) -> None:
    world.change(lambda ev: setattr(ev.agreement, "registrations_receiver", ""))


@when("a planner tries to extend the event to cover {region} as well",
      "suunnittelija yrittää laajentaa tilaisuuden kattamaan myös {region}",
      "en planerare försöker utvidga tillställningen till att även omfatta {region}")
def second_region(world: World, region: str) -> None:
    try:
        world.change(lambda ev: setattr(ev, "region", f"{ev.region}, {region}"))
    except EventflowError as exc:
        world.refusal = str(exc)


@when("the controller model for registration data is left open",
      "ilmoittautumistietojen rekisterinpitäjämalli jää avoimeksi",
      "modellen för personuppgiftsansvar för anmälningsuppgifterna lämnas öppen")
def no_controller_model(world: World) -> None:
    world.change(lambda ev: setattr(ev.agreement, "controller_model", ""))


@when("no one from the target group takes part in organising",
      "kohderyhmästä ei ole ketään mukana järjestämässä",
      "ingen från målgruppen deltar i arrangemangen")
def no_target_group_organiser(world: World) -> None:
    def mutate(ev: Event) -> None:
        for organiser in ev.organisers:
            organiser.target_group = ""

    world.change(mutate)


@when("the venue's accessibility is not recorded", "tilan esteettömyyttä ei ole kirjattu",
      "lokalens tillgänglighet inte har antecknats")
def no_venue_accessibility(world: World) -> None:
    world.change(lambda ev: setattr(ev.venue, "accessibility", []))


@when("the venue's address is not recorded", "tilan osoitetta ei ole kirjattu",
      "lokalens adress inte har antecknats")
def no_venue_address(world: World) -> None:
    world.change(lambda ev: setattr(ev.venue, "address", ""))


@when("the budget has no line for travel costs", "talousarviosta puuttuu matkakustannusten rivi",
      "budgeten saknar en post för resekostnader")
def no_travel_line(world: World) -> None:
    world.change(lambda ev: setattr(ev, "costs", [c for c in ev.costs if c.category != "travel"]))


@when("an expert speaking ex officio is booked for a fee of {fee:d} euros",
      "virkansa puolesta puhuvalle asiantuntijalle sovitaan {fee:d} euron palkkio",
      "en sakkunnig som medverkar i tjänsten bokas mot ett arvode på {fee:d} euro")
def ex_officio_with_fee(world: World, fee: int) -> None:
    _add_ex_officio(world, float(fee))


@when("an expert speaking ex officio is booked without a fee",
      "virkansa puolesta puhuva asiantuntija sovitaan ilman palkkiota",
      "en sakkunnig som medverkar i tjänsten bokas utan arvode")
def ex_officio_without_fee(world: World) -> None:
    _add_ex_officio(world, 0.0)


def _add_ex_officio(world: World, fee: float) -> None:
    # lazy: eventflow.event costs 27 ms (msgspec), see world.py
    from ...event import Speaker

    world.change(lambda ev: ev.speakers.append(Speaker(
        id="s9", name="Laura Niemi", slot="expert_talk", organisation="Oikeusministeriö",
        ex_officio=True, fee=fee)))


@when("the split of the catering costs adds up to {percent:d} %",
      "tarjoilukustannusten jako on yhteensä {percent:d} %",
      "fördelningen av serveringskostnaderna blir sammanlagt {percent:d} %")
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
      "kommenttipuheenvuoron pitäjä ei ole vielä vahvistanut osallistumistaan",
      "kommentatorn ännu inte har bekräftat sin medverkan")
def commentator_unconfirmed(world: World) -> None:
    world.change(lambda ev: setattr(_speakers(ev, "comment_talk")[0], "confirmed", False))


@when("the expert talk is dropped from the programme",
      "asiantuntijapuheenvuoro poistetaan ohjelmasta",
      "sakkunnigföredraget stryks ur programmet")
def drop_expert_talk(world: World) -> None:
    _drop_slot(world, "expert_talk")


@when("the talk on the region's population is dropped",
      "puheenvuoro alueen väestöstä poistetaan ohjelmasta",
      "anförandet om regionens befolkning stryks")
def drop_region_talk(world: World) -> None:
    _drop_slot(world, "region_talk")


@when("the panel is dropped from the programme", "paneeli poistetaan ohjelmasta",
      "panelen stryks ur programmet")
def drop_panel(world: World) -> None:
    _drop_slot(world, "panel")


def _drop_slot(world: World, slot: str) -> None:
    world.change(lambda ev: setattr(ev, "speakers", [s for s in ev.speakers if s.slot != slot]))


@when("a second talk on the region's population is added",
      "ohjelmaan lisätään toinen puheenvuoro alueen väestöstä",
      "ett andra anförande om regionens befolkning läggs till")
def second_region_talk(world: World) -> None:
    # lazy: eventflow.event costs 27 ms (msgspec), see world.py
    from ...event import Speaker

    world.change(lambda ev: ev.speakers.append(Speaker(
        id="s8", name="Pekka Aalto", slot="region_talk", organisation="Tilastokeskus",
        ex_officio=True, confirmed=True)))


@when("the programme has {count:d} comment talks", "ohjelmassa on {count:d} kommenttipuheenvuoroa",
      "programmet har {count:d} kommentarsanföranden")
def comment_talks(world: World, count: int) -> None:
    # lazy: eventflow.event costs 27 ms (msgspec), see world.py
    from ...event import Speaker

    groups = ("ngo", "religious", "employers", "media", "education")

    def mutate(ev: Event) -> None:
        others = [s for s in ev.speakers if s.slot != "comment_talk"]
        talks = [Speaker(id=f"c{i}", name=f"Commentator {i}", slot="comment_talk",
                         target_group=groups[i % len(groups)], confirmed=True)
                 for i in range(1, count + 1)]
        ev.speakers = others + talks

    world.change(mutate)


@when("the commentator's target group is not recorded",
      "kommenttipuheenvuoron pitäjän kohderyhmää ei ole kirjattu",
      "kommentatorns målgrupp inte har antecknats")
def commentator_without_group(world: World) -> None:
    world.change(lambda ev: setattr(_speakers(ev, "comment_talk")[0], "target_group", ""))


@when("the panelists have only {count:d} different roles",
      "panelisteilla on vain {count:d} eri roolia",
      "paneldeltagarna har bara {count:d} olika roller")
def panel_roles(world: World, count: int) -> None:
    def mutate(ev: Event) -> None:
        for i, panelist in enumerate(ev.panel.panelists):
            panelist.role = ev.panel.panelists[min(i, count - 1)].role

    world.change(mutate)


@when("a showcase of local good practice is added",
      "ohjelmaan lisätään paikallisen hyvän käytännön esittely",
      "en presentation av lokal god praxis läggs till")
def add_showcase(world: World) -> None:
    # lazy: eventflow.event costs 27 ms (msgspec), see world.py
    from ...event import Speaker

    world.change(lambda ev: ev.speakers.append(Speaker(
        id="s7", name="Naapurustoyhdistys", slot="showcase", confirmed=True)))


@when("no programme item deals with the sense of safety",
      "mikään ohjelman osa ei käsittele turvallisuuden tunnetta",
      "ingen programpunkt behandlar trygghetskänslan")
def programme_without_safety(world: World) -> None:
    def mutate(ev: Event) -> None:
        for speaker in ev.speakers:
            speaker.dimensions = [d for d in speaker.dimensions if d != "safety"]

    world.change(mutate)


@when("the definition of good population relations is dropped from the invitation",
      "hyvien väestösuhteiden määritelmä poistetaan kutsusta",
      "definitionen av goda relationer mellan befolkningsgrupper stryks ur inbjudan")
def drop_definition(world: World) -> None:
    world.change(lambda ev: setattr(ev.invitation, "definition", {}))


@when("the definition does not name the four dimensions",
      "määritelmässä ei mainita neljää osa-aluetta",
      "definitionen inte nämner de fyra delområdena")
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
    def mutate(ev: Event) -> None:
        ev.invitation.languages = languages
        ev.invitation.definition = {
            lang: ev.invitation.definition.get(lang)
            or DEFAULT_DEFINITION.get(lang, DEFAULT_DEFINITION["en"]) for lang in languages}

    world.change(mutate)


@when("the invitation is published only in Finnish", "kutsu julkaistaan vain suomeksi",
      "inbjudan publiceras bara på finska")
def only_finnish(world: World) -> None:
    _invitation_languages(world, ["fi"])


@when("the invitation is published in Finnish and Swedish",
      "kutsu julkaistaan suomeksi ja ruotsiksi",
      "inbjudan publiceras på finska och svenska")
def finnish_and_swedish(world: World) -> None:
    _invitation_languages(world, ["fi", "sv"])


@when("the invitation is published in North Sámi as well",
      "kutsu julkaistaan myös pohjoissaameksi",
      "inbjudan publiceras även på nordsamiska")
def north_sami_too(world: World) -> None:
    _invitation_languages(world, sorted(set(world.event.invitation.languages) | {"se"}))


@when("the invitation gives no accessibility contact person",
      "kutsussa ei nimetä esteettömyysasioiden yhteyshenkilöä",
      "inbjudan anger ingen kontaktperson för tillgänglighetsfrågor")
def no_accessibility_contact(world: World) -> None:
    world.change(lambda ev: setattr(ev.invitation, "accessibility_contact", ""))


@when("the registration form does not mention the recording",
      "ilmoittautumislomakkeessa ei kerrota tallentamisesta",
      "anmälningsblanketten inte nämner inspelningen")
def recording_not_on_form(world: World) -> None:
    world.change(lambda ev: setattr(ev.invitation, "recording_notice",
                                    [c for c in ev.invitation.recording_notice if c != "form"]))


@when("the regional ETNO is not invited", "alueellista ETNOa ei kutsuta",
      "den regionala delegationen för etniska relationer inte bjuds in")
def etno_not_invited(world: World) -> None:
    world.change(lambda ev: setattr(ev.invitation, "target_groups", [
        g for g in ev.invitation.target_groups if g != "regional_etno"]))


@when("only {count:d} target groups are invited", "kutsu osoitetaan vain {count:d} kohderyhmälle",
      "bara {count:d} målgrupper bjuds in")
def few_target_groups(world: World, count: int) -> None:
    world.change(lambda ev: setattr(ev.invitation, "target_groups",
                                    ev.invitation.target_groups[:count]))


@when("registration closes the day before the event",
      "ilmoittautuminen päättyy tilaisuutta edeltävänä päivänä",
      "anmälan stänger dagen före tillställningen")
def late_registration_deadline(world: World) -> None:
    world.change(lambda ev: setattr(ev.invitation, "registration_deadline",
                                    ev.date - dt.timedelta(days=1)))


@when("the invitation is sent only {weeks:d} weeks before the event",
      "kutsu lähetetään vasta {weeks:d} viikkoa ennen tilaisuutta",
      "inbjudan skickas först {weeks:d} veckor före tillställningen")
def late_invitation(world: World, weeks: int) -> None:
    world.change(lambda ev: setattr(ev.invitation, "sent_at",
                                    ev.date - dt.timedelta(weeks=weeks)))


@when("the questions are never sent to the panelists", "kysymyksiä ei lähetetä panelisteille",
      "frågorna aldrig skickas till paneldeltagarna")
def questions_not_sent(world: World) -> None:
    world.change(lambda ev: setattr(ev.panel, "sent_at", None))


@when("the questions are sent to the panelists only {days:d} days before the event",
      "kysymykset lähetetään panelisteille vasta {days:d} päivää ennen tilaisuutta",
      "frågorna skickas till paneldeltagarna först {days:d} dagar före tillställningen")
def questions_sent_late(world: World, days: int) -> None:
    world.change(lambda ev: setattr(ev.panel, "sent_at", ev.date - dt.timedelta(days=days)))


@when("no panel question deals with interaction",
      "mikään paneelikysymys ei käsittele vuorovaikutusta",
      "ingen panelfråga behandlar växelverkan")
def panel_without_interaction(world: World) -> None:
    def mutate(ev: Event) -> None:
        for question in ev.panel.questions:
            question.dimensions = [d for d in question.dimensions if d != "interaction"]

    world.change(mutate)


@when("the participants' personal data has not been deleted",
      "osallistujien henkilötietoja ei ole poistettu",
      "deltagarnas personuppgifter inte har raderats")
def personal_data_kept(world: World) -> None:
    world.change(lambda ev: ev.ext.get("participants", {}).pop("purged_at", None))
