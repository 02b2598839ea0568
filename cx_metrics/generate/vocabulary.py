"""The words of the raw contract that the generator writes."""

from __future__ import annotations

CHANNELS = ("email", "chat", "phone", "web_form", "social", "chatbot", "community")
DIRECTIONS = ("inbound", "outbound")
TICKET_TYPES = ("question", "incident", "problem", "task", "complaint")
PRIORITIES = ("low", "normal", "high", "urgent")
STATUSES = ("new", "open", "pending", "on_hold", "solved", "closed")
EVENT_TYPES = ("public_reply", "internal_note", "status_change", "assignment")
ROLES = ("customer", "agent", "bot", "system")
LIFECYCLE_STAGES = ("lead", "customer")
SUBSCRIPTION_STATUSES = ("active", "cancelled", "ended")
INTERVALS = ("month", "year")
SPEND_TYPES = ("marketing", "sales")
SURVEY_TYPES = ("csat", "nps", "ces", "task_completion", "visitor_intent", "employee")
SCALES = ("1-5", "0-10", "1-10", "1-7", "yes_no", "choice")
RESPONDENT_TYPES = ("contact", "employee")
