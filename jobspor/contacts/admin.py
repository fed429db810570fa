from django.contrib import admin

from .models import StandardText


@admin.register(StandardText)
class StandardTextAdmin(admin.ModelAdmin):
    """Standard texts hold no citizen data: administrators keep them in the Django admin."""

    list_display = ["title", "kind", "tags", "is_active"]
    list_filter = ["is_active", "kind"]
    search_fields = ["title", "tags", "text"]
    fields = ["title", "kind", "tags", "text", "is_active"]

    def save_model(self, request, obj, form, change):
        obj.stamp(request.user)
        super().save_model(request, obj, form, change)
