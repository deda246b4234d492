"""The fixed vocabularies of the domain (reference.md §2), importable without the data model.

Each is a ``Literal`` type (the schema in event.py uses them) and the tuple of its values.
"""

from typing import Literal, get_args

PartnerType = Literal["authority", "ngo", "community", "employer"]
SlotKind = Literal["expert_talk", "region_talk", "comment_talk", "panel", "showcase"]
CostCategory = Literal["venue", "catering", "speaker_fee", "travel", "other"]
Dimension = Literal["attitudes", "safety", "interaction", "participation"]

PARTNER_TYPES: tuple[PartnerType, ...] = get_args(PartnerType)
SLOT_KINDS: tuple[SlotKind, ...] = get_args(SlotKind)
COST_CATEGORIES: tuple[CostCategory, ...] = get_args(CostCategory)
DIMENSIONS: tuple[Dimension, ...] = get_args(Dimension)
AGREEMENT_TOPICS = ("date", "venue", "cost_sharing", "programme", "invitations_sender",
                    "registrations_receiver")
#: The topics agreed in prose, recorded per language; the others are a date or a name.
AGREEMENT_PROSE = ("cost_sharing", "programme")
TARGET_GROUPS = ("authority_local_regional", "regional_etno", "local_politicians", "religious",
                 "media", "education", "ngo", "employers", "unions", "other")
LANGUAGES = ("fi", "sv", "en", "se", "smn", "sms")
