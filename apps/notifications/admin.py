from django.contrib import admin

from .models import NotificationPreference, SentNotification


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email_enabled", "updated_at"]
    search_fields = ["user__username"]


@admin.register(SentNotification)
class SentNotificationAdmin(admin.ModelAdmin):
    list_display = ["task", "user", "kind", "sent_at"]
    list_filter = ["kind"]
    readonly_fields = ["task", "user", "kind", "sent_at"]
