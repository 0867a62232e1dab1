"""Pure functions of the journal and `today`: all of netjournal's judgement lives here."""

from .agenda import (
    CadenceReport,
    DueFollowUp,
    FollowUpAgenda,
    GoingCold,
    cadence_report,
    follow_up_agenda,
    follow_ups_by_contact,
    open_follow_ups,
)
from .sources import ReferralBalance, SourceSummary, referral_ledger, source_summaries
from .timeline import Happening, TimelineEvent, recent_entries, timeline, timelines
from .touches import last_touches, touched, touches

__all__ = [
    "CadenceReport",
    "DueFollowUp",
    "FollowUpAgenda",
    "GoingCold",
    "Happening",
    "ReferralBalance",
    "SourceSummary",
    "TimelineEvent",
    "cadence_report",
    "follow_up_agenda",
    "follow_ups_by_contact",
    "last_touches",
    "open_follow_ups",
    "recent_entries",
    "referral_ledger",
    "source_summaries",
    "timeline",
    "timelines",
    "touched",
    "touches",
]
