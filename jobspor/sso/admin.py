"""The administrator keeps the group → role mapping here (Administration → Grupper til roller)."""

from django.contrib import admin

from jobspor.core.forms import ModelForm

from .models import GroupMapping, StaffIdentity


class GroupMappingForm(ModelForm):
    class Meta:
        model = GroupMapping
        fields = ["source", "group", "note", "role", "team"]


@admin.register(GroupMapping)
class GroupMappingAdmin(admin.ModelAdmin):
    form = GroupMappingForm
    list_display = ["group", "note", "source", "role", "team"]
    list_filter = ["source", "role", "team"]
    search_fields = ["group", "note"]


@admin.register(StaffIdentity)
class StaffIdentityAdmin(admin.ModelAdmin):
    list_display = ["employee", "source", "subject", "first_login", "last_login"]
    list_filter = ["source"]
    search_fields = ["employee__name", "subject"]
    readonly_fields = ["first_login", "last_login"]
