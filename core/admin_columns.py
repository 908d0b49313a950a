"""Columns the admin's report tables share."""

from wagtail.admin.ui.tables import Column


class DashColumn(Column):
    """A figure that may be missing (too few firms, no run yet): shown as "—", in the export too."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return "—" if value in (None, "") else value
