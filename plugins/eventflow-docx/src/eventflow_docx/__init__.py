"""eventflow-docx: the invitation, the agreement memo and the speaker letters as Word files.

Municipal offices edit and file their documents in Word. This plugin adds three outputs to
``eventflow outputs``, each rendered in every language of the event (fi, sv, en):

* ``docx_agreement`` (stage ``partner_agreed``) — ``agreement-memo-<lang>.docx``;
* ``docx_speaker_letters`` (stage ``speakers``) — ``speaker-letter-<speaker>-<lang>.docx``;
* ``docx_invitation`` (stage ``invitations``) — ``invitation-<lang>.docx``;
* ``docx_panel_letters`` (stage ``panel_questions``) — ``panel-letter-<panelist>-<lang>.docx``.

Every document carries the organiser's letterhead (``[letterhead]`` of ``eventflow.toml``:
name, address, a PNG or JPEG logo) in its page header; letters are dated (the day they are
made) and name the event's contact person (``eventflow contact set``).

It uses only eventflow's public plugin API: ``eventflow.hookimpl``, the ``register_outputs``
hook and the render context it documents (``ctx.event``, ``ctx.languages``, ``ctx.settings``,
``ctx.label``, ``ctx.folder["letterhead"]``). Settings, in ``eventflow.toml``::

    [plugins.docx]
    signature = "Tampereen kaupunki, hyvinvointipalvelut"   # signs the letters
"""

from __future__ import annotations

from collections.abc import Callable

import eventflow

from .documents import (
    render_agreement,
    render_invitation,
    render_panel_letters,
    render_speaker_letters,
)

__version__ = "0.1.0"


@eventflow.hookimpl
def register_outputs(register: Callable[..., None]) -> None:
    register("docx_agreement", stage="partner_agreed", render=render_agreement,
             description="The co-organising agreement memo as a Word document.")
    register("docx_speaker_letters", stage="speakers", render=render_speaker_letters,
             description="A confirmation letter per speaker as a Word document.")
    register("docx_panel_letters", stage="panel_questions", render=render_panel_letters,
             description="A letter to each panelist, addressed by name, as a Word document.")
    register("docx_invitation", stage="invitations", render=render_invitation,
             description="The invitation as a Word document, in every event language.")
