"""The back office's roles and review workflows, by name: one place for the data migration,
the demo and the tests."""

EDITORS = "编辑"
MODERATORS = "审核人"
LEGAL_REVIEWERS = "法制审核人"
ORGANISERS = "活动组织者"
CONTACT_POINTS = "合规建设联系点"  # industry associations' contact points: the risk picture
DISTRICT_OFFICE = "区营商办"  # the district office: the risk picture

CONTENT_REVIEW = "内容审核"  # Wagtail's default workflow on the root page, renamed
GUIDELINE_REVIEW = "指引与案例审核"  # guidelines and cases: business review, then legal review
BUSINESS_REVIEW_TASK = "业务审核"
LEGAL_REVIEW_TASK = "法制审核"


def assign_guideline_review(page):
    """Guidelines and cases under `page` go through business review, then legal review."""
    from wagtail.models import Workflow, WorkflowPage

    workflow = Workflow.objects.filter(name=GUIDELINE_REVIEW, active=True).first()
    if workflow is not None:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
