from django.apps import AppConfig
from django.core import checks


class AuditConfig(AppConfig):
    name = "frontdoor.audit"
    label = "audit"

    def ready(self) -> None:
        from frontdoor.audit.keys import check_audit_keys

        # Not deploy-only: `migrate` runs it too, and refuses to seal rows without a real key.
        checks.register(check_audit_keys, checks.Tags.security)
