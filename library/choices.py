"""The library's fixed vocabularies, shared by its models, list filters and PDFs without importing pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GuidelineLevel(models.TextChoices):
    RED = "red", _("红线")
    YELLOW = "yellow", _("底线")
    GREEN = "green", _("倡导/推荐做法")


class FlexibleCategory(models.TextChoices):
    FIRST_OFFENCE = "first_offence", _("首违不罚")
    MINOR = "minor", _("轻微减罚")
    ADMIT = "admit", _("认罚轻处")
    PUBLIC_INTEREST = "public_interest", _("公益减罚")


class CaseType(models.TextChoices):
    CRIMINAL = "criminal", _("刑事")
    ADMINISTRATIVE = "administrative", _("行政")
