"""Roles named in Chinese with the permissions each needs, and the review workflows.

Wagtail's own migrations create "Editors", "Moderators" and the "Moderators approval" workflow;
they are renamed here (buttons read "提交给内容审核"), a legal reviewers' group is added, and the
guideline-and-case workflow has a business review, then a legal review.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS, MODERATORS, LEGAL_REVIEWERS, ORGANISERS = "编辑", "审核人", "法制审核人", "活动组织者"
CONTENT_REVIEW, GUIDELINE_REVIEW = "内容审核", "指引与案例审核"
BUSINESS_REVIEW_TASK, LEGAL_REVIEW_TASK = "业务审核", "法制审核"

# Snippet permissions by group: what each role edits, and no more (editors do not see
# registrations, phone numbers included; the drill reports are for moderators).
SNIPPETS = {
    EDITORS: [
        ("library", "industry", ("add", "change", "view")),
        ("library", "riskarea", ("add", "change", "view")),
        ("library", "contactpoint", ("add", "change", "view")),
        ("courses", "question", ("add", "change", "view")),
        ("courses", "legaltopic", ("add", "change", "view")),
    ],
    MODERATORS: [
        ("library", "industry", ("add", "change", "delete", "view")),
        ("library", "riskarea", ("add", "change", "delete", "view")),
        ("library", "contactpoint", ("add", "change", "delete", "view")),
        ("courses", "question", ("add", "change", "delete", "view")),
        ("courses", "legaltopic", ("add", "change", "delete", "view")),
        ("drills", "drillrun", ("view",)),
    ],
    LEGAL_REVIEWERS: [],
    ORGANISERS: [],
}


def permission(apps, app_label, model, action):
    Permission = apps.get_model("auth.Permission")
    return Permission.objects.filter(
        content_type__app_label=app_label, codename=f"{action}_{model}"
    ).first()


def forwards(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Page = apps.get_model("wagtailcore.Page")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    ContentType = apps.get_model("contenttypes.ContentType")

    # Permissions are created after migrations; the ones granted here must exist now.
    for label in ("wagtailcore", "wagtailadmin", "library", "courses", "drills"):
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)

    Group.objects.filter(name="Editors").update(name=EDITORS)
    Group.objects.filter(name="Moderators").update(name=MODERATORS)
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in SNIPPETS}
    access_admin = permission(apps, "wagtailadmin", "admin", "access")
    for name, grants in SNIPPETS.items():
        group = groups[name]
        if access_admin is not None:
            group.permissions.add(access_admin)
        for app_label, model, actions in grants:
            for action in actions:
                found = permission(apps, app_label, model, action)
                if found is not None:
                    group.permissions.add(found)

    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for action in ("change", "publish"):
            GroupPagePermission.objects.get_or_create(
                group=groups[LEGAL_REVIEWERS],
                page=root,
                permission=permission(apps, "wagtailcore", "page", action),
            )

    task_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )

    def approval_task(name, group):
        task = GroupApprovalTask.objects.filter(name=name).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=name, content_type=task_type, active=True)
        task.groups.set([group])
        return task

    default = Workflow.objects.filter(name="Moderators approval").first()
    if default is not None:
        default.name = CONTENT_REVIEW
        default.save()
        GroupApprovalTask.objects.filter(name="Moderators approval").update(
            name=BUSINESS_REVIEW_TASK
        )
    business = approval_task(BUSINESS_REVIEW_TASK, groups[MODERATORS])
    legal = approval_task(LEGAL_REVIEW_TASK, groups[LEGAL_REVIEWERS])
    guideline_review, _created = Workflow.objects.get_or_create(
        name=GUIDELINE_REVIEW, defaults={"active": True}
    )
    for order, task in enumerate((business, legal)):
        WorkflowTask.objects.get_or_create(
            workflow=guideline_review, task=task, defaults={"sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
