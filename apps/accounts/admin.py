from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError

from . import services
from .models import ApiToken


class RateLimitedAdminLoginForm(AdminAuthenticationForm):
    """/admin/login/ counts each attempt against the same limits as the GraphQL ``login`` and
    /masuk/, before the password is checked (so a blocked guesser learns nothing)."""

    def clean(self):
        try:
            services.check_login_rate(self.request, self.cleaned_data.get("username") or "")
        except services.TooManyAttempts as exc:
            raise ValidationError(exc.message, code="too_many_attempts") from None
        return super().clean()


admin.site.login_form = RateLimitedAdminLoginForm


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "created_at", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["user__username", "prefix"]
    readonly_fields = ["user", "digest", "prefix", "created_at", "expires_at", "last_used_at"]
