"""Pure functions of the journal and `today`: all of netjournal's judgement lives here."""

from netjournal.queries.agenda import (
    CadenceReport,
    DueFollowUp,
    FollowUpAgenda,
    GoingCold,
    KeepInTouch,
    cadence_report,
    follow_up_agenda,
    follow_ups_by_contact,
    keep_in_touch,
    open_follow_ups,
)
from netjournal.queries.sources import (
    ReferralBalance,
    SourceSummary,
    brought_by,
    opportunity_referrer,
    referral_ledger,
    referral_totals,
    source_summaries,
)
from netjournal.queries.timeline import (
    Happening,
    TimelineEvent,
    kinds,
    recent_entries,
    timeline,
    timelines,
)
from netjournal.queries.touches import TouchSummary, last_touches, touch_summaries, touched, touches

__all__ = [
    "CadenceReport",
    "DueFollowUp",
    "FollowUpAgenda",
    "GoingCold",
    "Happening",
    "KeepInTouch",
    "ReferralBalance",
    "SourceSummary",
    "TimelineEvent",
    "TouchSummary",
    "brought_by",
    "cadence_report",
    "follow_up_agenda",
    "follow_ups_by_contact",
    "keep_in_touch",
    "kinds",
    "last_touches",
    "open_follow_ups",
    "opportunity_referrer",
    "recent_entries",
    "referral_ledger",
    "referral_totals",
    "source_summaries",
    "timeline",
    "timelines",
    "touch_summaries",
    "touched",
    "touches",
]
