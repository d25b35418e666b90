from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lanterne.core"
    label = "core"
    verbose_name = _("socle")

    def ready(self):
        from django.contrib.admin.models import LogEntry

        from . import personal_data
        from .audit import record_admin_change

        personal_data.register()
        # Every change made in the admin, for every registered model, reaches the trail.
        post_save.connect(record_admin_change, sender=LogEntry, dispatch_uid="audit_admin_change")
