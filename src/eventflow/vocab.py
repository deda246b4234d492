"""The fixed vocabularies of the domain (reference.md §2), importable without the data model."""

PARTNER_TYPES = ("authority", "ngo", "community", "employer")
SLOT_KINDS = ("expert_talk", "region_talk", "comment_talk", "panel", "showcase")
COST_CATEGORIES = ("venue", "catering", "speaker_fee", "travel", "other")
DIMENSIONS = ("attitudes", "safety", "interaction", "participation")
AGREEMENT_TOPICS = ("date", "venue", "cost_sharing", "programme", "invitations_sender",
                    "registrations_receiver")
TARGET_GROUPS = ("authority_local_regional", "regional_etno", "local_politicians", "religious",
                 "media", "education", "ngo", "employers", "unions", "other")
LANGUAGES = ("fi", "sv", "en", "se", "smn", "sms")
