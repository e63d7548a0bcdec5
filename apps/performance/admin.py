from django.contrib import admin

from .models import SatisfactionSurvey


@admin.register(SatisfactionSurvey)
class SatisfactionSurveyAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "respondents", "score", "category", "submitted_by", "submitted_at"]
    list_filter = ["year", "category"]
    search_fields = ["unit__name", "unit__code"]
    readonly_fields = ["responses", "respondents", "score", "category", "element_scores", "submitted_by", "submitted_at"]
