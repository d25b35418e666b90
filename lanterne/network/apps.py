from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "lanterne.network"
    label = "network"
    verbose_name = _("réseau")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from lanterne.accounts.scoping import register_perimeter
        from lanterne.core.audit import register_action_labels
        from lanterne.territories.signals import territories_changed

        from . import notifications, perms  # noqa: F401  (register the mails and the rules)
        from .caching import structures_changed
        from .enums import AuditAction
        from .models import Structure
        from .perimeter import coordinated_perimeter
        from .receivers import refresh_search_text

        register_action_labels(dict(AuditAction.choices))
        register_perimeter(coordinated_perimeter)
        territories_changed.connect(refresh_search_text, dispatch_uid="network.refresh_search_text")
        for signal in (post_save, post_delete):
            signal.connect(structures_changed, sender=Structure, dispatch_uid="network.cache")
        territories_changed.connect(structures_changed, dispatch_uid="network.cache")

        from .privacy import register as register_personal_data

        register_personal_data()
