"""The survey core: campaigns, the walk, validation and the tally. Pure Python, no I/O."""

from survey.campaign import Area, Campaign, CommentRule, Option, Question
from survey.loader import CampaignError, load_campaign, load_campaigns
from survey.problem import Problem
from survey.response import Response
from survey.tally import AreaCount, Tally, tally_from_counts
from survey.validation import Answers, validate
from survey.walk import (
    STEP_TYPES,
    AreasStep,
    ChoiceStep,
    CommentStep,
    ConfirmStep,
    Draft,
    IntroStep,
    LanguageStep,
    Step,
    steps,
)

__all__ = [
    "STEP_TYPES",
    "Answers",
    "Area",
    "AreaCount",
    "AreasStep",
    "Campaign",
    "CampaignError",
    "ChoiceStep",
    "CommentRule",
    "CommentStep",
    "ConfirmStep",
    "Draft",
    "IntroStep",
    "LanguageStep",
    "Option",
    "Problem",
    "Question",
    "Response",
    "Step",
    "Tally",
    "load_campaign",
    "load_campaigns",
    "steps",
    "tally_from_counts",
    "validate",
]
